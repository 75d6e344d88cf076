package io.github.springsocketio.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * A connection middleware of the controller's namespace: runs before a socket is
 * admitted. Returning normally (or completing a returned {@code Mono<Void>}) admits it;
 * throwing (or erroring) refuses it with a CONNECT_ERROR carrying the exception's message,
 * and its data when it is a {@link io.github.springsocketio.server.ConnectionRefusedException}.
 * Errors of these methods are not passed to {@code @MessageExceptionHandler} methods. It
 * runs after the {@link NamespaceConnectMiddleware} beans of the namespace; at most one
 * per namespace.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(SocketIOMappingReflectiveProcessor.class)
public @interface BeforeConnect {

}
