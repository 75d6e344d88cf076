package io.github.springsocketio.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Handles an event that another node of the cluster sent to the controller's namespace
 * with {@link io.github.springsocketio.server.Namespace#serverSideEmit serverSideEmit}
 * or {@link io.github.springsocketio.server.Namespace#serverSideEmitWithAck
 * serverSideEmitWithAck}: the annotated form of
 * {@link io.github.springsocketio.server.Namespace#onServerSideEmit onServerSideEmit}.
 * Events reach it through a cluster adapter ({@code socketio.adapter.type=redis}); a node
 * never receives its own, and the in-memory adapter has no other node.
 * <p>
 * Parameters of the types {@link io.github.springsocketio.server.ServerSideEvent},
 * {@link io.github.springsocketio.server.Namespace} and
 * {@link org.springframework.messaging.Message} are resolved from the context; every
 * other parameter takes the next argument of the event, converted as for {@link OnEvent}
 * ({@code byte[]} from binary, {@code JsonNode} as is, {@code null} or an empty
 * {@code Optional} when absent, {@code @Valid} validated). A server-side event has no
 * socket: a method that declares a socket's context ({@code Socket},
 * {@code SocketEvent}, {@link AckSender}, {@code Handshake}, {@code DisconnectReason},
 * {@code Principal}, {@link Auth}) fails the startup.
 * <p>
 * When the sender waits for answers ({@code serverSideEmitWithAck}), a returned value,
 * or the value of a returned {@code Mono} (or the list of a {@code Flux}), is this
 * node's answer, as if passed to {@code ServerSideEvent.ack}. {@code void},
 * {@code Mono<Void>}, {@code null} and an empty {@code Mono} answer nothing, and the
 * sender, which waits for every node, then fails with the adapter's request timeout.
 * <p>
 * Exceptions go to the {@code @MessageExceptionHandler} methods of the controller and of
 * {@code @ControllerAdvice} beans, whose value is the answer (socket parameters of a
 * handler shared with client events are {@code null} here); an exception none handles is
 * logged and answered with {@code {"error": message}}.
 * <p>
 * Methods that return a reactive type run inline on the adapter's thread and must not
 * block; the others run on the controller executor, one at a time and in arrival order
 * per namespace. Each name may be mapped once per namespace, and not to a reserved name
 * ({@code connect}, {@code connection}, {@code new_namespace}); a method carries at most
 * one of the mapping annotations.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(SocketIOMappingReflectiveProcessor.class)
public @interface OnServerSideEvent {

	/**
	 * The name of the server-side event.
	 * @return the name
	 */
	String value();

}
