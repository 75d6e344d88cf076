package io.github.springsocketio.actuate;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Leaves the Engine.IO endpoint's HTTP requests out of the server request observations
 * ({@code http.server.requests}): long-polls last up to the ping interval and would
 * swamp the application's HTTP latencies, and observing each one costs about a tenth of
 * a polling request's CPU. The {@code socketio.*} meters count this traffic instead.
 */
public final class EngineIoObservationPredicate implements ObservationPredicate {

	private final String path;

	private final String pathWithSlash;

	/**
	 * Create a predicate for the endpoint mounted at a path.
	 * @param path the normalized path, e.g. {@code /socket.io}
	 */
	public EngineIoObservationPredicate(String path) {
		this.path = path;
		this.pathWithSlash = path + "/";
	}

	@Override
	public boolean test(String name, Observation.Context context) {
		if (!(context instanceof ServerRequestObservationContext serverContext)) {
			return true;
		}
		ServerHttpRequest request = serverContext.getCarrier();
		String requestPath = request.getPath().pathWithinApplication().value();
		return !this.path.equals(requestPath) && !this.pathWithSlash.equals(requestPath);
	}

}
