/**
 * Spring Boot auto-configuration and {@code socketio.*} properties.
 */
@NullMarked
package io.github.springsocketio.autoconfigure;

import org.jspecify.annotations.NullMarked;
