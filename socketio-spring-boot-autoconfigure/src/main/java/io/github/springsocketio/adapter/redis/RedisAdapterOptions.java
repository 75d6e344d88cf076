package io.github.springsocketio.adapter.redis;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Settings of the Redis adapter.
 *
 * @param key the prefix of every channel, {@code socket.io} as the Node adapter's
 * default
 * @param requestTimeout how long a request to the other nodes ({@code fetchSockets},
 * {@code serverSideEmitWithAck}, a broadcast's acknowledgements without a timeout of
 * their own) waits for their answers
 * @param maxPendingPublishes how many publishes may wait for Redis at once; more are
 * dropped and counted as failures, so a slow or lost Redis never buffers without bound
 */
public record RedisAdapterOptions(String key, Duration requestTimeout, int maxPendingPublishes) {

	/** The Node adapter's defaults: key {@code socket.io}, 5 s requests; 10,000 publishes in flight. */
	public static final RedisAdapterOptions DEFAULTS = new RedisAdapterOptions("socket.io", Duration.ofSeconds(5),
			10_000);

	/**
	 * Validate the settings.
	 */
	public RedisAdapterOptions {
		Assert.hasLength(key, "key must not be empty");
		Assert.isTrue(!requestTimeout.isNegative() && !requestTimeout.isZero(), "requestTimeout must be positive");
		Assert.isTrue(maxPendingPublishes > 0, "maxPendingPublishes must be positive");
	}

}
