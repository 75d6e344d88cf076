package io.github.springsocketio.security;

import java.security.Principal;

import io.github.springsocketio.server.HandlerScope;
import io.github.springsocketio.server.Socket;
import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Makes the {@link Authentication} of a socket's handshake (the principal Spring
 * Security established for that request: session cookie, HTTP Basic, bearer token) the
 * security context of its handlers, the Spring way: in
 * {@link SecurityContextHolder} while a handler runs on a thread (blocking controller
 * methods, listeners), and in the Reactor context for reactive code
 * ({@link ReactiveSecurityContextHolder}, reactive method security).
 */
public final class SecurityContextScope implements HandlerScope {

	private final SecurityContextHolderStrategy strategy;

	/**
	 * Create a scope using the application's {@link SecurityContextHolder} strategy.
	 */
	public SecurityContextScope() {
		this(SecurityContextHolder.getContextHolderStrategy());
	}

	/**
	 * Create a scope using a holder strategy.
	 * @param strategy the strategy
	 */
	public SecurityContextScope(SecurityContextHolderStrategy strategy) {
		this.strategy = strategy;
	}

	@Override
	public Restore open(Socket socket) {
		Authentication authentication = authentication(socket);
		if (authentication == null) {
			return Restore.NOTHING;
		}
		SecurityContext previous = this.strategy.getContext();
		SecurityContext context = this.strategy.createEmptyContext();
		context.setAuthentication(authentication);
		this.strategy.setContext(context);
		return () -> {
			if (previous.getAuthentication() == null) {
				this.strategy.clearContext();
			}
			else {
				this.strategy.setContext(previous);
			}
		};
	}

	@Override
	public Context enrich(Socket socket, Context context) {
		Authentication authentication = authentication(socket);
		return (authentication != null)
				? context.putAll(ReactiveSecurityContextHolder.withAuthentication(authentication).readOnly())
				: context;
	}

	/**
	 * Return the authentication of a socket's handshake.
	 * @param socket the socket
	 * @return the authentication, or {@code null} for an anonymous handshake
	 */
	public static @Nullable Authentication authentication(Socket socket) {
		Principal principal = socket.handshake().principal();
		return (principal instanceof Authentication authentication) ? authentication : null;
	}

}
