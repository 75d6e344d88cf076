package io.github.springsocketio.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;
import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * A component whose {@link OnEvent}, {@link OnConnect}, {@link OnDisconnect} and
 * {@link BeforeConnect} methods handle the sockets of one namespace, and whose
 * {@link OnServerSideEvent} methods handle the events other nodes of the cluster send to
 * it. Several controllers may share a namespace; each event, each server-side event (and
 * each of connect, disconnect and before-connect) may be mapped only once per namespace,
 * or the application fails to start.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
@Reflective(SocketIOMappingReflectiveProcessor.class)
public @interface SocketIOController {

	/**
	 * Alias for {@link #namespace}.
	 * @return the namespace
	 */
	@AliasFor("namespace")
	String value() default "/";

	/**
	 * The namespace the controller serves, e.g. {@code /chat} (a leading slash is added if
	 * missing).
	 * @return the namespace, {@code /} by default
	 */
	@AliasFor("value")
	String namespace() default "/";

}
