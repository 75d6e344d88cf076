/**
 * Operations support for the Socket.IO server: the {@code socketio} actuator endpoint,
 * a health contribution and Micrometer meters, with their auto-configuration. Built
 * on the {@code server} and {@code engine} layers, never used by them.
 */
@NullMarked
package io.github.springsocketio.actuate;

import org.jspecify.annotations.NullMarked;
