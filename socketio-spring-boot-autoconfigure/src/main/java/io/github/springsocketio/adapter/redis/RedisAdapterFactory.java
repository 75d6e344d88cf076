package io.github.springsocketio.adapter.redis;

import java.util.Map;

import io.github.springsocketio.adapter.Adapter;
import io.github.springsocketio.adapter.AdapterFactory;
import io.github.springsocketio.adapter.AdapterNamespace;
import io.github.springsocketio.adapter.AdapterStatus;
import io.lettuce.core.RedisClient;

/**
 * Creates a {@link RedisAdapter} for each namespace, all sharing one node's
 * {@link RedisConnections}; reports their state for health checks and metrics.
 * Closing it closes the connections.
 */
public final class RedisAdapterFactory implements AdapterFactory, AdapterStatus, AutoCloseable {

	private final RedisConnections redis;

	private final RedisAdapterOptions options;

	/**
	 * Create the factory and start connecting to Redis in the background.
	 * @param client a Lettuce client for a standalone or Sentinel-managed Redis
	 * @param options the settings
	 */
	public RedisAdapterFactory(RedisClient client, RedisAdapterOptions options) {
		this.options = options;
		this.redis = new RedisConnections(client, options);
	}

	@Override
	public Adapter create(AdapterNamespace namespace) {
		return new RedisAdapter(namespace, this.redis, this.options);
	}

	/**
	 * Return the node's connections to Redis.
	 * @return the connections
	 */
	public RedisConnections connections() {
		return this.redis;
	}

	@Override
	public String name() {
		return this.redis.name();
	}

	@Override
	public boolean isAvailable() {
		return this.redis.isAvailable();
	}

	@Override
	public long failures() {
		return this.redis.failures();
	}

	@Override
	public Map<String, Object> details() {
		return this.redis.details();
	}

	@Override
	public void close() {
		this.redis.close();
	}

}
