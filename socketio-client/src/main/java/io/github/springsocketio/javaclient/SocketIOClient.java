package io.github.springsocketio.javaclient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.protocol.EncodedPacket;
import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.protocol.PacketDecoder;
import io.github.springsocketio.protocol.PacketEncoder;
import io.github.springsocketio.protocol.PacketParseException;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Socket.IO client: one Engine.IO connection to a server, carrying the sockets of any
 * number of namespaces (the {@code Manager} of the JavaScript client).
 * <pre class="code">
 * SocketIOClient client = SocketIOClient.builder(URI.create("http://localhost:8080")).build();
 * ClientSocket socket = client.socket("/chat", Map.of("token", "secret"));
 * socket.on("message", Message.class).subscribe(System.out::println);
 * socket.connect().block();
 * socket.emitWithAck("join", String.class, "room-1").block();
 * </pre>
 * <p>
 * The connection opens when the first socket connects and closes when the last one
 * disconnects. When it drops, the client reconnects with an exponential back-off and
 * connects its sockets again; events emitted meanwhile are buffered.
 */
public final class SocketIOClient {

	private enum ReadyState {
		CLOSED, OPENING, OPEN
	}

	private final ClientOptions options;

	private final SerialWorker worker;

	private final PacketEncoder encoder;

	private final PacketDecoder decoder;

	private final Backoff backoff;

	private final Map<String, ClientSocket> sockets = new HashMap<>();

	private final Set<ClientSocket> activeSockets = new LinkedHashSet<>();

	private ReadyState readyState = ReadyState.CLOSED;

	private @Nullable EngineConnection engine;

	private @Nullable Disposable openTimer;

	private @Nullable Disposable reconnectTimer;

	private boolean reconnecting;

	private boolean skipReconnect;

	private volatile @Nullable Transport transport;

	private SocketIOClient(ClientOptions options, DoubleSupplier random) {
		this.options = options;
		this.worker = new SerialWorker(options.scheduler());
		this.encoder = new PacketEncoder(options.mapper());
		this.decoder = new PacketDecoder(options.mapper(), 10_000, PacketDecoder.MAX_NESTING_DEPTH_LIMIT);
		this.backoff = new Backoff(options.reconnectionDelay(), options.reconnectionDelayMax(),
				options.randomizationFactor(), random);
	}

	/**
	 * Start building a client.
	 * @param uri the server, such as {@code http://localhost:8080} or
	 * {@code https://example.com/chat} (a path names the namespace of {@link #socket()})
	 * @return the builder
	 */
	public static Builder builder(URI uri) {
		return new Builder(uri);
	}

	/**
	 * Return the socket of the namespace named by the URI's path ({@code /} without one).
	 * @return the socket
	 */
	public ClientSocket socket() {
		String path = this.options.uri().getPath();
		return socket((path == null || path.isEmpty()) ? Packet.DEFAULT_NAMESPACE : path, null);
	}

	/**
	 * Return the socket of a namespace, without auth payload.
	 * @param namespace the namespace, such as {@code /} or {@code /chat}
	 * @return the socket (the same one on each call for a namespace)
	 */
	public ClientSocket socket(String namespace) {
		return socket(namespace, null);
	}

	/**
	 * Return the socket of a namespace, created with an auth payload sent in its CONNECT
	 * packets, or the existing socket of that namespace.
	 * @param namespace the namespace, such as {@code /} or {@code /chat}
	 * @param auth an object converted to a JSON object by the client's mapper (a
	 * {@link Map} or a record, for instance), or {@code null}
	 * @return the socket
	 */
	public ClientSocket socket(String namespace, @Nullable Object auth) {
		Objects.requireNonNull(namespace, "namespace");
		String name = namespace.startsWith("/") ? namespace : "/" + namespace;
		synchronized (this.sockets) {
			return this.sockets.computeIfAbsent(name, (key) -> new ClientSocket(this, key, auth));
		}
	}

	/**
	 * Return the transport of the open connection.
	 * @return the transport, or {@code null} when no connection is open
	 */
	public @Nullable Transport transport() {
		return this.transport;
	}

	/**
	 * Disconnect every socket and close the connection, without reconnecting.
	 */
	public void close() {
		List<ClientSocket> all;
		synchronized (this.sockets) {
			all = new ArrayList<>(this.sockets.values());
		}
		all.forEach(ClientSocket::disconnect);
		this.worker.execute(this::closeEngine);
	}

