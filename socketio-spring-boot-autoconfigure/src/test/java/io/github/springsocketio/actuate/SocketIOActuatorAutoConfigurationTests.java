package io.github.springsocketio.actuate;

import io.github.springsocketio.autoconfigure.SocketIOAutoConfiguration;
import io.github.springsocketio.engine.EngineSessionHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.test.NoOpSessionHandler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the actuator auto-configurations: one per condition, and one per bean
 * that backs off.
 */
class SocketIOActuatorAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketIOAutoConfiguration.class,
				SocketIOEndpointAutoConfiguration.class, SocketIOHealthContributorAutoConfiguration.class,
				SocketIOMetricsAutoConfiguration.class));

	// ---- endpoint

	@Test
	void endpointIsAbsentWhenNotExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SocketIOEndpoint.class));
	}

	@Test
	void endpointIsPresentWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=socketio")
			.run((context) -> assertThat(context).hasSingleBean(SocketIOEndpoint.class)
				.hasSingleBean(SocketIOEndpointWebExtension.class));
	}

	@Test
	void webExtensionIsAbsentWhenOnlyExposedOverJmx() {
		this.contextRunner
			.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=socketio")
			.run((context) -> assertThat(context).hasSingleBean(SocketIOEndpoint.class)
				.doesNotHaveBean(SocketIOEndpointWebExtension.class));
	}

	@Test
	void endpointIsAbsentWhenAccessIsNone() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=socketio",
					"management.endpoint.socketio.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketIOEndpoint.class));
	}

	@Test
	void endpointIsAbsentWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=socketio")
			.run((context) -> assertThat(context).hasSingleBean(SocketIOServer.class)
				.doesNotHaveBean(SocketIOEndpoint.class));
	}

	@Test
	void endpointIsAbsentForABareEngineIoServer() {
		this.contextRunner.withUserConfiguration(BareEngineConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=socketio")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketIOServer.class)
				.doesNotHaveBean(SocketIOEndpoint.class)
				.doesNotHaveBean(SocketIOHealthIndicator.class));
	}

	@Test
	void endpointBacksOffForAUserEndpoint() {
		this.contextRunner.withUserConfiguration(UserEndpointConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=socketio")
			.run((context) -> assertThat(context).getBean(SocketIOEndpoint.class)
				.isSameAs(context.getBean(UserEndpointConfiguration.class).endpoint));
	}

	// ---- health

	@Test
	void healthIndicatorIsPresentAndUp() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("socketioHealthIndicator");
			Health health = context.getBean(SocketIOHealthIndicator.class).health().block();
			assertThat(health.getStatus().getCode()).isEqualTo("UP");
			assertThat(health.getDetails()).containsEntry("clients", 0)
				.containsEntry("sockets", 0)
				.containsEntry("namespaces", 1);
		});
	}

	@Test
	void healthIndicatorIsAbsentWhenDisabled() {
		this.contextRunner.withPropertyValues("management.health.socketio.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketIOHealthIndicator.class));
	}

	@Test
	void healthIndicatorIsAbsentWithoutTheHealthModule() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ReactiveHealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SocketIOHealthIndicator.class));
	}

	@Test
	void healthIndicatorBacksOffForAUserIndicator() {
		this.contextRunner.withUserConfiguration(UserHealthConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(SocketIOHealthIndicator.class)
				.hasBean("socketioHealthIndicator"));
	}

	// ---- metrics

	@Test
	void metricsAreAbsentWithoutAMeterRegistry() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SocketIOMetrics.class));
	}

	@Test
	void metricsArePresentWithAMeterRegistry() {
		this.contextRunner.withUserConfiguration(MeterRegistryConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(SocketIOMetrics.class));
	}

	@Test
	void metricsAreBoundToTheAutoConfiguredRegistry() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(SocketIOMetrics.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("socketio.clients").tag("transport", "websocket").gauge().value()).isZero();
				assertThat(registry.get("socketio.sockets").tag("namespace", "/").gauge().value()).isZero();
				assertThat(registry.get("socketio.packets").tag("direction", "in").counters()).hasSize(7);
			});
	}

	@Test
	void metricsAreAbsentWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasSingleBean(SocketIOServer.class)
				.doesNotHaveBean(SocketIOMetrics.class));
	}

	@Test
	void metricsBackOffForUserMetrics() {
		this.contextRunner.withUserConfiguration(MeterRegistryConfiguration.class, UserMetricsConfiguration.class)
			.run((context) -> assertThat(context).getBean(SocketIOMetrics.class)
				.isSameAs(context.getBean(UserMetricsConfiguration.class).metrics));
	}

	@Configuration(proxyBeanMethods = false)
	static class BareEngineConfiguration {

		@Bean
		EngineSessionHandler bareHandler() {
			return new NoOpSessionHandler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointConfiguration {

		final SocketIOEndpoint endpoint = new SocketIOEndpoint(new SocketIOServer(
				io.github.springsocketio.server.SocketIOServerOptions.defaults(),
				tools.jackson.databind.json.JsonMapper.builder().build()), null, null);

		@Bean
		SocketIOEndpoint userEndpoint() {
			return this.endpoint;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserHealthConfiguration {

		@Bean
		HealthIndicator socketioHealthIndicator() {
			return () -> Health.up().build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MeterRegistryConfiguration {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserMetricsConfiguration {

		final SocketIOMetrics metrics = new SocketIOMetrics(new SocketIOServer(
				io.github.springsocketio.server.SocketIOServerOptions.defaults(),
				tools.jackson.databind.json.JsonMapper.builder().build()), 5);

		@Bean
		SocketIOMetrics userMetrics() {
			return this.metrics;
		}

	}

}
