package io.github.springsocketio.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Runs when a socket of the controller's namespace has disconnected, after the events
 * that arrived before. Takes the same context parameters as {@link OnEvent} methods plus
 * the {@link io.github.springsocketio.server.DisconnectReason}; at most one per namespace.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(SocketIOMappingReflectiveProcessor.class)
public @interface OnDisconnect {

}
