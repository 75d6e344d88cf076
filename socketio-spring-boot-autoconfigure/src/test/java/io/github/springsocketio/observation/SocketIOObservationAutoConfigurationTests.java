package io.github.springsocketio.observation;

import io.github.springsocketio.autoconfigure.SocketIOAutoConfiguration;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.test.InProcessSession;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketIOObservationAutoConfiguration}: one per condition, and one per
 * bean of the application that is used instead of the default.
 */
class SocketIOObservationAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SocketIOAutoConfiguration.class, SocketIOObservationAutoConfiguration.class));

	@Test
	void nothingIsObservedWithoutAnObservationRegistry() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SocketIOServer.class).doesNotHaveBean(SocketIOObservations.class);
			SocketIOServer server = context.getBean(SocketIOServer.class);
			assertThat(server.handlingObserver()).isNull();
			assertThat(server.hasHandlerScopes()).isFalse();
		});
	}

	@Test
	void nothingIsObservedWithoutMicrometerObservation() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(SocketIOServer.class)
				.doesNotHaveBean(SocketIOObservations.class));
	}

	@Test
	void theServerIsObservedWithBootsObservationRegistry() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(SocketIOObservations.class);
				assertThat(context.getBean(SocketIOServer.class).handlingObserver())
					.isSameAs(context.getBean(SocketIOObservations.class));
			});
	}

	@Test
	void eventTimersAreRecordedWithoutALongTaskTimerAheadOfBootsMeterHandler() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				assertThat(context).hasSingleBean(SocketIOEventMeterObservationHandler.class);
				SocketIOServer server = context.getBean(SocketIOServer.class);
				server.of("/chat").onConnection((socket) -> socket.on("hello", (event) -> event.ack("hi")));
				InProcessSession.open(server)
					.receive("40/chat,")
					.receive("42/chat,1[\"hello\"]")
					.receive("42/chat,2[\"hello\"]");
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				Timer timer = meters.find("socketio.event")
					.tags("namespace", "/chat", "event", "hello", "outcome", "success", "exception", "none")
					.timer();
				assertThat(timer).isNotNull();
				assertThat(timer.count()).isEqualTo(2);
				assertThat(meters.find("socketio.event.active").longTaskTimer()).isNull();
				// other observations keep Boot's handler: the open connection's long task timer
				assertThat(meters.find("socketio.connection.active").longTaskTimer()).isNotNull()
					.satisfies((active) -> assertThat(active.activeTasks()).isEqualTo(1));
			});
	}

	@Test
	void conventionsOfTheApplicationReplaceTheDefaults() {
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withBean(SocketIOConnectionObservationConvention.class, ChatConnectionConvention::new)
			.withBean(SocketIOEventObservationConvention.class, ChatEventConvention::new)
			.run((context) -> {
				SocketIOServer server = context.getBean(SocketIOServer.class);
				server.of("/chat").onConnection((socket) -> socket.on("hello", (event) -> event.ack("hi")));
				InProcessSession.open(server).receive("40/chat,").receive("42/chat,1[\"hello\"]");
				TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
					.hasObservationWithNameEqualTo("chat.connection")
					.that()
					.hasLowCardinalityKeyValue("namespace", "/chat")
					.hasLowCardinalityKeyValue("room", "lobby")
					.backToTestObservationRegistry()
					.hasObservationWithNameEqualTo("chat.message")
					.that()
					.hasLowCardinalityKeyValue("event", "hello")
					.hasLowCardinalityKeyValue("outcome", "success")
					.hasContextualNameEqualTo("chat hello");
			});
	}

	@Test
	void observationsOfTheApplicationAreUsed() {
		SocketIOObservations observations = new SocketIOObservations(ObservationRegistry.NOOP);
		this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.withBean(SocketIOObservations.class, () -> observations)
			.run((context) -> {
				assertThat(context).getBean(SocketIOObservations.class).isSameAs(observations);
				assertThat(context.getBean(SocketIOServer.class).handlingObserver()).isSameAs(observations);
			});
	}

	static final class ChatConnectionConvention extends DefaultSocketIOConnectionObservationConvention {

		@Override
		public String getName() {
			return "chat.connection";
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(SocketIOConnectionContext context) {
			return super.getLowCardinalityKeyValues(context).and("room", "lobby");
		}

	}

	static final class ChatEventConvention extends DefaultSocketIOEventObservationConvention {

		@Override
		public String getName() {
			return "chat.message";
		}

		@Override
		public String getContextualName(SocketIOEventContext context) {
			return "chat " + context.getEvent().name();
		}

	}

}
