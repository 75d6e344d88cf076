package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.springsocketio.adapter.Adapter;
import io.github.springsocketio.adapter.AdapterFactory;
import io.github.springsocketio.adapter.AdapterNamespace;
import io.github.springsocketio.adapter.AdapterStatus;
import io.lettuce.core.RedisClient;

import org.springframework.context.SmartLifecycle;

/**
 * Creates a {@link RedisStreamsAdapter} for each namespace, all sharing one node's Redis
 * connections: one for commands ({@code XADD}, {@code PUBLISH}, {@code SET}, ...), one
 * subscribed to the request and response channels, and one more per stream in use,
 * read by a blocking {@code XREAD} loop on a daemon thread of its own (never a Netty
 * event loop, never a connection other commands share). Reports their state for health
 * checks and metrics; as a {@link SmartLifecycle} it disconnects when the application
 * context stops and reconnects if it starts again.
 */
public final class RedisStreamsAdapterFactory
		implements AdapterFactory, AdapterStatus, SmartLifecycle, AutoCloseable {

	private static final Duration READER_STOP_WAIT = Duration.ofSeconds(2);

	private final RedisConnections redis;

	private final RedisStreamsAdapterOptions options;

	/** The adapters by namespace name, which stream entries are dispatched to. */
	private final Map<String, RedisStreamsAdapter> adapters = new ConcurrentHashMap<>();

	/** One reader per stream a namespace of this node uses, started with the first. */
	private final Map<String, StreamReader> readers = new ConcurrentHashMap<>();

	private volatile boolean running = true;

	/**
	 * Create the factory and start connecting to Redis in the background.
	 * @param client a Lettuce client for a standalone or Sentinel-managed Redis
	 * @param options the settings
	 */
	public RedisStreamsAdapterFactory(RedisClient client, RedisStreamsAdapterOptions options) {
		this.options = options;
		this.redis = new RedisConnections(client, options.connectionOptions(), "redis-streams");
	}

	@Override
	public Adapter create(AdapterNamespace namespace) {
		RedisStreamsAdapter adapter = new RedisStreamsAdapter(namespace, this.redis, this.options,
				(closed) -> this.adapters.remove(closed.namespaceName(), closed));
		this.adapters.put(namespace.name(), adapter);
		if (this.running) {
			read(adapter.stream());
		}
		return adapter;
	}

	private void read(String stream) {
		this.readers.computeIfAbsent(stream, (name) -> {
			StreamReader reader = new StreamReader(this.redis.client(), name, this.options, this::dispatch,
					this.redis::recordFailure);
			reader.start();
			return reader;
		});
	}

	private void dispatch(Map<String, String> fields, String offset) {
		String namespace = fields.get("nsp");
		RedisStreamsAdapter adapter = (namespace != null) ? this.adapters.get(namespace) : null;
		if (adapter != null) {
			adapter.onEntry(fields, offset);
		}
	}

	/**
	 * Return the connections, for tests.
	 * @return the node's connections
	 */
	RedisConnections connections() {
		return this.redis;
	}

	/**
	 * Return the settings.
	 * @return the settings
	 */
	public RedisStreamsAdapterOptions options() {
		return this.options;
	}

	@Override
	public String name() {
		return this.redis.name();
	}

	@Override
	public boolean isAvailable() {
		return this.redis.isAvailable() && this.readers.values().stream().allMatch(StreamReader::isReading);
	}

	@Override
	public long failures() {
		return this.redis.failures();
	}

	@Override
	public Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>(this.redis.details());
		details.put("available", isAvailable());
		Map<String, Object> streams = new LinkedHashMap<>();
		this.readers.forEach((stream, reader) -> streams.put(stream, reader.isReading() ? "reading" : "down"));
		details.put("streams", streams);
		return details;
	}

	@Override
	public void start() {
		this.running = true;
		this.redis.start();
		this.adapters.values().forEach((adapter) -> read(adapter.stream()));
	}

	@Override
	public void stop() {
		this.running = false;
		stopReaders();
		this.redis.close();
	}

	private void stopReaders() {
		for (String stream : Map.copyOf(this.readers).keySet()) {
			StreamReader reader = this.readers.remove(stream);
			if (reader != null) {
				reader.close(READER_STOP_WAIT);
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return RedisAdapterFactory.PHASE;
	}

	@Override
	public void close() {
		stop();
	}

}
