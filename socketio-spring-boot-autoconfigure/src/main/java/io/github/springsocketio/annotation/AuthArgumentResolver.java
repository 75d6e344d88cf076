package io.github.springsocketio.annotation;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.reactive.SyncHandlerMethodArgumentResolver;

/**
 * Resolves {@link Auth} parameters: the CONNECT packet's auth payload, converted.
 */
final class AuthArgumentResolver implements SyncHandlerMethodArgumentResolver {

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
		return this.converter.convert(DispatchHeaders.socket(message).handshake().auth(), parameter, message,
				"auth payload");
	}

}
