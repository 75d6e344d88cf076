package io.github.springsocketio.annotation;

import java.util.Set;

import io.github.springsocketio.server.Socket;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.reactive.SyncHandlerMethodArgumentResolver;

/**
 * Resolves {@link Auth} parameters: the CONNECT packet's auth payload, converted; absent
 * for server-side events, which have no socket.
 */
final class AuthArgumentResolver implements SyncHandlerMethodArgumentResolver, ScopedArgumentResolver {

	private final ArgumentConverter converter;

	AuthArgumentResolver(ArgumentConverter converter) {
		this.converter = converter;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.hasParameterAnnotation(Auth.class);
	}

	@Override
	public @Nullable Object resolveArgumentValue(MethodParameter parameter, Message<?> message) {
		Socket socket = DispatchHeaders.socket(message);
		return this.converter.convert((socket != null) ? socket.handshake().auth() : null, parameter, message,
				"auth payload");
	}

	@Override
	public Set<SocketIOMapping.Kind> scope() {
		return SOCKET;
	}

}