	// --- package-private, on the worker

	ClientOptions options() {
		return this.options;
	}

	SerialWorker worker() {
		return this.worker;
	}

	boolean engineWritable() {
		EngineConnection engine = this.engine;
		return engine != null && engine.writable();
	}

	void activate(ClientSocket socket) {
		this.activeSockets.add(socket);
		this.skipReconnect = false;
		if (this.readyState == ReadyState.OPEN) {
			socket.onManagerOpen();
		}
		else if (this.readyState == ReadyState.CLOSED && !this.reconnecting) {
			open();
		}
	}

	void deactivate(ClientSocket socket) {
		this.activeSockets.remove(socket);
		if (this.activeSockets.isEmpty()) {
			closeEngine();
		}
	}

	void packet(Packet packet) {
		EngineConnection engine = this.engine;
		if (engine == null || !engine.isOpen()) {
			return;
		}
		EncodedPacket encoded = this.encoder.encode(packet);
		engine.send(EnginePacket.message(encoded.text()));
		for (byte[] attachment : encoded.attachments()) {
			engine.send(EnginePacket.binary(attachment));
		}
	}

	private void open() {
		this.readyState = ReadyState.OPENING;
		EngineConnection[] holder = new EngineConnection[1];
		EngineConnection engine = new EngineConnection(this.options, this.worker, new EngineConnection.Listener() {

			@Override
			public void onEngineOpen() {
				if (SocketIOClient.this.engine == holder[0]) {
					onOpen();
				}
			}

			@Override
			public void onEngineMessage(EnginePacket message) {
				if (SocketIOClient.this.engine == holder[0]) {
					onMessage(message);
				}
			}

			@Override
			public void onEngineUpgrade(Transport transport) {
				if (SocketIOClient.this.engine == holder[0]) {
					SocketIOClient.this.transport = transport;
				}
			}

			@Override
			public void onEngineClose(String reason, @Nullable Throwable error) {
				if (SocketIOClient.this.engine == holder[0]) {
					onClose(reason, error);
				}
			}

		});
		holder[0] = engine;
		this.engine = engine;
		this.decoder.reset();
		this.openTimer = this.worker.schedule(() -> {
			if (this.engine == engine && this.readyState == ReadyState.OPENING) {
				engine.fail("timeout", new java.util.concurrent.TimeoutException(
						"no Engine.IO handshake within " + this.options.timeout().toMillis() + " ms"));
			}
		}, this.options.timeout());
		engine.open();
	}

	private void onOpen() {
		cancel(this.openTimer);
		this.readyState = ReadyState.OPEN;
		this.reconnecting = false;
		this.backoff.reset();
		this.transport = (this.engine != null) ? this.engine.transport() : null;
		for (ClientSocket socket : List.copyOf(this.activeSockets)) {
			socket.onManagerOpen();
		}
	}

	private void onMessage(EnginePacket message) {
		EngineConnection engine = this.engine;
		Packet packet;
		try {
			byte[] binary = message.binary();
			packet = (binary != null) ? this.decoder.decodeBinary(binary) : this.decoder.decodeText(String.valueOf(message.text()));
		}
		catch (PacketParseException ex) {
			if (engine != null) {
				engine.fail("parse error", ex);
			}
			return;
		}
		if (packet == null) {
			return;
		}
		ClientSocket socket;
		synchronized (this.sockets) {
			socket = this.sockets.get(packet.namespace());
		}
		if (socket != null) {
			socket.onPacket(packet);
		}
	}

