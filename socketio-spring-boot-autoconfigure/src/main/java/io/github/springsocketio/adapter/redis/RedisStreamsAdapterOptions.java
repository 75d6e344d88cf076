package io.github.springsocketio.adapter.redis;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Settings of the Redis Streams adapter, named and defaulted as the options of the Node.js
 * {@code @socket.io/redis-streams-adapter} 0.3.
 *
 * @param streamName the stream's name, or the prefix of the streams' names when there
 * are several ({@code <name>-<index>})
 * @param streamCount how many streams the namespaces are spread over (by a hash of their
 * name)
 * @param channelPrefix the prefix of the Pub/Sub channels of requests and responses
 * @param maxLen the length a stream is trimmed to (approximately, {@code MAXLEN ~})
 * @param readCount how many entries one {@code XREAD} returns at most
 * @param blockTime how long one {@code XREAD} blocks waiting for entries
 * @param sessionKeyPrefix the prefix of the keys of sessions kept for connection state
 * recovery
 * @param onlyPlaintext whether messages never carry binary, so are always written as
 * JSON without looking for binary first
 * @param requestTimeout how long a request to the other nodes waits for their answers
 * @param maxPendingPublishes how many commands may wait for Redis at once; more are
 * dropped and counted as failures
 * @param maxPendingPublishBytes how many bytes may wait for Redis at once
 * @param sessionRefresh how often the sessions of connected sockets are stored, so that
 * a node that dies (no clean disconnect) loses nothing a client can recover;
 * {@link Duration#ZERO} stores a session only when its connection drops, as the Node
 * adapter
 */
public record RedisStreamsAdapterOptions(String streamName, int streamCount, String channelPrefix, long maxLen,
		int readCount, Duration blockTime, String sessionKeyPrefix, boolean onlyPlaintext, Duration requestTimeout,
		int maxPendingPublishes, long maxPendingPublishBytes, Duration sessionRefresh) {

	/** Default interval of storing the sessions of connected sockets. */
	public static final Duration DEFAULT_SESSION_REFRESH = Duration.ofSeconds(5);

	/**
	 * The Node adapter's defaults (stream {@code socket.io}, one stream, channel prefix
	 * {@code socket.io}, 10,000 entries, 100 per read, 5 s blocks, sessions under
	 * {@code sio:session:}), 5 s requests, 10,000 commands and 64 MiB waiting for Redis,
	 * sessions of connected sockets stored every 5 s.
	 */
	public static final RedisStreamsAdapterOptions DEFAULTS = new RedisStreamsAdapterOptions("socket.io", 1,
			"socket.io", 10_000, 100, Duration.ofSeconds(5), "sio:session:", false, Duration.ofSeconds(5), 10_000,
			RedisAdapterOptions.DEFAULT_MAX_PENDING_PUBLISH_BYTES, DEFAULT_SESSION_REFRESH);

	/**
	 * Validate the settings.
	 */
	public RedisStreamsAdapterOptions {
		Assert.hasLength(streamName, "streamName must not be empty");
		Assert.isTrue(streamCount > 0, "streamCount must be positive");
		Assert.hasLength(channelPrefix, "channelPrefix must not be empty");
		Assert.isTrue(maxLen > 0, "maxLen must be positive");
		Assert.isTrue(readCount > 0, "readCount must be positive");
		Assert.isTrue(!blockTime.isNegative() && !blockTime.isZero(), "blockTime must be positive");
		Assert.notNull(sessionKeyPrefix, "sessionKeyPrefix must not be null");
		Assert.isTrue(!requestTimeout.isNegative() && !requestTimeout.isZero(), "requestTimeout must be positive");
		Assert.isTrue(maxPendingPublishes > 0, "maxPendingPublishes must be positive");
		Assert.isTrue(maxPendingPublishBytes > 0, "maxPendingPublishBytes must be positive");
		Assert.isTrue(!sessionRefresh.isNegative(), "sessionRefresh must not be negative");
	}

	/**
	 * Return the stream of a namespace, as the Node adapter computes it: the stream name
	 * itself with one stream, else {@code <name>-<i>} with {@code i} the Java (and
	 * JavaScript) 32-bit string hash of the namespace's name modulo the count, negative
	 * for a negative hash as in JavaScript.
	 * @param namespace the namespace's name
	 * @return the stream's name
	 */
	public String stream(String namespace) {
		if (this.streamCount == 1) {
			return this.streamName;
		}
		return this.streamName + "-" + (namespace.hashCode() % this.streamCount);
	}

	/** The settings of the connections the adapter shares with the Pub/Sub adapter. */
	RedisAdapterOptions connectionOptions() {
		return new RedisAdapterOptions(this.channelPrefix, this.requestTimeout, this.maxPendingPublishes,
				this.maxPendingPublishBytes);
	}

}
