package io.github.springsocketio.security;

import io.github.springsocketio.engine.EngineIoPaths;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Exempts the Engine.IO endpoint's requests from Spring Security's CSRF protection
 * ({@link CsrfWebFilter#skipExchange}), ahead of any security filter chain, Boot's
 * default one or the application's: the only state-changing request there, a polling
 * POST, acts only with a session id, an unguessable per-session token that a
 * cross-site page cannot know; the handshake that creates a session is a GET, subject
 * to CORS and to the application's authentication rules like any other request.
 */
public final class EngineIoCsrfExemption implements WebFilter, Ordered {

	/** Just before Spring Security's {@code WebFilterChainProxy} (order -100). */
	public static final int ORDER = -101;

	private final EngineIoPaths paths;

	/**
	 * Create the filter.
	 * @param paths the paths of the Engine.IO endpoints
	 */
	public EngineIoCsrfExemption(EngineIoPaths paths) {
		this.paths = paths;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.paths.matches(exchange.getRequest())) {
			CsrfWebFilter.skipExchange(exchange);
		}
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
