package io.github.springsocketio.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Handles an event of the controller's namespace.
 * <p>
 * Parameters of the types {@link io.github.springsocketio.server.Socket},
 * {@link io.github.springsocketio.server.SocketEvent}, {@link AckSender},
 * {@link io.github.springsocketio.server.Handshake},
 * {@link io.github.springsocketio.server.Namespace}, {@link java.security.Principal}
 * (the handshake request's authenticated user, or {@code null}) and
 * {@link org.springframework.messaging.Message}, and parameters annotated with
 * {@link Auth}, are resolved from the context; every other parameter takes the next
 * argument of the event, in order, converted to its type with the application's
 * {@code JsonMapper} ({@code byte[]} from binary, {@code JsonNode} as is, {@code null} or
 * an empty {@code Optional} when absent). Parameters
 * annotated with {@code @Valid} or {@code @Validated} are validated when a Bean Validation
 * provider is present.
 * <p>
 * A returned value, or the value of a returned {@code Mono} (or the list of a
 * {@code Flux}), becomes the acknowledgement when the client asked for one;
 * {@code void} and {@code Mono<Void>} send none. Methods that return a reactive type
 * run inline; the others run on the controller executor, in arrival order per socket.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(SocketIOMappingReflectiveProcessor.class)
public @interface OnEvent {

	/**
	 * The event name.
	 * @return the name
	 */
	String value();

}
