package io.github.springsocketio.server;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.github.springsocketio.adapter.Adapter;
import io.github.springsocketio.adapter.BroadcastOptions;
import io.github.springsocketio.adapter.RestoredSession;
import io.github.springsocketio.engine.Base64Id;
import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.engine.HandshakeRequest;
import io.github.springsocketio.engine.ProtocolClock;
import io.github.springsocketio.protocol.Packet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A namespace: its sockets, connection middleware and listeners, and its adapter
 * (rooms and broadcasts). Thread-safe.
 */
public final class Namespace {

	/**
	 * The names no server-side event may have, as in the reference: {@code connect},
	 * {@code connection} and {@code new_namespace}.
	 */
	public static final Set<String> RESERVED_SERVER_SIDE_EVENTS = Set.of("connect", "connection", "new_namespace");

	private static final Logger logger = LoggerFactory.getLogger(Namespace.class);

	static final String INVALID_NAMESPACE = "Invalid namespace";

	private static final EventListener[] NO_EVENT_LISTENERS = {};

	private final String name;

	private final SocketIOServer server;

	private final List<ConnectMiddleware> middlewares;

	private final List<Consumer<Socket>> connectionListeners;

	private final Map<String, Socket> sockets = new ConcurrentHashMap<>();

	private final AtomicLong ackIds = new AtomicLong();

	/** Connections being admitted (middleware running). */
	private final AtomicInteger admitting = new AtomicInteger();

	private volatile boolean removed;

	private final Adapter adapter;

	private final Map<String, List<ServerSideEventListener>> serverSideListeners = new ConcurrentHashMap<>();

	/** The listeners of every socket's events, replaced on each addition. */
	private volatile EventListener[] eventListeners = NO_EVENT_LISTENERS;

	private final Object eventListenersLock = new Object();

