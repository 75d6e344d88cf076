package io.github.springsocketio.actuate;

import io.github.springsocketio.adapter.AdapterStatus;
import io.github.springsocketio.autoconfigure.SocketIOAutoConfiguration;
import io.github.springsocketio.engine.EngineIoHandlerMapping;
import io.github.springsocketio.engine.EngineIoPaths;
import io.github.springsocketio.server.SocketIOServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the Socket.IO meters ({@link SocketIOMetrics}) when Micrometer
 * is present and a {@link MeterRegistry} and a {@link SocketIOServer} exist. Spring
 * Boot's metrics auto-configuration binds the {@link MeterBinder} to the registry.
 */
@AutoConfiguration(after = SocketIOAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean({ MeterRegistry.class, SocketIOServer.class })
public final class SocketIOMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SocketIOMetrics socketIOMetrics(SocketIOServer server) {
		return new SocketIOMetrics(server);
	}

	/**
	 * Engine.IO requests stay out of {@code http.server.requests} unless
	 * {@code socketio.observe-http-requests} is set.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ObservationPredicate.class)
	@ConditionalOnBean(EngineIoHandlerMapping.class)
	@ConditionalOnProperty(prefix = "socketio", name = "observe-http-requests", havingValue = "false",
			matchIfMissing = true)
	static final class EngineIoObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EngineIoObservationPredicate engineIoObservationPredicate(ObjectProvider<EngineIoHandlerMapping> mappings) {
			return new EngineIoObservationPredicate(EngineIoPaths.of(mappings));
		}

	}

	@Bean
	@ConditionalOnBean(AdapterStatus.class)
	@ConditionalOnMissingBean
	SocketIOAdapterMetrics socketIOAdapterMetrics(AdapterStatus status) {
		return new SocketIOAdapterMetrics(status);
	}

}
