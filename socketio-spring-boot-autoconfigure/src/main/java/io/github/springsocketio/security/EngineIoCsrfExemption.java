package io.github.springsocketio.security;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
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

	private final Supplier<? extends Collection<String>> mountedPaths;

	private volatile @Nullable Set<String> paths;

	/**
	 * Create the filter.
	 * @param mountedPaths the paths the Engine.IO endpoints are mounted at, asked on
	 * first use
	 */
	public EngineIoCsrfExemption(Supplier<? extends Collection<String>> mountedPaths) {
		this.mountedPaths = mountedPaths;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (paths().contains(exchange.getRequest().getPath().pathWithinApplication().value())) {
			CsrfWebFilter.skipExchange(exchange);
		}
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	/** The mounted paths, with and without their trailing slash, as they are matched. */
	private Set<String> paths() {
		Set<String> paths = this.paths;
		if (paths == null) {
			paths = new HashSet<>();
			for (String path : this.mountedPaths.get()) {
				String bare = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
				paths.add(bare);
				paths.add(bare + "/");
			}
			paths = Set.copyOf(paths);
			this.paths = paths;
		}
		return paths;
	}

}
