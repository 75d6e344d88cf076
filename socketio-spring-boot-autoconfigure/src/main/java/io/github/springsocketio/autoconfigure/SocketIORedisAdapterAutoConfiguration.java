package io.github.springsocketio.autoconfigure;

import java.util.concurrent.TimeUnit;

import io.github.springsocketio.adapter.redis.RedisAdapterFactory;
import io.github.springsocketio.adapter.redis.RedisAdapterOptions;
import io.github.springsocketio.adapter.redis.RedisStreamsAdapterFactory;
import io.github.springsocketio.adapter.redis.RedisStreamsAdapterOptions;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.Delay;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Auto-configuration of the Redis adapters on the application's Lettuce client (Spring
 * Boot's {@code spring.data.redis.*}), whose reconnect delay it caps at
 * {@code socketio.adapter.redis.max-reconnect-delay}: a {@link RedisAdapterFactory} when
 * {@code socketio.adapter.type=redis}, a {@link RedisStreamsAdapterFactory} when
 * {@code socketio.adapter.type=redis-streams}.
 */
@AutoConfiguration(before = SocketIOAutoConfiguration.class,
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				ServerAutoConfigurations.NETTY, ServerAutoConfigurations.TOMCAT, ServerAutoConfigurations.JETTY })
@ConditionalOnClass({ RedisClient.class, LettuceConnectionFactory.class, ClientResourcesBuilderCustomizer.class })
@Conditional({ SocketIORedisAdapterAutoConfiguration.OnRedisAdapter.class,
		ReactorNettyServerCondition.OnReactorNetty.class })
@EnableConfigurationProperties(SocketIOProperties.class)
public final class SocketIORedisAdapterAutoConfiguration {

	private static final String TYPE = "socketio.adapter.type";

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@ConditionalOnProperty(name = TYPE, havingValue = "redis")
	RedisAdapterFactory socketIoRedisAdapterFactory(LettuceConnectionFactory connectionFactory,
			SocketIOProperties properties) {
		SocketIOProperties.Adapter.Redis redis = properties.getAdapter().getRedis();
		return new RedisAdapterFactory(redisClient(connectionFactory, "redis"),
				new RedisAdapterOptions(redis.getKey(), redis.getRequestTimeout(), redis.getMaxPendingPublishes(),
						redis.getMaxPendingPublishBytes().toBytes()));
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@ConditionalOnProperty(name = TYPE, havingValue = "redis-streams")
	RedisStreamsAdapterFactory socketIoRedisStreamsAdapterFactory(LettuceConnectionFactory connectionFactory,
			SocketIOProperties properties) {
		SocketIOProperties.Adapter.Redis redis = properties.getAdapter().getRedis();
		SocketIOProperties.Adapter.RedisStreams streams = properties.getAdapter().getRedisStreams();
		return new RedisStreamsAdapterFactory(redisClient(connectionFactory, "redis-streams"),
				new RedisStreamsAdapterOptions(streams.getStreamName(), streams.getStreamCount(),
						streams.getChannelPrefix(), streams.getMaxLen(), streams.getReadCount(),
						streams.getBlockTime(), streams.getSessionKeyPrefix(), streams.isOnlyPlaintext(),
						redis.getRequestTimeout(), redis.getMaxPendingPublishes(),
						redis.getMaxPendingPublishBytes().toBytes(), streams.getSessionRefreshInterval()));
	}

	private static RedisClient redisClient(LettuceConnectionFactory connectionFactory, String type) {
		if (connectionFactory.getNativeClient() == null) {
			connectionFactory.start();
		}
		AbstractRedisClient client = connectionFactory.getRequiredNativeClient();
		if (!(client instanceof RedisClient redisClient)) {
			throw new IllegalStateException("socketio.adapter.type=" + type + " works with a standalone or "
					+ "Sentinel-managed Redis (Redis Cluster is not supported yet); got a "
					+ client.getClass().getName());
		}
		return redisClient;
	}

	@Bean
	ClientResourcesBuilderCustomizer socketIoRedisReconnectDelay(SocketIOProperties properties) {
		long max = properties.getAdapter().getRedis().getMaxReconnectDelay().toMillis();
		return (builder) -> builder.reconnectDelay(Delay.exponential(Math.min(100, max), max, TimeUnit.MILLISECONDS, 2));
	}

	/** {@code socketio.adapter.type} is one of the Redis adapters. */
	static final class OnRedisAdapter extends AnyNestedCondition {

		OnRedisAdapter() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(name = TYPE, havingValue = "redis")
		static final class PubSub {

		}

		@ConditionalOnProperty(name = TYPE, havingValue = "redis-streams")
		static final class Streams {

		}

	}

}