	private void onClose(String reason, @Nullable Throwable error) {
		cancel(this.openTimer);
		boolean wasOpen = this.readyState == ReadyState.OPEN;
		this.readyState = ReadyState.CLOSED;
		this.engine = null;
		this.transport = null;
		this.decoder.reset();
		boolean retry = this.options.reconnection() && !this.skipReconnect && !this.activeSockets.isEmpty();
		if (wasOpen) {
			List<ClientSocket> all;
			synchronized (this.sockets) {
				all = new ArrayList<>(this.sockets.values());
			}
			for (ClientSocket socket : all) {
				socket.onManagerClose(reason, retry);
			}
			if (!retry) {
				this.activeSockets.forEach(ClientSocket::release);
				this.activeSockets.clear();
			}
		}
		else {
			boolean again = retry && attemptsLeft();
			for (ClientSocket socket : List.copyOf(this.activeSockets)) {
				socket.onManagerOpenError(reason, error, again);
			}
			if (!again) {
				long attempts = this.backoff.attempts();
				this.backoff.reset();
				for (ClientSocket socket : List.copyOf(this.activeSockets)) {
					socket.onGiveUp(retry ? new SocketIOClientException("reconnection failed after " + attempts
							+ " attempts: " + reason, error)
							: new SocketIOClientException("connection failed: " + reason, error));
				}
				this.activeSockets.clear();
				retry = false;
			}
		}
		this.reconnecting = false;
		if (retry) {
			reconnect();
		}
	}

	private boolean attemptsLeft() {
		return this.backoff.attempts() < this.options.reconnectionAttempts();
	}

	private void reconnect() {
		if (this.reconnecting || this.skipReconnect) {
			return;
		}
		if (!attemptsLeft()) {
			return;
		}
		this.reconnecting = true;
		Duration delay = this.backoff.next();
		this.reconnectTimer = this.worker.schedule(() -> {
			if (this.skipReconnect || this.readyState != ReadyState.CLOSED) {
				this.reconnecting = false;
				return;
			}
			open();
		}, delay);
	}

	private void closeEngine() {
		this.skipReconnect = true;
		this.reconnecting = false;
		cancel(this.reconnectTimer);
		EngineConnection engine = this.engine;
		if (engine != null) {
			engine.close();
		}
	}

	private static void cancel(@Nullable Disposable timer) {
		if (timer != null) {
			timer.dispose();
		}
	}

	/**
	 * Builds a {@link SocketIOClient}. The defaults are those of the JavaScript client.
	 */
	public static final class Builder {

		private final URI uri;

		private String path = "/socket.io/";

		private final Map<String, String> query = new LinkedHashMap<>();

		private final Map<String, String> headers = new LinkedHashMap<>();

		private HttpClient httpClient = HttpClient.create();

		private List<Transport> transports = List.of(Transport.POLLING, Transport.WEBSOCKET);

		private boolean upgrade = true;

		private Duration timeout = Duration.ofSeconds(20);

		private @Nullable Duration ackTimeout;

		private boolean reconnection = true;

		private long reconnectionAttempts = Long.MAX_VALUE;

		private Duration reconnectionDelay = Duration.ofSeconds(1);

		private Duration reconnectionDelayMax = Duration.ofSeconds(5);

		private double randomizationFactor = 0.5;

		private @Nullable JsonMapper mapper;

		private Scheduler scheduler = Schedulers.parallel();

		private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

		private Builder(URI uri) {
			this.uri = Objects.requireNonNull(uri, "uri");
			String scheme = uri.getScheme();
			if (scheme == null || !List.of("http", "https", "ws", "wss").contains(scheme.toLowerCase())) {
				throw new IllegalArgumentException("Expected an http, https, ws or wss URI: " + uri);
			}
		}

		/**
		 * Set the Engine.IO path of the server.
		 * @param path the path, {@code /socket.io/} by default
		 * @return this builder
		 */
		public Builder path(String path) {
			String withSlash = path.startsWith("/") ? path : "/" + path;
			this.path = withSlash.endsWith("/") ? withSlash : withSlash + "/";
			return this;
		}

		/**
		 * Add a query parameter to every request of the connection (the server sees it
		 * in the handshake).
		 * @param name the parameter name
		 * @param value its value
		 * @return this builder
		 */
		public Builder query(String name, String value) {
			this.query.put(name, value);
			return this;
		}

		/**
		 * Add a header to every HTTP request and to the WebSocket handshake.
		 * @param name the header name
		 * @param value its value
		 * @return this builder
		 */
		public Builder header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		/**
		 * Set the Reactor Netty client of every request, for TLS, proxies, timeouts,
		 * metrics or wiretap.
		 * @param httpClient the client, {@link HttpClient#create()} by default
		 * @return this builder
		 */
		public Builder httpClient(HttpClient httpClient) {
			this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
			return this;
		}

