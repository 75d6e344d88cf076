package io.github.springsocketio.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The {@link ObservationConvention} of Socket.IO event observations: declare a bean of
 * this type to replace {@link DefaultSocketIOEventObservationConvention}.
 */
public interface SocketIOEventObservationConvention extends ObservationConvention<SocketIOEventContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof SocketIOEventContext;
	}

}
