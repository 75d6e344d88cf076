package io.github.springsocketio.annotation;

import java.security.Principal;
import java.util.Set;
import java.util.function.Function;

import io.github.springsocketio.server.DisconnectReason;
import io.github.springsocketio.server.Handshake;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.ServerSideEvent;
import io.github.springsocketio.server.Socket;
import io.github.springsocketio.server.SocketEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.reactive.SyncHandlerMethodArgumentResolver;

/**
 * Resolves parameters of one context type from the message headers: one instance per
 * type (see the factory methods). A parameter of a subtype receives the value only if
 * it is an instance of it, e.g. a {@code Principal} parameter declared as Spring
 * Security's {@code Authentication}. Context a message does not have (a socket for a
 * server-side event, or the reverse) is {@code null}: only exception handlers get it,
 * since mapped methods that declare it fail the startup (see
 * {@link ScopedArgumentResolver}).
 */
final class ContextArgumentResolver implements SyncHandlerMethodArgumentResolver, ScopedArgumentResolver {

	private static final AckSender NO_ACK = (values) -> false;

	private final Class<?> type;

	private final Set<SocketIOMapping.Kind> scope;

	private final Function<Message<?>, @Nullable Object> value;

	private ContextArgumentResolver(Class<?> type, Set<SocketIOMapping.Kind> scope,
			Function<Message<?>, @Nullable Object> value) {
		this.type = type;
		this.scope = scope;
		this.value = value;
	}

	static ContextArgumentResolver message() {
		return new ContextArgumentResolver(Message.class, ALL, (message) -> message);
	}

	static ContextArgumentResolver namespace() {
		return new ContextArgumentResolver(Namespace.class, ALL, DispatchHeaders::namespace);
	}

	static ContextArgumentResolver socket() {
		return new ContextArgumentResolver(Socket.class, SOCKET, DispatchHeaders::socket);
	}

	static ContextArgumentResolver event() {
		return new ContextArgumentResolver(SocketEvent.class, SOCKET, DispatchHeaders::event);
	}

	static ContextArgumentResolver ackSender() {
		return new ContextArgumentResolver(AckSender.class, SOCKET, (message) -> {
			SocketEvent event = DispatchHeaders.event(message);
			return (event != null) ? (AckSender) event::ack : NO_ACK;
		});
	}

	static ContextArgumentResolver handshake() {
		return new ContextArgumentResolver(Handshake.class, SOCKET, (message) -> {
			Socket socket = DispatchHeaders.socket(message);
			return (socket != null) ? socket.handshake() : null;
		});
	}

	static ContextArgumentResolver disconnectReason() {
		return new ContextArgumentResolver(DisconnectReason.class, SOCKET, DispatchHeaders::disconnectReason);
	}

	static ContextArgumentResolver principal() {
		return new ContextArgumentResolver(Principal.class, SOCKET, (message) -> {
			Socket socket = DispatchHeaders.socket(message);
			return (socket != null) ? socket.handshake().principal() : null;
		});
	}

	static ContextArgumentResolver serverSideEvent() {
		return new ContextArgumentResolver(ServerSideEvent.class, SERVER_SIDE, DispatchHeaders::serverSideEvent);
	}

	@Override
	public Set<SocketIOMapping.Kind> scope() {
		return this.scope;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return this.type.isAssignableFrom(parameter.getParameterType()) && !parameter.hasParameterAnnotation(Auth.class);
	}

	@Override
	public @Nullable Object resolveArgumentValue(MethodParameter parameter, Message<?> message) {
		Object resolved = this.value.apply(message);
		return parameter.getParameterType().isInstance(resolved) ? resolved : null;
	}

	@Override
	public String toString() {
		return "ContextArgumentResolver[" + this.type.getSimpleName() + "]";
	}

}
