/**
 * The conformance fixture, active under the {@code conformance} profile (see
 * {@code shared/conformance-fixture.md}).
 */
@NullMarked
package io.github.springsocketio.sample.conformance;

import org.jspecify.annotations.NullMarked;
