package io.github.springsocketio.engine;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.util.Assert;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

/**
 * Mounts an {@link EngineIoServer} at a path of the application's own WebFlux server,
 * with and without a trailing slash, ahead of every other mapping (the actuator's
 * included: an Engine.IO request is looked up here first, by exact path) but matching
 * nothing else, so other routes stay reachable.
 * CORS preflights are answered from the given configuration. The mapping owns the
 * server's lifecycle: when the context stops, every session is closed (clients see
 * the transport close and reconnect, possibly to another node) before the web server
 * starts its graceful shutdown.
 */
public class EngineIoHandlerMapping extends SimpleUrlHandlerMapping implements SmartLifecycle, DisposableBean {

	/**
	 * Lifecycle phase: stopped before the web server's graceful shutdown
	 * ({@code DEFAULT_PHASE - 1024}), which would otherwise wait for the open
	 * connections to end by themselves.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private volatile boolean running;

	private static final Logger logger = LoggerFactory.getLogger(EngineIoHandlerMapping.class);

	/**
	 * Order of the mapping: first of all. It matches two exact paths only, so nothing
	 * else is hidden, and Engine.IO requests skip the pattern matching of the mappings
	 * ahead of the routers (the actuator's at -100 costs 8% of a long-polling request).
	 */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

	private final String path;

	private final EngineIoServer server;

	private final @Nullable CorsConfiguration cors;

	/**
	 * Create a mapping.
	 * @param path the mount path, e.g. {@code /socket.io/}
	 * @param server the Engine.IO server
	 * @param cors the CORS settings, or {@code null} for none
	 */
	public EngineIoHandlerMapping(String path, EngineIoServer server, @Nullable CorsConfiguration cors) {
		this.path = normalize(path);
		this.server = server;
		this.cors = cors;
		Map<String, Object> urls = new LinkedHashMap<>();
		urls.put(this.path, server);
		urls.put(this.path + "/", server);
		setUrlMap(urls);
		setOrder(ORDER);
		if (cors != null) {
			Map<String, CorsConfiguration> corsConfigurations = new LinkedHashMap<>();
			corsConfigurations.put(this.path, cors);
			corsConfigurations.put(this.path + "/", cors);
			setCorsConfigurations(corsConfigurations);
		}
	}

	/**
	 * Find the Engine.IO server for a request, or, without CORS settings, the refusal of
	 * a WebSocket upgrade from a page of another origin: CORS keeps a foreign page from
	 * reading a polling handshake, not from opening a WebSocket with the user's cookies
	 * (cross-site WebSocket hijacking). Requests without {@code Origin} (non-browser
	 * clients) and same-origin pages pass; with CORS settings, Spring's CORS processing
	 * checks the origin of every request, upgrades included.
	 */
	@Override
	public Mono<Object> getHandlerInternal(ServerWebExchange exchange) {
		Mono<Object> handler = super.getHandlerInternal(exchange);
		if (this.cors != null || !isCrossOriginUpgrade(exchange.getRequest())) {
			return handler;
		}
		return handler.map((found) -> (WebHandler) this.server::refuseCrossOriginUpgrade);
	}

	private static boolean isCrossOriginUpgrade(ServerHttpRequest request) {
		return "websocket".equalsIgnoreCase(request.getHeaders().getUpgrade()) && CorsUtils.isCorsRequest(request);
	}

	/**
	 * Return the mount path, without a trailing slash.
	 * @return the path, e.g. {@code /socket.io}
	 */
	public String getPath() {
		return this.path;
	}

	/**
	 * Return the CORS settings of the mount path.
	 * @return the settings, or {@code null} for none
	 */
	public @Nullable CorsConfiguration getCorsConfiguration() {
		return this.cors;
	}

	@Override
	public void initApplicationContext() {
		super.initApplicationContext();
		logger.info("Engine.IO server mounted at '{}/'", this.path);
	}

	/**
	 * Return the mounted server.
	 * @return the server
	 */
	public EngineIoServer getServer() {
		return this.server;
	}

	@Override
	public void start() {
		this.server.start();
		this.running = true;
	}

	/**
	 * Close every session of the mounted server ({@code server shutting down}) as the
	 * context stops, before the web server waits for connections to end.
	 */
	@Override
	public void stop() {
		this.running = false;
		this.server.shutdown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Shut the mounted server down with the application context, if {@link #stop()} has
	 * not already.
	 */
	@Override
	public void destroy() {
		this.server.shutdown();
	}

	/**
	 * Return a mount path in its canonical form: a leading slash, no trailing slash,
	 * not the root.
	 * @param path the configured path, e.g. {@code socket.io/}
	 * @return e.g. {@code /socket.io}
	 */
	public static String normalize(String path) {
		Assert.hasText(path, "path must not be empty");
		String normalized = path.startsWith("/") ? path : "/" + path;
		while (normalized.length() > 1 && normalized.endsWith("/")) {
			normalized = normalized.substring(0, normalized.length() - 1);
		}
		Assert.isTrue(normalized.length() > 1, "path must not be the root");
		return normalized;
	}

}
