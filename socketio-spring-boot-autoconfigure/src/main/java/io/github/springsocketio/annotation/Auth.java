package io.github.springsocketio.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler method parameter to the auth payload of the socket's CONNECT packet
 * ({@code handshake().auth()}), converted to the parameter's type with the application's
 * {@code JsonMapper}; a {@code JsonNode} parameter receives it as is.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Auth {

}
