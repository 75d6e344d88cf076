package io.github.springsocketio.adapter.redis;

import java.util.Map;

import io.github.springsocketio.adapter.Adapter;
import io.github.springsocketio.adapter.AdapterFactory;
import io.github.springsocketio.adapter.AdapterNamespace;
import io.github.springsocketio.adapter.AdapterStatus;
import io.lettuce.core.RedisClient;

import org.springframework.context.SmartLifecycle;

/**
 * Creates a {@link RedisAdapter} for each namespace, all sharing one node's
 * Redis connections; reports their state for health checks and metrics. It
 * connects when created; as a {@link SmartLifecycle} it disconnects when the
 * application context stops (and reconnects if it starts again). Closing it closes the
 * connections.
 */
public final class RedisAdapterFactory implements AdapterFactory, AdapterStatus, SmartLifecycle, AutoCloseable {

	/**
	 * The lifecycle phase: stopped before the application's Lettuce connection factory
	 * (phase 0), which would otherwise close these connections under the adapter's feet,
	 * and after the Socket.IO server's sessions are closed.
	 */
	public static final int PHASE = 1;

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
	RedisConnections connections() {
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
	public void start() {
		this.redis.start();
	}

	@Override
	public void stop() {
		this.redis.close();
	}

	@Override
	public boolean isRunning() {
		return this.redis.isStarted();
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public void close() {
		this.redis.close();
	}

}
