package io.github.springsocketio.actuate;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Leaves the Engine.IO endpoints' HTTP requests out of the server request observations
 * ({@code http.server.requests}): long-polls last up to the ping interval and would
 * swamp the application's HTTP latencies, and observing each one costs about a tenth of
 * a polling request's CPU. The {@code socketio.*} meters count this traffic instead.
 */
public final class EngineIoObservationPredicate implements ObservationPredicate {

	private final Supplier<? extends Collection<String>> mountedPaths;

	private volatile @Nullable Set<String> paths;

	/**
	 * Create a predicate for the endpoints mounted at some paths.
	 * @param mountedPaths the normalized paths, e.g. {@code /socket.io}, asked for once on
	 * first use (the mappings may depend on the observation registry this predicate
	 * configures)
	 */
	public EngineIoObservationPredicate(Supplier<? extends Collection<String>> mountedPaths) {
		this.mountedPaths = mountedPaths;
	}

	private Set<String> paths() {
		Set<String> known = this.paths;
		if (known == null) {
			known = new HashSet<>();
			for (String path : this.mountedPaths.get()) {
				known.add(path);
				known.add(path + "/");
			}
			this.paths = known;
		}
		return known;
	}

	@Override
	public boolean test(String name, Observation.Context context) {
		if (!(context instanceof ServerRequestObservationContext serverContext)) {
			return true;
		}
		ServerHttpRequest request = serverContext.getCarrier();
		return !paths().contains(request.getPath().pathWithinApplication().value());
	}

}
