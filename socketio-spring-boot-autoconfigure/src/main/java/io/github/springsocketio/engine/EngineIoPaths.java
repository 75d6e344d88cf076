package io.github.springsocketio.engine;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Tells the requests of the mounted Engine.IO endpoints apart (with and without their
 * trailing slash, as {@link EngineIoHandlerMapping} matches them), for filters and
 * predicates that treat them as transport traffic. The paths are asked for once, on
 * first use: the mappings may depend on what asks.
 */
public final class EngineIoPaths {

	private final Supplier<? extends Collection<String>> mountedPaths;

	private volatile @Nullable Set<String> paths;

	/**
	 * Create the paths.
	 * @param mountedPaths the mount paths, with or without a trailing slash
	 */
	public EngineIoPaths(Supplier<? extends Collection<String>> mountedPaths) {
		this.mountedPaths = mountedPaths;
	}

	/**
	 * The paths of the mappings in a context.
	 * @param mappings the mappings
	 * @return their paths, asked for on first use
	 */
	public static EngineIoPaths of(ObjectProvider<EngineIoHandlerMapping> mappings) {
		return new EngineIoPaths(() -> mappings.orderedStream().map(EngineIoHandlerMapping::getPath).toList());
	}

	/**
	 * Return whether a request is for a mounted endpoint.
	 * @param request the request
	 * @return {@code true} for the endpoint's path, with or without trailing slash
	 */
	public boolean matches(ServerHttpRequest request) {
		return paths().contains(request.getPath().pathWithinApplication().value());
	}

	private Set<String> paths() {
		Set<String> known = this.paths;
		if (known == null) {
			Set<String> collected = new HashSet<>();
			for (String path : this.mountedPaths.get()) {
				String bare = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
				collected.add(bare);
				collected.add(bare + "/");
			}
			known = Set.copyOf(collected);
			this.paths = known;
		}
		return known;
	}

}
