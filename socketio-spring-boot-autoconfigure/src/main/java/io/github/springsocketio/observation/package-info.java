/**
 * Micrometer {@code Observation}s of the Socket.IO server: one per accepted connection
 * and one per handled event, timed by the meter handlers and traced by Micrometer
 * Tracing (a client's trace context continued), with their auto-configuration. Built
 * on the {@code server} layer through its {@code HandlingObserver}, never used by it.
 */
@NullMarked
package io.github.springsocketio.observation;

import org.jspecify.annotations.NullMarked;
