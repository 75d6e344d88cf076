package io.github.springsocketio.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The {@link ObservationConvention} of Socket.IO connection observations: declare a bean
 * of this type to replace {@link DefaultSocketIOConnectionObservationConvention}.
 */
public interface SocketIOConnectionObservationConvention extends ObservationConvention<SocketIOConnectionContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof SocketIOConnectionContext;
	}

}
