package io.github.springsocketio.annotation;

import java.security.Principal;
import java.util.Set;

import io.github.springsocketio.server.Socket;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.reactive.SyncHandlerMethodArgumentResolver;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.StringUtils;

/**
 * Resolves parameters annotated with Spring Security's {@link AuthenticationPrincipal}:
 * the principal of the {@link Authentication} of the socket's handshake (a
 * {@code UserDetails}, a {@code Jwt}...), {@code null} for an anonymous handshake or a
 * principal of another type (or a {@link ClassCastException} with
 * {@code errorOnInvalidType}). Registered only when Spring Security is on the classpath;
 * the annotation's SpEL {@code expression} is not supported and fails the startup.
 */
final class AuthenticationPrincipalArgumentResolver
		implements SyncHandlerMethodArgumentResolver, ScopedArgumentResolver {

	@Override
	public Set<SocketIOMapping.Kind> scope() {
		return SOCKET;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		AuthenticationPrincipal annotation = parameter.getParameterAnnotation(AuthenticationPrincipal.class);
		if (annotation == null) {
			return false;
		}
		if (StringUtils.hasText(annotation.expression())) {
			throw new IllegalStateException("@AuthenticationPrincipal(expression) is not supported on "
					+ parameter.getExecutable() + ": declare the principal's type and read it in the method");
		}
		return true;
	}

	@Override
	public @Nullable Object resolveArgumentValue(MethodParameter parameter, Message<?> message) {
		Socket socket = DispatchHeaders.socket(message);
		Principal principal = (socket != null) ? socket.handshake().principal() : null;
		if (!(principal instanceof Authentication authentication)) {
			return null;
		}
		Object value = authentication.getPrincipal();
		if (value != null && !parameter.getParameterType().isInstance(value)) {
			AuthenticationPrincipal annotation = parameter.getParameterAnnotation(AuthenticationPrincipal.class);
			if (annotation != null && annotation.errorOnInvalidType()) {
				throw new ClassCastException(value + " is not assignable to " + parameter.getParameterType());
			}
			return null;
		}
		return value;
	}

}
