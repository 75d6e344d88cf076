package io.github.springsocketio.actuate;

import java.util.Collection;
import java.util.function.Supplier;

import io.github.springsocketio.engine.EngineIoPaths;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Leaves the Engine.IO endpoints' HTTP requests out of the server request observations
 * ({@code http.server.requests}): long-polls last up to the ping interval and would
 * swamp the application's HTTP latencies, and observing each one costs about a tenth of
 * a polling request's CPU. The {@code socketio.*} meters count this traffic instead.
 */
public final class EngineIoObservationPredicate implements ObservationPredicate {

	private final EngineIoPaths paths;

	/**
	 * Create a predicate for the endpoints mounted at some paths.
	 * @param mountedPaths the normalized paths, e.g. {@code /socket.io}, asked for once on
	 * first use (the mappings may depend on the observation registry this predicate
	 * configures)
	 */
	public EngineIoObservationPredicate(Supplier<? extends Collection<String>> mountedPaths) {
		this(new EngineIoPaths(mountedPaths));
	}

	/**
	 * Create a predicate for the endpoints at some paths.
	 * @param paths the endpoints' paths
	 */
	public EngineIoObservationPredicate(EngineIoPaths paths) {
		this.paths = paths;
	}

	@Override
	public boolean test(String name, Observation.Context context) {
		if (!(context instanceof ServerRequestObservationContext serverContext)) {
			return true;
		}
		return !this.paths.matches(serverContext.getCarrier());
	}

}
