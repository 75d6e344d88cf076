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
 * @param maxPendingPublishBytes how many bytes of messages may wait for Redis at once;
 * more are dropped and counted likewise
 */
public record RedisAdapterOptions(String key, Duration requestTimeout, int maxPendingPublishes,
		long maxPendingPublishBytes) {

	/** Default bound of the bytes waiting for Redis: 64 MiB. */
	public static final long DEFAULT_MAX_PENDING_PUBLISH_BYTES = 64L * 1024 * 1024;

	/**
	 * The Node adapter's defaults (key {@code socket.io}, 5 s requests); at most 10,000
	 * publishes and 64 MiB waiting for Redis.
	 */
	public static final RedisAdapterOptions DEFAULTS = new RedisAdapterOptions("socket.io", Duration.ofSeconds(5),
			10_000, DEFAULT_MAX_PENDING_PUBLISH_BYTES);

	/**
	 * Validate the settings.
	 */
	public RedisAdapterOptions {
		Assert.hasLength(key, "key must not be empty");
		Assert.isTrue(!requestTimeout.isNegative() && !requestTimeout.isZero(), "requestTimeout must be positive");
		Assert.isTrue(maxPendingPublishes > 0, "maxPendingPublishes must be positive");
		Assert.isTrue(maxPendingPublishBytes > 0, "maxPendingPublishBytes must be positive");
	}

	/**
	 * Create settings with the default bound of bytes waiting for Redis.
	 * @param key the channel prefix
	 * @param requestTimeout how long requests wait for the other nodes
	 * @param maxPendingPublishes how many publishes may wait for Redis at once
	 */
	public RedisAdapterOptions(String key, Duration requestTimeout, int maxPendingPublishes) {
		this(key, requestTimeout, maxPendingPublishes, DEFAULT_MAX_PENDING_PUBLISH_BYTES);
	}

}
