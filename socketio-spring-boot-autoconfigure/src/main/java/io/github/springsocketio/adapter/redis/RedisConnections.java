package io.github.springsocketio.adapter.redis;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.github.springsocketio.adapter.AdapterStatus;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * A node's two Redis connections, shared by the adapters of all its namespaces: one
 * that publishes and asks {@code PUBSUB NUMSUB}, one subscribed to the channels and
 * patterns of every namespace. Both come from the application's Lettuce client, which
 * reconnects by itself and restores the subscriptions; this class never blocks a
 * caller: it connects in the background (retrying until Redis answers), refuses work
 * while a connection is down, and bounds the publishes in flight.
 */
final class RedisConnections implements AdapterStatus, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RedisConnections.class);

	private static final Duration FIRST_RETRY = Duration.ofMillis(100);

	private static final Duration MAX_RETRY = Duration.ofSeconds(2);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

	private final RedisClient client;

	private final RedisAdapterOptions options;

	private final String name;

	private final Object lock = new Object();

	private final Map<String, BiConsumer<String, byte[]>> channels = new ConcurrentHashMap<>();

	private final Map<String, BiConsumer<String, byte[]>> patterns = new ConcurrentHashMap<>();

	private final AtomicInteger pendingPublishes = new AtomicInteger();

	private final AtomicLong pendingBytes = new AtomicLong();

	private final LongAdder failures = new LongAdder();

	private volatile @Nullable StatefulRedisConnection<byte[], byte[]> publisher;

	private volatile @Nullable StatefulRedisPubSubConnection<byte[], byte[]> subscriber;

	/** Whether the connections are stopped (closed); they can be started again. */
	private volatile boolean closed;

	private volatile boolean reportedDown;

	private @Nullable Disposable connecting;

	/**
	 * Connect in the background.
	 * @param client the application's Lettuce client
	 * @param options the adapter settings
	 */
	public RedisConnections(RedisClient client, RedisAdapterOptions options) {
		this(client, options, "redis");
	}

	/**
	 * Connect in the background.
	 * @param client the application's Lettuce client
	 * @param options the adapter settings
	 * @param name the adapter's name, for health checks and metrics
	 */
	RedisConnections(RedisClient client, RedisAdapterOptions options, String name) {
		this.client = client;
		this.options = options;
		this.name = name;
		start();
	}

	/**
	 * Connect in the background, retrying until Redis answers, unless connected or
	 * connecting already; the subscriptions made so far are restored.
	 */
	public void start() {
		synchronized (this.lock) {
			if (this.connecting != null) {
				return;
			}
			this.closed = false;
			this.connecting = Mono.fromRunnable(this::connect)
				.subscribeOn(Schedulers.boundedElastic())
				.retryWhen(Retry.backoff(Long.MAX_VALUE, FIRST_RETRY)
					.maxBackoff(MAX_RETRY)
					.filter((error) -> !this.closed)
					.doBeforeRetry((signal) -> {
						if (signal.totalRetries() == 0) {
							logger.warn("Redis adapter cannot connect to Redis yet ({}); local delivery works, "
									+ "cluster operations fail until it can", signal.failure().getMessage());
						}
					}))
				.subscribe(null, (error) -> logger.debug("Redis adapter stopped connecting", error));
		}
	}

	/**
	 * Return whether the connections are started (connected, or connecting).
	 * @return whether {@link #start()} was called last, not {@link #close()}
	 */
	public boolean isStarted() {
		return !this.closed;
	}

	private void connect() {
		if (this.closed) {
			return;
		}
		StatefulRedisConnection<byte[], byte[]> pub = this.client.connect(ByteArrayCodec.INSTANCE);
		StatefulRedisPubSubConnection<byte[], byte[]> sub;
		try {
			sub = this.client.connectPubSub(ByteArrayCodec.INSTANCE);
		}
		catch (RuntimeException ex) {
			pub.closeAsync();
			throw ex;
		}
		StateLogger stateLogger = new StateLogger();
		pub.addListener(stateLogger);
		sub.addListener(stateLogger);
		sub.addListener(new Dispatcher());
		synchronized (this.lock) {
			if (this.closed) {
				pub.closeAsync();
				sub.closeAsync();
				return;
			}
			this.publisher = pub;
			this.subscriber = sub;
			if (!this.channels.isEmpty()) {
				sub.async().subscribe(this.channels.keySet().stream().map(RedisConnections::bytes).toArray(byte[][]::new));
			}
			if (!this.patterns.isEmpty()) {
				sub.async().psubscribe(this.patterns.keySet().stream().map(RedisConnections::bytes).toArray(byte[][]::new));
			}
		}
		logger.info("Redis adapter connected to Redis");
	}

	/**
	 * Subscribe to channels; their messages go to a handler (on Lettuce's I/O thread).
	 * @param names the channels
	 * @param handler receives the channel and the message
	 * @return completes once Redis confirmed the subscription, or at once if not connected
	 * yet (it is made on connection)
	 */
	public Mono<Void> subscribe(List<String> names, BiConsumer<String, byte[]> handler) {
		synchronized (this.lock) {
			names.forEach((name) -> this.channels.put(name, handler));
			StatefulRedisPubSubConnection<byte[], byte[]> sub = this.subscriber;
			if (sub == null) {
				return Mono.empty();
			}
			return Mono.fromCompletionStage(sub.async().subscribe(names.stream().map(RedisConnections::bytes).toArray(byte[][]::new)));
		}
	}

	/**
	 * Subscribe to a pattern; its messages go to a handler with the channel they were
	 * published to.
	 * @param pattern the pattern
	 * @param handler receives the channel and the message
	 * @return completes once Redis confirmed the subscription, or at once if not connected
	 */
	public Mono<Void> psubscribe(String pattern, BiConsumer<String, byte[]> handler) {
		synchronized (this.lock) {
			this.patterns.put(pattern, handler);
			StatefulRedisPubSubConnection<byte[], byte[]> sub = this.subscriber;
			if (sub == null) {
				return Mono.empty();
			}
			return Mono.fromCompletionStage(sub.async().psubscribe(bytes(pattern)));
		}
	}

	/**
	 * Drop subscriptions.
	 * @param names the channels
	 * @param pattern a pattern, or {@code null} for none
	 */
	public void unsubscribe(List<String> names, @Nullable String pattern) {
		synchronized (this.lock) {
			names.forEach(this.channels::remove);
			if (pattern != null) {
				this.patterns.remove(pattern);
			}
			StatefulRedisPubSubConnection<byte[], byte[]> sub = this.subscriber;
			if (sub != null && sub.isOpen()) {
				sub.async().unsubscribe(names.stream().map(RedisConnections::bytes).toArray(byte[][]::new));
				if (pattern != null) {
					sub.async().punsubscribe(bytes(pattern));
				}
			}
		}
	}

	/**
	 * Publish a message unless Redis is unreachable or too many publishes or bytes wait
	 * already;
	 * a refused or failed publish is counted in {@link #failures()}.
	 * @param channel the channel
	 * @param message the message
	 * @return whether it was handed to Redis
	 */
	public boolean publish(String channel, byte[] message) {
		return send(message.length, "publish", (commands) -> commands.publish(bytes(channel), message)) != null;
	}

	/**
	 * Send a command on the publishing connection unless Redis is unreachable or too many
	 * commands or bytes wait already; a refused or failed command is counted in
	 * {@link #failures()}.
	 * @param <T> the command's result
	 * @param size the bytes the command carries, counted against the bound
	 * @param what the command, for logs
	 * @param command sends it
	 * @return its result, or {@code null} when it was refused
	 */
	<T> @Nullable CompletableFuture<T> send(int size, String what,
			Function<RedisAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) {
		StatefulRedisConnection<byte[], byte[]> pub = this.publisher;
		if (pub == null || !isAvailable()) {
			recordFailure(what + " refused: Redis unavailable");
			return null;
		}
		if (this.pendingPublishes.incrementAndGet() > this.options.maxPendingPublishes()) {
			this.pendingPublishes.decrementAndGet();
			recordFailure(what + " dropped: " + this.options.maxPendingPublishes() + " commands wait for Redis");
			return null;
		}
		if (this.pendingBytes.addAndGet(size) > this.options.maxPendingPublishBytes()) {
			this.pendingBytes.addAndGet(-size);
			this.pendingPublishes.decrementAndGet();
			recordFailure(what + " dropped: " + this.options.maxPendingPublishBytes() + " bytes wait for Redis");
			return null;
		}
		return command.apply(pub.async()).toCompletableFuture().whenComplete((result, error) -> {
			this.pendingBytes.addAndGet(-size);
			this.pendingPublishes.decrementAndGet();
			if (error != null) {
				recordFailure(what + " failed: " + error.getMessage());
			}
		});
	}

	/**
	 * Run a command that reads (no bound: the caller waits for its answer).
	 * @param <T> the command's result
	 * @param command sends it
	 * @return its result; fails at once when Redis is unavailable, or after the request
	 * timeout
	 */
	<T> Mono<T> read(Function<RedisAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) {
		return Mono.defer(() -> {
			StatefulRedisConnection<byte[], byte[]> pub = this.publisher;
			if (pub == null || !isAvailable()) {
				return Mono.<T>error(unavailable());
			}
			return Mono.fromCompletionStage(command.apply(pub.async()))
				.timeout(this.options.requestTimeout(), Mono.error(() -> new RedisAdapterException(
						"Redis did not answer within " + this.options.requestTimeout().toMillis() + " ms")));
		}).doOnError((error) -> this.failures.increment());
	}

	/**
	 * Return the client the connections come from, for connections of their own.
	 * @return the application's Lettuce client
	 */
	RedisClient client() {
		return this.client;
	}

	/**
	 * Count the subscribers of a channel: the nodes of a namespace, with
	 * {@code <key>-request#<nsp>#}.
	 * @param channel the channel
	 * @return the count; fails at once when Redis is unavailable, or after the request
	 * timeout
	 */
	public Mono<Integer> numsub(String channel) {
		return read((commands) -> commands.pubsubNumsub(bytes(channel)))
			.map((counts) -> counts.values().stream().mapToInt(Long::intValue).sum());
	}

	/**
	 * Return the error cluster operations fail with while Redis is unreachable.
	 * @return the error
	 */
	RedisAdapterException unavailable() {
		return new RedisAdapterException("Redis unavailable: the " + this.name + " adapter cannot reach the other nodes");
	}

	/**
	 * Count a failed cluster operation.
	 * @param what what failed, logged at debug level (the first failure of an outage is
	 * logged as a warning)
	 */
	void recordFailure(String what) {
		this.failures.increment();
		if (!this.reportedDown) {
			this.reportedDown = true;
			logger.warn("Redis adapter: {} (further failures are counted in socketio.adapter.failures)", what);
		}
		else {
			logger.debug("Redis adapter: {}", what);
		}
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public boolean isAvailable() {
		StatefulRedisConnection<byte[], byte[]> pub = this.publisher;
		StatefulRedisPubSubConnection<byte[], byte[]> sub = this.subscriber;
		return !this.closed && pub != null && sub != null && pub.isOpen() && sub.isOpen();
	}

	@Override
	public long failures() {
		return this.failures.sum();
	}

	/**
	 * Return how many publishes wait for Redis.
	 * @return the count
	 */
	public int pendingPublishes() {
		return this.pendingPublishes.get();
	}

	@Override
	public Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("adapter", name());
		details.put("connected", isAvailable());
		details.put("subscriptions", this.channels.size() + this.patterns.size());
		details.put("pendingPublishes", pendingPublishes());
		details.put("pendingPublishBytes", this.pendingBytes.get());
		details.put("failures", failures());
		return details;
	}

	/**
	 * Close both connections (quietly: this is no outage); the subscriptions are kept
	 * for a later {@link #start()}.
	 */
	@Override
	public void close() {
		StatefulRedisConnection<byte[], byte[]> pub;
		StatefulRedisPubSubConnection<byte[], byte[]> sub;
		synchronized (this.lock) {
			this.closed = true;
			if (this.connecting != null) {
				this.connecting.dispose();
				this.connecting = null;
			}
			pub = this.publisher;
			sub = this.subscriber;
			this.publisher = null;
			this.subscriber = null;
		}
		// waits (bounded) so that the client's own shutdown, which may follow at once,
		// finds them closed
		awaitClosed((pub != null) ? pub.closeAsync() : null, (sub != null) ? sub.closeAsync() : null);
	}

	private static void awaitClosed(@Nullable CompletableFuture<Void> publisher,
			@Nullable CompletableFuture<Void> subscriber) {
		try {
			CompletableFuture.allOf((publisher != null) ? publisher : CompletableFuture.completedFuture(null),
					(subscriber != null) ? subscriber : CompletableFuture.completedFuture(null))
				.get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.debug("Redis adapter connections did not close cleanly", ex);
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/** Routes each message to the adapter that subscribed to its channel or pattern. */
	private final class Dispatcher extends RedisPubSubAdapter<byte[], byte[]> {

		@Override
		public void message(byte[] channel, byte[] message) {
			String name = text(channel);
			dispatch(RedisConnections.this.channels.get(name), name, message);
		}

		@Override
		public void message(byte[] pattern, byte[] channel, byte[] message) {
			dispatch(RedisConnections.this.patterns.get(text(pattern)), text(channel), message);
		}

		private void dispatch(@Nullable BiConsumer<String, byte[]> handler, String channel, byte[] message) {
			if (handler == null) {
				return;
			}
			try {
				handler.accept(channel, message);
			}
			catch (RuntimeException ex) {
				logger.warn("Redis adapter could not handle a message on {}", channel, ex);
			}
		}

	}

	/** Logs when a connection to Redis is lost and comes back. */
	private final class StateLogger implements RedisConnectionStateListener {

		@Override
		public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
			if (!RedisConnections.this.closed) {
				logger.warn("Redis adapter lost its connection to Redis; local delivery goes on, cluster "
						+ "operations fail until it is back");
			}
		}

		@Override
		public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
			if (!RedisConnections.this.closed) {
				RedisConnections.this.reportedDown = false;
				logger.info("Redis adapter reconnected to Redis at {}", address);
			}
		}

	}

}
