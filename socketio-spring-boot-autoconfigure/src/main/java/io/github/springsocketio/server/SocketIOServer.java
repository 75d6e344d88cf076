package io.github.springsocketio.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.engine.EngineSessionHandler;
import io.github.springsocketio.engine.EngineTransport;
import io.github.springsocketio.protocol.Packet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Socket.IO server: namespaces (static and dynamic) over Engine.IO sessions. Mount
 * it on an Engine.IO server with its {@link #engineHandler()}. Thread-safe.
 */
public final class SocketIOServer {

	private static final Logger logger = LoggerFactory.getLogger(SocketIOServer.class);

	/** The main namespace. */
	public static final String MAIN_NAMESPACE = "/";

	private final SocketIOServerOptions options;

	private final Payloads payloads;

	private final PacketCodec codec;

	private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();

	private final List<ParentNamespace> parents = new CopyOnWriteArrayList<>();

	private final Map<String, Client> clients = new ConcurrentHashMap<>();

	/** Dynamic namespaces that exist, with their parent; also the lock of their lifecycle. */
	private final Map<String, ParentNamespace> children = new HashMap<>();

	private final ServerListeners listeners = new ServerListeners();

	private final HandlerScopes handlerScopes = new HandlerScopes();

	private volatile @Nullable AccessPolicy accessPolicy;

	private volatile @Nullable HandlingObserver handlingObserver;

	private final EngineSessionHandler engineHandler = new EngineBridge(this);

	/**
	 * Create a server.
	 * @param options the Socket.IO settings
	 * @param mapper converts payloads from and to application types
	 */
	public SocketIOServer(SocketIOServerOptions options, JsonMapper mapper) {
		this.options = options;
		this.payloads = new Payloads(mapper);
		this.codec = PacketCodec.of(options, mapper);
		of(MAIN_NAMESPACE);
	}

	/**
	 * Return the settings.
	 * @return the options
	 */
	public SocketIOServerOptions options() {
		return this.options;
	}

	Payloads payloads() {
		return this.payloads;
	}

	/**
	 * Return the handler that mounts this server on an Engine.IO server: give it to
	 * the {@code EngineIoServer} whose sessions this server serves.
	 * @return the handler of the Engine.IO sessions, always the same
	 */
	public EngineSessionHandler engineHandler() {
		return this.engineHandler;
	}

	Map<String, Client> clients() {
		return this.clients;
	}

	// ---- observation

	/**
	 * Register a listener of connections, sockets, packets, acknowledgements and
	 * handler failures (metrics, diagnostics).
	 * @param listener the listener
	 */
	public void addListener(SocketIOServerListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Unregister a listener.
	 * @param listener the listener
	 */
	public void removeListener(SocketIOServerListener listener) {
		this.listeners.remove(listener);
	}

	ServerListeners listeners() {
		return this.listeners;
	}

	/**
	 * Apply a scope around every handler of every socket from now on (the caller's
	 * security context, a tracing context).
	 * @param scope the scope
	 */
	public void addHandlerScope(HandlerScope scope) {
		this.handlerScopes.add(scope);
	}

	/**
	 * Return the scopes of the handlers, applied in registration order, then the observed
	 * handling of the socket's connection: for code that runs handlers of its own on a
	 * socket's behalf (annotated controllers). Handlers of an event open
	 * {@link SocketEvent#openScope()} instead.
	 * @return all of them as one
	 */
	public HandlerScope handlerScope() {
		return this.handlerScopes;
	}

	/**
	 * Decide who may join which namespace and send which event (Spring Security's rules,
	 * for instance); by default everyone may.
	 * @param policy the policy, {@code null} for none
	 */
	public void setAccessPolicy(@Nullable AccessPolicy policy) {
		this.accessPolicy = policy;
	}

	@Nullable AccessPolicy accessPolicy() {
		return this.accessPolicy;
	}

	/**
	 * Return whether any handler scope is registered or handling is observed.
	 * @return {@code false} when {@link #handlerScope()} does nothing
	 */
	public boolean hasHandlerScopes() {
		return !this.handlerScopes.isEmpty() || this.handlingObserver != null;
	}

	HandlerScopes handlerScopes() {
		return this.handlerScopes;
	}

	/**
	 * Observe the handling of the connections accepted and the events received from now
	 * on (timing, tracing).
	 * @param observer the observer, {@code null} for none (the default)
	 */
	public void setHandlingObserver(@Nullable HandlingObserver observer) {
		this.handlingObserver = observer;
	}

	/**
	 * Return the observer of connections and events.
	 * @return the observer, or {@code null}
	 */
	public @Nullable HandlingObserver handlingObserver() {
		return this.handlingObserver;
	}

	// ---- namespaces

	/**
	 * Return a namespace, creating it if needed.
	 * @param name the name, e.g. {@code /chat} (a leading slash is added if missing)
	 * @return the namespace
	 */
	public Namespace of(String name) {
		String normalized = name.startsWith("/") ? name : "/" + name;
		return this.namespaces.computeIfAbsent(normalized, (key) -> new Namespace(key, this));
	}

	/**
	 * Declare dynamic namespaces: names matching the pattern are created on first use.
	 * @param pattern matched against the whole name, e.g. {@code ^/dynamic-\d+$}
	 * @return the parent of the dynamic namespaces
	 */
	public ParentNamespace of(Pattern pattern) {
		return of((Predicate<String>) (name) -> pattern.matcher(name).matches());
	}

	/**
	 * Declare dynamic namespaces: names the predicate accepts are created on first use.
	 * @param predicate decides for each new name
	 * @return the parent of the dynamic namespaces
	 */
	public ParentNamespace of(Predicate<String> predicate) {
		ParentNamespace parent = new ParentNamespace(predicate);
		this.parents.add(parent);
		return parent;
	}

	/**
	 * Return the main namespace {@code /}.
	 * @return the namespace
	 */
	public Namespace sockets() {
		return of(MAIN_NAMESPACE);
	}

	/**
	 * Return the namespaces that exist, dynamic children included.
	 * @return a read-only view
	 */
	public Collection<Namespace> namespaces() {
		return Collections.unmodifiableCollection(this.namespaces.values());
	}

	@Nullable Namespace namespaceFor(String name) {
		Namespace existing = this.namespaces.get(name);
		if (existing != null) {
			return existing;
		}
		for (ParentNamespace parent : this.parents) {
			if (parent.matches(name)) {
				synchronized (this.children) {
					Namespace child = this.namespaces.get(name);
					if (child != null) {
						return child;
					}
					if (this.children.size() >= this.options.maxDynamicNamespaces()) {
						logger.warn("Refusing dynamic namespace {}: {} exist (socketio.max-dynamic-namespaces)", name,
								this.children.size());
						return null;
					}
					child = parent.createChild(name, this);
					this.children.put(name, parent);
					this.namespaces.put(name, child);
					return child;
				}
			}
		}
		return null;
	}

	/**
	 * Remove a dynamic namespace whose last socket left, if the options say so and no
	 * connection to it is being admitted.
	 */
	void onNamespaceEmpty(Namespace namespace) {
		if (!this.options.cleanupEmptyChildNamespaces()) {
			return;
		}
		synchronized (this.children) {
			ParentNamespace parent = this.children.get(namespace.name());
			if (parent == null || this.namespaces.get(namespace.name()) != namespace || !namespace.markRemovedIfIdle()) {
				return;
			}
			this.children.remove(namespace.name());
			this.namespaces.remove(namespace.name());
			parent.removeChild(namespace);
		}
		namespace.adapter().close();
		logger.debug("Removed the empty dynamic namespace {}", namespace.name());
	}

	// ---- shortcuts to the main namespace

	/**
	 * Add a connection middleware to the main namespace.
	 * @param middleware the middleware
	 * @return this server
	 */
	public SocketIOServer use(ConnectMiddleware middleware) {
		sockets().use(middleware);
		return this;
	}

	/**
	 * Be told of every socket connecting to the main namespace.
	 * @param listener receives the socket
	 * @return this server
	 */
	public SocketIOServer onConnection(Consumer<Socket> listener) {
		sockets().onConnection(listener);
		return this;
	}

	/**
	 * Emit an event to every socket of the main namespace.
	 * @param event the event name
	 * @param args the arguments
	 */
	public void emit(String event, @Nullable Object... args) {
		sockets().emit(event, args);
	}

	/**
	 * Target the sockets of the main namespace in rooms.
	 * @param rooms the rooms
	 * @return a broadcast operator
	 */
	public BroadcastOperator to(String... rooms) {
		return sockets().to(rooms);
	}

	/**
	 * Same as {@link #to}.
	 * @param rooms the rooms
	 * @return a broadcast operator
	 */
	public BroadcastOperator in(String... rooms) {
		return sockets().in(rooms);
	}

	/**
	 * Target every socket of the main namespace except those in rooms.
	 * @param rooms the rooms
	 * @return a broadcast operator
	 */
	public BroadcastOperator except(String... rooms) {
		return sockets().except(rooms);
	}

	/**
	 * Return every socket of the main namespace, on every node of the cluster.
	 * @return the sockets
	 */
	public Mono<List<RemoteSocket>> fetchSockets() {
		return sockets().fetchSockets();
	}

	/**
	 * Send an event to the main namespace of the other nodes of the cluster.
	 * @param event the event name
	 * @param args the arguments
	 * @see Namespace#serverSideEmit
	 */
	public void serverSideEmit(String event, @Nullable Object... args) {
		sockets().serverSideEmit(event, args);
	}

	/**
	 * Send an event to the main namespace of the other nodes and collect their answers.
	 * @param event the event name
	 * @param args the arguments
	 * @return one answer per node
	 * @see Namespace#serverSideEmitWithAck
	 */
	public Mono<List<JsonNode>> serverSideEmitWithAck(String event, @Nullable Object... args) {
		return sockets().serverSideEmitWithAck(event, args);
	}

	/**
	 * Be told of the events the other nodes send to the main namespace.
	 * @param event the event name
	 * @param listener the listener, which must not block
	 * @return this server
	 */
	public SocketIOServer onServerSideEmit(String event, ServerSideEventListener listener) {
		sockets().onServerSideEmit(event, listener);
		return this;
	}

	/**
	 * Return the number of connected clients (Engine.IO sessions).
	 * @return the count
	 */
	public int clientCount() {
		return this.clients.size();
	}

	/**
	 * Return the number of connected clients that use a transport now.
	 * @param transport the transport
	 * @return the count
	 */
	public int clientCount(EngineTransport transport) {
		int count = 0;
		for (Client client : this.clients.values()) {
			if (client.connection().transport() == transport) {
				count++;
			}
		}
		return count;
	}

	/**
	 * Disconnect every socket with reason {@code server shutting down}.
	 */
	public void close() {
		for (Client client : new ArrayList<>(this.clients.values())) {
			client.closeSockets(DisconnectReason.SERVER_SHUTTING_DOWN);
		}
	}

	// ---- encoding

	List<EnginePacket> encode(Packet packet) {
		return this.codec.encode(packet);
	}

	PacketCodec codec() {
		return this.codec;
	}

}