		/**
		 * Set the transports, the first one opening the connection: polling then
		 * WebSocket by default; {@code WEBSOCKET} alone connects with WebSocket only.
		 * @param transports the transports
		 * @return this builder
		 */
		public Builder transports(Transport... transports) {
			if (transports.length == 0) {
				throw new IllegalArgumentException("At least one transport is needed");
			}
			this.transports = List.of(transports);
			return this;
		}

		/**
		 * Set whether a polling connection upgrades to WebSocket when the server offers it.
		 * @param upgrade {@code true} by default
		 * @return this builder
		 */
		public Builder upgrade(boolean upgrade) {
			this.upgrade = upgrade;
			return this;
		}

		/**
		 * Set how long opening the Engine.IO connection may take.
		 * @param timeout 20 s by default
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = Objects.requireNonNull(timeout, "timeout");
			return this;
		}

		/**
		 * Set the default acknowledgement timeout of {@code emitWithAck}.
		 * @param ackTimeout the timeout, none by default
		 * @return this builder
		 */
		public Builder ackTimeout(Duration ackTimeout) {
			this.ackTimeout = Objects.requireNonNull(ackTimeout, "ackTimeout");
			return this;
		}

		/**
		 * Set whether the client reconnects after the connection drops.
		 * @param reconnection {@code true} by default
		 * @return this builder
		 */
		public Builder reconnection(boolean reconnection) {
			this.reconnection = reconnection;
			return this;
		}

		/**
		 * Set how many reconnection attempts are made before giving up.
		 * @param attempts unlimited ({@link Long#MAX_VALUE}) by default
		 * @return this builder
		 */
		public Builder reconnectionAttempts(long attempts) {
			this.reconnectionAttempts = attempts;
			return this;
		}

		/**
		 * Set the delay before the first reconnection attempt, doubled at each attempt.
		 * @param delay 1 s by default
		 * @return this builder
		 */
		public Builder reconnectionDelay(Duration delay) {
			this.reconnectionDelay = Objects.requireNonNull(delay, "delay");
			return this;
		}

		/**
		 * Set the longest delay between reconnection attempts.
		 * @param delay 5 s by default
		 * @return this builder
		 */
		public Builder reconnectionDelayMax(Duration delay) {
			this.reconnectionDelayMax = Objects.requireNonNull(delay, "delay");
			return this;
		}

		/**
		 * Set the jitter of the reconnection delays: each delay deviates randomly by up
		 * to this fraction of itself.
		 * @param factor from 0 to 1, 0.5 by default
		 * @return this builder
		 */
		public Builder randomizationFactor(double factor) {
			if (factor < 0 || factor > 1) {
				throw new IllegalArgumentException("randomizationFactor must be between 0 and 1");
			}
			this.randomizationFactor = factor;
			return this;
		}

		/**
		 * Set the Jackson mapper converting event arguments and acknowledgements.
		 * @param mapper the mapper, a default {@link JsonMapper} by default
		 * @return this builder
		 */
		public Builder jsonMapper(JsonMapper mapper) {
			this.mapper = Objects.requireNonNull(mapper, "mapper");
			return this;
		}

		/**
		 * Set the scheduler of the client's worker, which runs its state machine, its
		 * timers and the delivery of received events; a
		 * {@code VirtualTimeScheduler} of reactor-test makes timing testable.
		 * @param scheduler the scheduler, {@link Schedulers#parallel()} by default
		 * @return this builder
		 */
		public Builder scheduler(Scheduler scheduler) {
			this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
			return this;
		}

		Builder random(DoubleSupplier random) {
			this.random = random;
			return this;
		}

		/**
		 * Build the client. Nothing connects until a socket does.
		 * @return the client
		 */
		public SocketIOClient build() {
			JsonMapper mapper = (this.mapper != null) ? this.mapper : JsonMapper.builder().build();
			ClientOptions options = new ClientOptions(this.uri, this.path, Map.copyOf(this.query),
					Map.copyOf(this.headers), this.httpClient, this.transports, this.upgrade, this.timeout,
					this.ackTimeout, this.reconnection, this.reconnectionAttempts, this.reconnectionDelay,
					this.reconnectionDelayMax, this.randomizationFactor, mapper, this.scheduler);
			return new SocketIOClient(options, this.random);
		}

	}

}
