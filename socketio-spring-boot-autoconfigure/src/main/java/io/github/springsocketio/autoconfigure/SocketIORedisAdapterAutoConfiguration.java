package io.github.springsocketio.autoconfigure;

import java.util.concurrent.TimeUnit;

import io.github.springsocketio.adapter.redis.RedisAdapterFactory;
import io.github.springsocketio.adapter.redis.RedisAdapterOptions;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.Delay;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Auto-configuration of the Redis adapter when {@code socketio.adapter.type=redis}: a
 * {@link RedisAdapterFactory} on the application's Lettuce client (Spring Boot's
 * {@code spring.data.redis.*}), whose reconnect delay it caps at
 * {@code socketio.adapter.redis.max-reconnect-delay}.
 */
@AutoConfiguration(before = SocketIOAutoConfiguration.class,
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				ServerAutoConfigurations.NETTY, ServerAutoConfigurations.TOMCAT, ServerAutoConfigurations.JETTY })
@ConditionalOnClass({ RedisClient.class, LettuceConnectionFactory.class, ClientResourcesBuilderCustomizer.class })
@ConditionalOnProperty(prefix = "socketio.adapter", name = "type", havingValue = "redis")
@Conditional(ReactorNettyServerCondition.OnReactorNetty.class)
@EnableConfigurationProperties(SocketIOProperties.class)
public final class SocketIORedisAdapterAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	RedisAdapterFactory socketIoRedisAdapterFactory(LettuceConnectionFactory connectionFactory,
			SocketIOProperties properties) {
		SocketIOProperties.Adapter.Redis redis = properties.getAdapter().getRedis();
		if (connectionFactory.getNativeClient() == null) {
			connectionFactory.start();
		}
		AbstractRedisClient client = connectionFactory.getRequiredNativeClient();
		if (!(client instanceof RedisClient redisClient)) {
			throw new IllegalStateException("socketio.adapter.type=redis works with a standalone or Sentinel-managed "
					+ "Redis (classic pub/sub, as @socket.io/redis-adapter); got a " + client.getClass().getName());
		}
		return new RedisAdapterFactory(redisClient,
				new RedisAdapterOptions(redis.getKey(), redis.getRequestTimeout(), redis.getMaxPendingPublishes(),
						redis.getMaxPendingPublishBytes().toBytes()));
	}

	@Bean
	ClientResourcesBuilderCustomizer socketIoRedisReconnectDelay(SocketIOProperties properties) {
		long max = properties.getAdapter().getRedis().getMaxReconnectDelay().toMillis();
		return (builder) -> builder.reconnectDelay(Delay.exponential(Math.min(100, max), max, TimeUnit.MILLISECONDS, 2));
	}

}
