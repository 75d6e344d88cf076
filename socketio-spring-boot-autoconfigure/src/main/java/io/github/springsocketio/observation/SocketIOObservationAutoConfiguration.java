package io.github.springsocketio.observation;

import io.github.springsocketio.autoconfigure.SocketIOAutoConfiguration;
import io.github.springsocketio.autoconfigure.SocketIOServerCustomizer;
import io.github.springsocketio.server.SocketIOServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration of the Socket.IO observations ({@link SocketIOObservations}) when
 * an {@link ObservationRegistry} and a {@link SocketIOServer} exist, with the
 * {@link SocketIOConnectionObservationConvention} and
 * {@link SocketIOEventObservationConvention} beans, if any. Without a registry nothing
 * is registered and the server observes nothing.
 */
@AutoConfiguration(after = SocketIOAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
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

	/**
	 * The timer of the event observations, ahead of Boot's default meter handler in its
	 * first-matching group of meter handlers, when there is a meter registry.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class EventMeterConfiguration {

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		@ConditionalOnMissingBean
		SocketIOEventMeterObservationHandler socketIOEventMeterObservationHandler(MeterRegistry registry) {
			return new SocketIOEventMeterObservationHandler(registry);
		}

	}

	@Bean
	SocketIOServerCustomizer socketIOObservationsCustomizer(ObjectProvider<SocketIOObservations> observations) {
		return (server) -> observations.ifAvailable(server::setHandlingObserver);
	}

}