	Namespace(String name, SocketIOServer server) {
		this(name, server, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
	}

	Namespace(String name, SocketIOServer server, List<ConnectMiddleware> middlewares,
			List<Consumer<Socket>> connectionListeners) {
		this.name = name;
		this.server = server;
		this.middlewares = middlewares;
		this.connectionListeners = connectionListeners;
		this.adapter = server.options().adapterFactory().create(new NamespaceAdapterView(this));
	}

	/**
	 * Return the name.
	 * @return e.g. {@code /chat}
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the adapter that keeps this namespace's rooms.
	 * @return the adapter
	 */
	public Adapter adapter() {
		return this.adapter;
	}

	/**
	 * Return the connected sockets of this node.
	 * @return a read-only live view by socket id
	 */
	public Map<String, Socket> sockets() {
		return Collections.unmodifiableMap(this.sockets);
	}

	/**
	 * Return one connected socket of this node.
	 * @param id the socket id
	 * @return the socket, or {@code null}
	 */
	public @Nullable Socket socket(String id) {
		return this.sockets.get(id);
	}

	/**
	 * Add a middleware run before each socket is admitted.
	 * @param middleware the middleware
	 * @return this namespace
	 */
	public Namespace use(ConnectMiddleware middleware) {
		this.middlewares.add(middleware);
		return this;
	}

	/**
	 * Be told of every socket that connects.
	 * @param listener receives the socket, connected, before its first event
	 * @return this namespace
	 */
	public Namespace onConnection(Consumer<Socket> listener) {
		this.connectionListeners.add(listener);
		return this;
	}

	/**
	 * Handle the events of every socket of this namespace with one listener, which costs
	 * no memory per socket, unlike listeners that a connection listener adds to each
	 * socket. It sees each event after the socket's middleware and before the socket's
	 * own listeners, whatever its name (it ignores those it does not handle, and says
	 * which with {@link EventListener#handles}), on the thread that delivers the event,
	 * and must not block.
	 * @param listener the listener; it acknowledges events itself
	 * @return this namespace
	 */
	public Namespace onEvent(EventListener listener) {
		synchronized (this.eventListenersLock) {
			EventListener[] current = this.eventListeners;
			EventListener[] next = Arrays.copyOf(current, current.length + 1);
			next[current.length] = listener;
			this.eventListeners = next;
		}
		return this;
	}

	/**
	 * Return the listeners of every socket's events, in registration order.
	 */
	SocketIOServer server() {
		return this.server;
	}

	EventListener[] eventListeners() {
		return this.eventListeners;
	}

	// ---- broadcasting

	private BroadcastOperator all() {
		return new BroadcastOperator(this, BroadcastOptions.ALL);
	}

	/**
	 * Emit an event to every socket of the namespace.
	 * @param event the event name
	 * @param args the arguments
	 */
	public void emit(String event, @Nullable Object... args) {
		all().emit(event, args);
	}

	/**
	 * Target the sockets in rooms.
	 * @param rooms the rooms
	 * @return a broadcast operator
	 */
	public BroadcastOperator to(String... rooms) {
		return all().to(rooms);
	}

	/**
	 * Same as {@link #to}.
	 * @param rooms the rooms
	 * @return a broadcast operator
	 */
	public BroadcastOperator in(String... rooms) {
		return all().in(rooms);
	}

	/**
	 * Target every socket except those in rooms.
	 * @param rooms the rooms
	 * @return a broadcast operator
	 */
	public BroadcastOperator except(String... rooms) {
		return all().except(rooms);
	}

	/**
	 * Target every socket, dropping the packet for clients that cannot take it now.
	 * @return a broadcast operator
	 */
	public BroadcastOperator volatileOnly() {
		return all().volatileOnly();
	}

	/**
	 * Target every socket of this node only.
	 * @return a broadcast operator
	 */
	public BroadcastOperator local() {
		return all().local();
	}

	/**
	 * Target every socket, bounding the wait for acknowledgements.
	 * @param timeout the time limit
	 * @return a broadcast operator
	 */
	public BroadcastOperator timeout(Duration timeout) {
		return all().timeout(timeout);
	}

	/**
	 * Return every socket of the namespace, on every node of the cluster.
	 * @return the sockets
	 */
	public Mono<List<RemoteSocket>> fetchSockets() {
		return all().fetchSockets();
	}

	/**
	 * Make every socket join rooms.
	 * @param rooms the rooms
	 */
	public void socketsJoin(String... rooms) {
		all().socketsJoin(rooms);
	}

	/**
	 * Make every socket leave rooms.
	 * @param rooms the rooms
	 */
	public void socketsLeave(String... rooms) {
		all().socketsLeave(rooms);
	}

	/**
	 * Disconnect every socket.
	 * @param close whether to close their connections too
	 */
	public void disconnectSockets(boolean close) {
		all().disconnectSockets(close);
	}

	// ---- between nodes

	/**
	 * Send an event to this namespace on the other nodes of the cluster (their
	 * {@link #onServerSideEmit} listeners), not to clients. Nothing happens with the
	 * in-memory adapter: there is no other node.
	 * @param event the event name; not a reserved one ({@code connect},
	 * {@code connection}, {@code new_namespace})
	 * @param args the arguments
	 */
	public void serverSideEmit(String event, @Nullable Object... args) {
		this.adapter.serverSideEmit(serverSideData(event, args));
	}

	/**
	 * Send an event to the other nodes and collect one answer per node.
	 * @param event the event name
	 * @param args the arguments
	 * @return each node's answer (the value it passed to {@link ServerSideEvent#ack});
	 * empty without other nodes; fails when not every node answers within the adapter's
	 * request timeout
	 */
	public Mono<List<JsonNode>> serverSideEmitWithAck(String event, @Nullable Object... args) {
		return this.adapter.serverSideEmitWithAck(serverSideData(event, args));
	}

	private ArrayNode serverSideData(String event, @Nullable Object... args) {
		checkServerSideEvent(event);
		return payloads().eventData(event, payloads().toArgs(args));
	}

	private static void checkServerSideEvent(String event) {
		if (RESERVED_SERVER_SIDE_EVENTS.contains(event)) {
			throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
		}
	}

	/**
	 * Be told of an event the other nodes send with {@link #serverSideEmit}.
	 * @param event the event name; not a reserved one ({@code connect},
	 * {@code connection}, {@code new_namespace}), which no node can send
	 * @param listener runs on the adapter's I/O thread and must not block
	 * @return this namespace
	 */
	public Namespace onServerSideEmit(String event, ServerSideEventListener listener) {
		checkServerSideEvent(event);
		this.serverSideListeners.computeIfAbsent(event, (name) -> new CopyOnWriteArrayList<>()).add(listener);
		return this;
	}

	/**
	 * Hand an event another node sent to the listeners of its name.
	 * @param data the event name followed by its arguments
	 * @param ack the acknowledgement the sender waits for, or {@code null}
	 */
	void serverSideEvent(ArrayNode data, @Nullable Consumer<JsonNode> ack) {
		if (data.isEmpty() || !data.get(0).isString()) {
			return;
		}
		String event = data.get(0).asString();
		List<ServerSideEventListener> listeners = this.serverSideListeners.get(event);
		if (listeners == null) {
			return;
		}
		ArrayNode args = JsonNodeFactory.instance.arrayNode(data.size() - 1);
		for (int i = 1; i < data.size(); i++) {
			args.add(data.get(i));
		}
		ServerSideEvent received = new ServerSideEvent(this, event, args, ack);
		for (ServerSideEventListener listener : listeners) {
			try {
				listener.onEvent(received);
			}
			catch (RuntimeException ex) {
				logger.error("Server-side event listener for '{}' in namespace {} failed", event, this.name, ex);
			}
		}
	}

	// ---- connecting

	Payloads payloads() {
		return this.server.payloads();
	}

	ServerListeners listeners() {
		return this.server.listeners();
	}

	/**
	 * Admit a client: run the middleware, then connect the socket.
	 * @param done receives the connected socket, or {@code null} when refused
	 */
	void add(Client client, JsonNode auth, Consumer<@Nullable Socket> done) {
		HandshakeRequest request = client.connection().handshake();
		Handshake handshake = new Handshake(request.headers(), request.query(), auth, request.remoteAddress(),
				request.issued(), request.url(), request.secure(), request.principal());
		this.admitting.incrementAndGet();
		SocketIOServerOptions.ConnectionStateRecovery recovery = this.server.options().recovery();
		JsonNode pid = auth.get("pid");
		JsonNode offset = auth.get("offset");
		if (recovery != null && !client.isLegacy() && pid != null && pid.isString() && offset != null
				&& offset.isString()) {
			this.adapter.restoreSession(pid.asString(), offset.asString())
				.subscribe((restored) -> restored.ifPresentOrElse(
						(session) -> recover(client, handshake, session, recovery.skipMiddlewares(), done),
						() -> connectNew(client, handshake, done)),
						(error) -> {
							logger.warn("Could not restore a session in {}", this.name, error);
							connectNew(client, handshake, done);
						});
			return;
		}
		connectNew(client, handshake, done);
	}

	private void recover(Client client, Handshake handshake, RestoredSession restored, boolean skipMiddlewares,
			Consumer<@Nullable Socket> done) {
		Socket socket = new Socket(restored.session().sid(), this, client, handshake, restored);
		runMiddlewares(client, socket, skipMiddlewares, done);
	}

	private void connectNew(Client client, Handshake handshake, Consumer<@Nullable Socket> done) {
		runMiddlewares(client, new Socket(socketId(client), this, client, handshake, null), false, done);
	}

	private void runMiddlewares(Client client, Socket socket, boolean skip, Consumer<@Nullable Socket> done) {
		AccessPolicy policy = this.server.accessPolicy();
		if (policy != null && !policy.mayConnect(socket)) {
			logger.debug("Socket {} refused by the access policy of namespace {}", socket.id(), this.name);
			refuse(client, new ConnectionRefusedException(AccessPolicy.UNAUTHORIZED));
			done.accept(null);
			this.admitting.decrementAndGet();
			return;
		}
		if (skip || this.middlewares.isEmpty()) {
			admit(client, socket, done);
			return;
		}
		Flux.fromIterable(this.middlewares)
			.concatMap((middleware) -> middleware.apply(socket))
			.then()
			.subscribe(null, (error) -> {
				refuse(client, error);
				done.accept(null);
				this.admitting.decrementAndGet();
			}, () -> admit(client, socket, done));
	}

	/**
	 * Mark this namespace removed if it has no socket and admits none; called by the
	 * server under its lock of dynamic namespaces.
	 * @return whether it was idle and is now removed
	 */
	boolean markRemovedIfIdle() {
		if (this.sockets.isEmpty() && this.admitting.get() == 0) {
			this.removed = true;
		}
		return this.removed;
	}

	/**
	 * A fresh random id; socket.io-client 2.x derives the id from the Engine.IO session
	 * id instead ({@code sid}, or {@code /nsp#sid}), so the reference uses that for it.
	 */
	private String socketId(Client client) {
		if (client.isLegacy()) {
			String sessionId = client.connection().id();
			return SocketIOServer.MAIN_NAMESPACE.equals(this.name) ? sessionId : this.name + "#" + sessionId;
		}
		return Base64Id.generate();
	}

	private void admit(Client client, Socket socket, Consumer<@Nullable Socket> done) {
		try {
			if (!client.isConnected()) {
				done.accept(null);
				return;
			}
			if (this.removed) {
				// an empty dynamic namespace was removed while this connection was admitted
				refuse(client, new ConnectionRefusedException(INVALID_NAMESPACE));
				done.accept(null);
				return;
			}
			this.sockets.put(socket.id(), socket);
		}
		finally {
			this.admitting.decrementAndGet();
		}
		done.accept(socket);
		JsonNode connectData = null;
		if (!client.isLegacy()) {
			ObjectNode data = Payloads.emptyObject().put("sid", socket.id());
			if (socket.pid() != null) {
				data.put("pid", socket.pid());
			}
			connectData = data;
		}
		socket.observeConnection(this.server.handlingObserver());
		socket.onConnect(connectData);
		this.server.listeners().socketConnected(socket);
		try (HandlerScope.Restore restore = this.server.handlerScopes().open(socket)) {
			for (Consumer<Socket> listener : this.connectionListeners) {
				try {
					listener.accept(socket);
				}
				catch (RuntimeException ex) {
					logger.error("Connection listener of namespace {} failed", this.name, ex);
				}
			}
		}
		socket.onReady();
	}

	private void refuse(Client client, Throwable error) {
		String message = (error.getMessage() != null) ? error.getMessage() : error.getClass().getSimpleName();
		Object data = (error instanceof ConnectionRefusedException refused) ? refused.getData() : null;
		JsonNode payload;
		if (client.isLegacy()) {
			payload = payloads().toNode((data != null) ? data : message);
		}
		else {
			ObjectNode object = Payloads.emptyObject().put("message", message);
			if (data != null) {
				object.set("data", payloads().toNode(data));
			}
			payload = object;
		}
		client.send(Packet.connectError(this.name, payload));
	}

	void remove(Socket socket) {
		if (this.sockets.remove(socket.id(), socket) && this.sockets.isEmpty()) {
			this.server.onNamespaceEmpty(this);
		}
	}

	Collection<Socket> connectedSockets() {
		return this.sockets.values();
	}

	// ---- for sockets and the adapter

	List<EnginePacket> encode(Packet packet) {
		return this.server.encode(packet);
	}

	ProtocolClock clock() {
		return this.server.options().clock();
	}

	boolean isRecoveryEnabled() {
		return this.server.options().recovery() != null;
	}

	@Nullable Duration recoveryWindow() {
		SocketIOServerOptions.ConnectionStateRecovery recovery = this.server.options().recovery();
		return (recovery != null) ? recovery.maxDisconnectionDuration() : null;
	}

	/** Allocate an ack id unique in this namespace. */
	long nextAckId() {
		return this.ackIds.getAndIncrement();
	}

	@Override
	public String toString() {
		return "Namespace[" + this.name + "]";
	}

}
