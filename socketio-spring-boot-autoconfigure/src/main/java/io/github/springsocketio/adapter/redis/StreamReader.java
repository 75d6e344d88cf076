package io.github.springsocketio.adapter.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one stream for a node: a loop of blocking {@code XREAD BLOCK <blockTime> COUNT
 * <readCount> STREAMS <stream> <offset>} on a connection and a daemon thread of its own,
 * so that the block holds neither a Netty event loop nor a connection other commands
 * use. It starts after the stream's last entry (as {@code $}, but without missing what
 * is added between two reads before the first entry arrives), hands every entry to a
 * handler in stream order, and after a failure (Redis gone) retries with a growing delay
 * from the last entry it handled.
 */
final class StreamReader {

	private static final Logger logger = LoggerFactory.getLogger(StreamReader.class);

	private static final long FIRST_RETRY_MILLIS = 100;

	private static final long MAX_RETRY_MILLIS = 2000;

	private static final String START = "0-0";

	private final RedisClient client;

	private final String stream;

	private final byte[] key;

	private final RedisStreamsAdapterOptions options;

	private final BiConsumer<Map<String, String>, String> handler;

	private final Consumer<String> onFailure;

	private final Thread thread;

	private volatile boolean closed;

	private volatile boolean reading;

	private volatile @Nullable StatefulRedisConnection<byte[], byte[]> connection;

	/**
	 * Create a reader; {@link #start()} starts it.
	 * @param client the client its connection comes from
	 * @param stream the stream
	 * @param options the read settings
	 * @param handler receives each entry's fields and id, on the reader's thread
	 * @param onFailure is told when a read fails
	 */
	StreamReader(RedisClient client, String stream, RedisStreamsAdapterOptions options,
			BiConsumer<Map<String, String>, String> handler, Consumer<String> onFailure) {
		this.client = client;
		this.stream = stream;
		this.key = stream.getBytes(StandardCharsets.UTF_8);
		this.options = options;
		this.handler = handler;
		this.onFailure = onFailure;
		this.thread = new Thread(this::run, "socketio-redis-streams-" + stream);
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	/**
	 * Return whether the last read succeeded.
	 * @return whether entries arrive
	 */
	boolean isReading() {
		return this.reading && !this.closed;
	}

	String stream() {
		return this.stream;
	}

	private void run() {
		@Nullable String offset = null;
		long retry = FIRST_RETRY_MILLIS;
		while (!this.closed) {
			try {
				StatefulRedisConnection<byte[], byte[]> redis = connection();
				if (offset == null) {
					offset = lastId(redis);
				}
				List<StreamMessage<byte[], byte[]>> entries = redis.sync()
					.xread(XReadArgs.Builder.block(this.options.blockTime()).count(this.options.readCount()),
							XReadArgs.StreamOffset.from(this.key, offset));
				this.reading = true;
				retry = FIRST_RETRY_MILLIS;
				for (StreamMessage<byte[], byte[]> entry : entries) {
					offset = entry.getId();
					dispatch(entry);
				}
			}
			catch (RuntimeException ex) {
				if (this.closed) {
					break;
				}
				if (this.reading) {
					logger.warn("Redis Streams adapter cannot read stream {} ({}); retrying", this.stream,
							ex.getMessage());
				}
				this.reading = false;
				this.onFailure.accept("XREAD " + this.stream + " failed: " + ex.getMessage());
				try {
					Thread.sleep(retry);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					break;
				}
				retry = Math.min(MAX_RETRY_MILLIS, retry * 2);
			}
		}
		this.reading = false;
	}

	private StatefulRedisConnection<byte[], byte[]> connection() {
		StatefulRedisConnection<byte[], byte[]> current = this.connection;
		if (current != null) {
			return current;
		}
		StatefulRedisConnection<byte[], byte[]> created = this.client.connect(ByteArrayCodec.INSTANCE);
		// a blocked XREAD must not time out on the client's (possibly short) command timeout
		created.setTimeout(this.options.blockTime().plus(this.options.requestTimeout()));
		synchronized (this) {
			if (this.closed) {
				created.closeAsync();
				throw new IllegalStateException("closed");
			}
			this.connection = created;
		}
		return created;
	}

	/** The id of the stream's last entry, {@code 0-0} when it is empty or absent. */
	private String lastId(StatefulRedisConnection<byte[], byte[]> redis) {
		List<StreamMessage<byte[], byte[]>> last = redis.sync()
			.xrevrange(this.key, Range.unbounded(), Limit.from(1));
		return last.isEmpty() ? START : last.get(0).getId();
	}

	private void dispatch(StreamMessage<byte[], byte[]> entry) {
		Map<String, String> fields = new LinkedHashMap<>();
		entry.getBody().forEach((name, value) -> fields.put(text(name), text(value)));
		try {
			this.handler.accept(fields, entry.getId());
		}
		catch (RuntimeException ex) {
			logger.warn("Redis Streams adapter could not handle entry {} of {}", entry.getId(), this.stream, ex);
		}
	}

	static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/**
	 * Stop reading: closes the connection, which ends a blocked read, and waits briefly
	 * for the thread.
	 * @param wait how long to wait for the thread
	 */
	void close(Duration wait) {
		StatefulRedisConnection<byte[], byte[]> current;
		synchronized (this) {
			this.closed = true;
			current = this.connection;
			this.connection = null;
		}
		if (current != null) {
			current.closeAsync();
		}
		this.thread.interrupt();
		try {
			this.thread.join(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
