package io.github.springsocketio.actuate;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Leaves the Engine.IO endpoints' HTTP requests out of the server request observations
 * ({@code http.server.requests}): long-polls last up to the ping interval and would
 * swamp the application's HTTP latencies, and observing each one costs about a tenth of
 * a polling request's CPU. The {@code socketio.*} meters count this traffic instead.
 */
public final class EngineIoObservationPredicate implements ObservationPredicate {

	private final Set<String> paths = new HashSet<>();

	/**
	 * Create a predicate for the endpoints mounted at some paths.
	 * @param paths the normalized paths, e.g. {@code /socket.io}
	 */
	public EngineIoObservationPredicate(Collection<String> paths) {
		for (String path : paths) {
			this.paths.add(path);
			this.paths.add(path + "/");
		}
	}

	@Override
	public boolean test(String name, Observation.Context context) {
		if (!(context instanceof ServerRequestObservationContext serverContext)) {
			return true;
		}
		ServerHttpRequest request = serverContext.getCarrier();
		return !this.paths.contains(request.getPath().pathWithinApplication().value());
	}

}
