package io.github.springsocketio.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Runs when a socket has connected to the controller's namespace, before its first
 * event is handled by the controllers. Takes the same context parameters as
 * {@link OnEvent} methods; at most one per namespace.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(SocketIOMappingReflectiveProcessor.class)
public @interface OnConnect {

}
