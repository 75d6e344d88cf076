package io.github.springsocketio.autoconfigure;

import java.time.Duration;

import io.github.springsocketio.actuate.SocketIOAdapterHealthIndicator;
import io.github.springsocketio.actuate.SocketIOAdapterMetrics;
import io.github.springsocketio.actuate.SocketIOHealthContributorAutoConfiguration;
import io.github.springsocketio.actuate.SocketIOMetricsAutoConfiguration;
import io.github.springsocketio.adapter.AdapterStatus;
import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.adapter.redis.RedisAdapter;
import io.github.springsocketio.adapter.redis.RedisAdapterFactory;
import io.github.springsocketio.adapter.redis.RedisAdapterOptions;
import io.github.springsocketio.adapter.redis.RedisStreamsAdapter;
import io.github.springsocketio.adapter.redis.RedisStreamsAdapterFactory;
import io.github.springsocketio.adapter.redis.RedisStreamsAdapterOptions;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.test.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SocketIORedisAdapterAutoConfiguration}: the Redis adapter on the
 * application's Lettuce client when {@code socketio.adapter.type=redis}, its health and
 * meters, and a clear failure without Spring Data Redis.
 */
class SocketIORedisAdapterAutoConfigurationTests {

	private static RedisServer redis;

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				SocketIORedisAdapterAutoConfiguration.class, SocketIOAutoConfiguration.class,
				SocketIOHealthContributorAutoConfiguration.class, SocketIOMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@BeforeAll
	static void startRedis() {
		redis = RedisServer.start();
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@Test
	void inMemoryByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(RedisAdapterFactory.class)
				.doesNotHaveBean(AdapterStatus.class)
				.doesNotHaveBean(SocketIOAdapterHealthIndicator.class);
			assertThat(context.getBean(SocketIOServer.class).sockets().adapter()).isExactlyInstanceOf(InMemoryAdapter.class);
		});
	}

	@Test
	void redisAdapterOnTheApplicationsRedisWithHealthAndMeters() {
		this.contextRunner
			.withPropertyValues("socketio.adapter.type=redis", "spring.data.redis.host=" + redis.host(),
					"spring.data.redis.port=" + redis.port(), "socketio.adapter.redis.key=app",
					"socketio.adapter.redis.request-timeout=3s")
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisAdapterFactory.class);
				SocketIOServer server = context.getBean(SocketIOServer.class);
				assertThat(server.sockets().adapter()).isInstanceOf(RedisAdapter.class);
				RedisAdapterFactory factory = context.getBean(RedisAdapterFactory.class);
				await().atMost(Duration.ofSeconds(10)).until(factory::isAvailable);
				try (RedisClient client = RedisClient.create("redis://" + redis.host() + ":" + redis.port());
						StatefulRedisConnection<String, String> connection = client.connect()) {
					// one connection, closed before the client: a connection per poll left
					// Lettuce buffers to the client's shutdown, which the leak check caught
					await().atMost(Duration.ofSeconds(10))
						.until(() -> connection.sync().pubsubNumsub("app-request#/#").get("app-request#/#") == 1);
				}
				SocketIOAdapterHealthIndicator health = context.getBean(SocketIOAdapterHealthIndicator.class);
				assertThat(health.health().block().getStatus()).isEqualTo(Status.UP);
				assertThat(health.health().block().getDetails()).containsEntry("adapter", "redis")
					.containsEntry("connected", true);
				assertThat(context).hasSingleBean(SocketIOAdapterMetrics.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				context.getBean(SocketIOAdapterMetrics.class).bindTo(registry);
				assertThat(registry.get("socketio.adapter.connected").tag("adapter", "redis").gauge().value())
					.isEqualTo(1);
				assertThat(registry.get("socketio.adapter.failures").functionCounter().count()).isZero();
			});
	}

	@Test
	void redisStreamsAdapterWithItsOptionsHealthAndMeters() {
		this.contextRunner
			.withPropertyValues("socketio.adapter.type=redis-streams", "spring.data.redis.host=" + redis.host(),
					"spring.data.redis.port=" + redis.port(), "socketio.adapter.redis-streams.stream-name=app",
					"socketio.adapter.redis-streams.stream-count=2",
					"socketio.adapter.redis-streams.channel-prefix=app-channel",
					"socketio.adapter.redis-streams.max-len=500", "socketio.adapter.redis-streams.read-count=10",
					"socketio.adapter.redis-streams.block-time=1s",
					"socketio.adapter.redis-streams.session-key-prefix=app:session:",
					"socketio.adapter.redis-streams.only-plaintext=true",
					"socketio.adapter.redis-streams.session-refresh-interval=0")
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisStreamsAdapterFactory.class)
					.doesNotHaveBean(RedisAdapterFactory.class);
				SocketIOServer server = context.getBean(SocketIOServer.class);
				assertThat(server.sockets().adapter()).isInstanceOf(RedisStreamsAdapter.class);
				RedisStreamsAdapterFactory factory = context.getBean(RedisStreamsAdapterFactory.class);
				assertThat(factory.options()).isEqualTo(new RedisStreamsAdapterOptions("app", 2, "app-channel", 500,
						10, Duration.ofSeconds(1), "app:session:", true, Duration.ofSeconds(5), 10_000,
						RedisAdapterOptions.DEFAULT_MAX_PENDING_PUBLISH_BYTES, Duration.ZERO));
				await().atMost(Duration.ofSeconds(10)).until(factory::isAvailable);
				SocketIOAdapterHealthIndicator health = context.getBean(SocketIOAdapterHealthIndicator.class);
				assertThat(health.health().block().getStatus()).isEqualTo(Status.UP);
				assertThat(health.health().block().getDetails()).containsEntry("adapter", "redis-streams")
					.containsEntry("connected", true);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				context.getBean(SocketIOAdapterMetrics.class).bindTo(registry);
				assertThat(registry.get("socketio.adapter.connected").tag("adapter", "redis-streams").gauge().value())
					.isEqualTo(1);
			});
	}

	@Test
	void healthIsDownWhileRedisCannotBeReached() {
		this.contextRunner
			.withPropertyValues("socketio.adapter.type=redis", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + RedisServer.freePort())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SocketIOAdapterHealthIndicator health = context.getBean(SocketIOAdapterHealthIndicator.class);
				assertThat(health.health().block().getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.health().block().getDetails()).containsEntry("connected", false);
			});
	}

	@Test
	void failsClearlyWithoutSpringDataRedis() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RedisClient.class))
			.withPropertyValues("socketio.adapter.type=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("socketio.adapter.type=redis needs Spring Data Redis"));
		this.contextRunner.withClassLoader(new FilteredClassLoader(RedisClient.class))
			.withPropertyValues("socketio.adapter.type=redis-streams")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("socketio.adapter.type=redis-streams needs Spring Data Redis"));
	}

}
