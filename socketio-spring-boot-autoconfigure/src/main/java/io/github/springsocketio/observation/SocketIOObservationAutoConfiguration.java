package io.github.springsocketio.observation;

import io.github.springsocketio.autoconfigure.SocketIOAutoConfiguration;
import io.github.springsocketio.autoconfigure.SocketIOServerCustomizer;
import io.github.springsocketio.server.SocketIOServer;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the Socket.IO observations ({@link SocketIOObservations}) when
 * an {@link ObservationRegistry} and a {@link SocketIOServer} exist, with the
 * {@link SocketIOConnectionObservationConvention} and
 * {@link SocketIOEventObservationConvention} beans, if any. Without a registry nothing
 * is registered and the server observes nothing.
 */
@AutoConfiguration(after = SocketIOAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({ ObservationRegistry.class, SocketIOServer.class })
public final class SocketIOObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SocketIOObservations socketIOObservations(ObservationRegistry registry,
			ObjectProvider<SocketIOConnectionObservationConvention> connectionConvention,
			ObjectProvider<SocketIOEventObservationConvention> eventConvention) {
		return new SocketIOObservations(registry, connectionConvention.getIfUnique(), eventConvention.getIfUnique());
	}

	@Bean
	SocketIOServerCustomizer socketIOObservationsCustomizer(ObjectProvider<SocketIOObservations> observations) {
		return (server) -> observations.ifAvailable(server::setHandlingObserver);
	}

}
