package io.github.springsocketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.github.springsocketio.adapter.BroadcastOptions;
import io.github.springsocketio.adapter.PersistedSession;
import io.github.springsocketio.adapter.RestoredSession;
import io.github.springsocketio.engine.Base64Id;
import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.engine.ProtocolClock;
import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.protocol.PacketType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A client's connection to one namespace. Thread-safe.
 * <p>
 * Events are dispatched in arrival order on the connection's event-loop thread:
 * synchronous listeners must not block; asynchronous listeners return a {@code Mono}
 * that is subscribed to without holding up the next event.
 */
public final class Socket {

	private static final Logger logger = LoggerFactory.getLogger(Socket.class);

	/** Disconnections after which a client may recover its socket, as in the reference. */
	private static final Set<DisconnectReason> RECOVERABLE = EnumSet.of(DisconnectReason.TRANSPORT_ERROR,
			DisconnectReason.TRANSPORT_CLOSE, DisconnectReason.FORCED_CLOSE, DisconnectReason.PING_TIMEOUT,
			DisconnectReason.SERVER_SHUTTING_DOWN);

	private final String id;

	private final Namespace namespace;

	private final Client client;

	private final Handshake handshake;

	private final Map<String, Object> data = new ConcurrentHashMap<>();

	private final Map<String, List<AsyncEventListener>> listeners = new ConcurrentHashMap<>();

	private volatile List<AnyEventListener> anyListeners = List.of();

	private volatile List<AnyEventListener> anyOutgoingListeners = List.of();

	private volatile List<PacketMiddleware> middlewares = List.of();

	private volatile List<Consumer<DisconnectReason>> disconnectingListeners = List.of();

	private volatile List<Consumer<DisconnectReason>> disconnectListeners = List.of();

	private volatile List<Consumer<Throwable>> errorListeners = List.of();

	/** The shortest time between two sweeps of expired broadcast acknowledgements. */
	static final long ACK_SWEEP_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final Map<Long, PendingAck> acks = new ConcurrentHashMap<>();

	/** Set by the one caller that disconnects the socket, whichever thread it is on. */
	private final AtomicBoolean closing = new AtomicBoolean();

	/** Times acknowledgements, as the server's options say. */
	private final ProtocolClock clock;

	/** When {@link #expectAck} last dropped expired entries (racy on purpose: a hint). */
	private long lastAckSweep;

	private volatile boolean connected;

	private boolean ready;

	private @Nullable List<Packet> early = new ArrayList<>();

	private volatile @Nullable DisconnectReason disconnectReason;

	private final @Nullable String pid;

	private final @Nullable RestoredSession restored;

	/** The observed handling of the connection, set before the socket connects. */
	private HandlingObserver.@Nullable Handling connectionHandling;

	Socket(String id, Namespace namespace, Client client, Handshake handshake, @Nullable RestoredSession restored) {
		this.id = id;
		this.namespace = namespace;
		this.client = client;
		this.handshake = handshake;
		this.restored = restored;
		this.clock = namespace.clock();
		this.lastAckSweep = this.clock.nanoTime();
		if (restored != null) {
			this.pid = restored.session().pid();
			this.data.putAll(restored.session().data());
		}
		else {
			this.pid = namespace.isRecoveryEnabled() ? Base64Id.generate() : null;
		}
	}

	/**
	 * Return whether this socket was recovered (connection state recovery): same id,
	 * rooms and data as before the connection was lost, missed events delivered.
	 * @return {@code true} for a recovered socket
	 */
	public boolean recovered() {
		return this.restored != null;
	}

	/**
	 * Return the private session id a client presents to recover this socket.
	 * @return the id, or {@code null} when recovery is off
	 */
	/**
	 * Return the state this socket is persisted with for recovery.
	 * @param pid its private session id
	 * @return its id, pid, rooms and data now
	 */
	PersistedSession persistedSession(String pid) {
		return new PersistedSession(this.id, pid, rooms(), this.data);
	}

	@Nullable String pid() {
		return this.pid;
	}

	/**
	 * Return the socket id: unique, distinct from the Engine.IO session id.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Return the namespace the socket belongs to.
	 * @return the namespace
	 */
	public Namespace namespace() {
		return this.namespace;
	}

	/**
	 * Return what the client presented when it connected.
	 * @return the handshake
	 */
	public Handshake handshake() {
		return this.handshake;
	}

	/**
	 * Return the socket's attributes, free for the application to use.
	 * @return a thread-safe mutable map
	 */
	public Map<String, Object> data() {
		return this.data;
	}

	/**
	 * Return whether the socket is connected.
	 * @return {@code true} between the connection and the disconnection
	 */
	public boolean connected() {
		return this.connected;
	}

	/**
	 * Return why the socket was disconnected.
	 * @return the reason, or {@code null} while connected
	 */
	public @Nullable DisconnectReason disconnectReason() {
		return this.disconnectReason;
	}

	/**
	 * Return the Engine.IO transport the socket's connection uses now.
	 * @return {@code polling} or {@code websocket}
	 */
	public String transport() {
		return this.client.transportName();
	}

	Payloads payloads() {
		return this.namespace.payloads();
	}

	HandlingObserver.@Nullable Handling connectionHandling() {
		return this.connectionHandling;
	}

	// ---- listeners

	/**
	 * Handle an event synchronously.
	 * @param event the event name
	 * @param listener the listener
	 * @return this socket
	 */
	public Socket on(String event, EventListener listener) {
		return onAsync(event, (e) -> {
			listener.onEvent(e);
			return Mono.empty();
		});
	}

	/**
	 * Handle an event asynchronously; the returned value becomes the acknowledgement.
	 * @param event the event name
	 * @param listener the listener
	 * @return this socket
	 */
	public Socket onAsync(String event, AsyncEventListener listener) {
		this.listeners.computeIfAbsent(event, (name) -> new CopyOnWriteArrayList<>()).add(listener);
		return this;
	}

	/**
	 * Observe every incoming event, before its listeners.
	 * @param listener the listener
	 * @return this socket
	 */
	public Socket onAny(AnyEventListener listener) {
		synchronized (this) {
			this.anyListeners = appended(this.anyListeners, listener);
		}
		return this;
	}

	/**
	 * Observe every event emitted to this socket.
	 * @param listener the listener
	 * @return this socket
	 */
	public Socket onAnyOutgoing(AnyEventListener listener) {
		synchronized (this) {
			this.anyOutgoingListeners = appended(this.anyOutgoingListeners, listener);
		}
		return this;
	}

	/**
	 * Add a middleware run before each incoming event.
	 * @param middleware the middleware
	 * @return this socket
	 */
	public Socket use(PacketMiddleware middleware) {
		synchronized (this) {
			this.middlewares = appended(this.middlewares, middleware);
		}
		return this;
	}

	/**
	 * Be told when the socket is about to disconnect (it is still in its rooms).
	 * @param listener receives the reason
	 * @return this socket
	 */
	public Socket onDisconnecting(Consumer<DisconnectReason> listener) {
		synchronized (this) {
			this.disconnectingListeners = appended(this.disconnectingListeners, listener);
		}
		return this;
	}

	/**
	 * Be told when the socket has disconnected.
	 * @param listener receives the reason
	 * @return this socket
	 */
	public Socket onDisconnect(Consumer<DisconnectReason> listener) {
		synchronized (this) {
			this.disconnectListeners = appended(this.disconnectListeners, listener);
		}
		return this;
	}

	/**
	 * Be told of errors: failed middleware, failing listeners.
	 * @param listener receives the error
	 * @return this socket
	 */
	public Socket onError(Consumer<Throwable> listener) {
		synchronized (this) {
			this.errorListeners = appended(this.errorListeners, listener);
		}
		return this;
	}

	// ---- emitting

	/**
	 * Emit an event to this client; each argument becomes one argument of the event.
	 * @param event the event name
	 * @param args the arguments, converted with the server's {@code JsonMapper};
	 * {@code byte[]} values are sent as binary
	 * @return whether the packet was queued
	 */
	public boolean emit(String event, @Nullable Object... args) {
		return emitArgs(event, payloads().toArgs(args));
	}

	/**
	 * Emit an event with ready-made arguments.
	 * @param event the event name
	 * @param args the arguments, one element per argument
	 * @return whether the packet was queued
	 */
	public boolean emitArgs(String event, ArrayNode args) {
		notifyOutgoing(event, args);
		Packet packet = Packet.event(this.namespace.name(), payloads().eventData(event, args), Packet.NO_ACK);
		if (this.namespace.isRecoveryEnabled()) {
			// through the adapter, as the reference does, so the event gets an offset and
			// is kept for the client should its connection drop
			if (!this.connected) {
				return false;
			}
			this.namespace.adapter().emitRecoverable(this.id, packet);
			return true;
		}
		return send(packet, false);
	}

	/**
	 * Emit an event and wait for the client's acknowledgement, without a time limit
	 * (it fails if the socket disconnects first).
	 * @param event the event name
	 * @param args the arguments
	 * @return the acknowledgement's arguments
	 */
	public Mono<ArrayNode> emitWithAck(String event, @Nullable Object... args) {
		return emitWithAck(event, payloads().toArgs(args), null);
	}

	/**
	 * Return an emitter whose acknowledgements time out.
	 * @param timeout how long to wait for each acknowledgement
	 * @return the emitter
	 */
	public TimedEmitter timeout(Duration timeout) {
		return new TimedEmitter(this, timeout);
	}

	Mono<ArrayNode> emitWithAck(String event, ArrayNode args, @Nullable Duration timeout) {
		Mono<ArrayNode> ack = Mono.create((MonoSink<ArrayNode> sink) -> {
			if (!this.connected) {
				sink.error(new AckTimeoutException("socket is disconnected"));
				return;
			}
			long ackId = this.namespace.nextAckId();
			this.acks.put(ackId,
					new PendingAck((data) -> sink.success(asArray(data)), sink::error, this.clock.nanoTime()));
			sink.onDispose(() -> this.acks.remove(ackId));
			notifyOutgoing(event, args);
			send(Packet.event(this.namespace.name(), payloads().eventData(event, args), ackId), false);
		});
		if (timeout == null) {
			return ack;
		}
		return ack.timeout(timeout, Mono.defer(() -> Mono.error(new AckTimeoutException("operation has timed out"))),
				this.clock.scheduler());
	}

	private static ArrayNode asArray(JsonNode data) {
		return (data instanceof ArrayNode array) ? array : JsonNodeFactory.instance.arrayNode();
	}

	boolean send(Packet packet, boolean isVolatile) {
		return deliver(this.namespace.encode(packet), isVolatile);
	}

	boolean deliver(List<EnginePacket> messages, boolean isVolatile) {
		return this.connected && this.client.send(messages, isVolatile);
	}

	void sendAck(long ackId, ArrayNode args) {
		send(Packet.ack(this.namespace.name(), args, ackId), false);
	}

	/**
	 * Register the callback of an acknowledgement expected for a broadcast. The broadcast
	 * waits at most its timeout; a client that never answers would keep the entry until it
	 * disconnects, so entries past their broadcast's timeout are dropped, in one sweep at
	 * most every {@link #ACK_SWEEP_INTERVAL_NANOS}.
	 * @param timeout the broadcast's timeout, or {@code null} if it waits for ever
	 */
	void expectAck(long ackId, Consumer<JsonNode> callback, @Nullable Duration timeout) {
		long now = this.clock.nanoTime();
		this.acks.put(ackId, new PendingAck(callback, (error) -> {
		}, now, (timeout != null) ? Math.max(1, timeout.toNanos()) : 0));
		if (now - this.lastAckSweep > ACK_SWEEP_INTERVAL_NANOS) {
			this.lastAckSweep = now;
			this.acks.values().removeIf((pending) -> pending.expired(now));
		}
	}

	/**
	 * Return how many acknowledgements this socket's client still owes.
	 * @return the number of pending acknowledgements
	 */
	int pendingAcks() {
		return this.acks.size();
	}

	private void notifyOutgoing(String event, ArrayNode args) {
		for (AnyEventListener listener : this.anyOutgoingListeners) {
			try {
				listener.onEvent(event, args);
			}
			catch (RuntimeException ex) {
				logger.error("onAnyOutgoing listener failed on socket {}", this.id, ex);
			}
		}
	}

	// ---- rooms and broadcasts

	/**
	 * Join rooms.
	 * @param rooms the rooms
	 */
	public void join(String... rooms) {
		this.namespace.adapter().addAll(this.id, Set.of(rooms));
	}

	/**
	 * Leave a room.
	 * @param room the room
	 */
	public void leave(String room) {
		this.namespace.adapter().del(this.id, room);
	}

	/**
	 * Return the rooms the socket is in, its own id included.
	 * @return a snapshot
	 */
	public Set<String> rooms() {
		return this.namespace.adapter().socketRooms(this.id);
	}

	/**
	 * Target every other socket of the namespace.
	 * @return a broadcast operator excluding this socket
	 */
	public BroadcastOperator broadcast() {
		return new BroadcastOperator(this.namespace, BroadcastOptions.ALL.withExcept(Set.of(this.id)));
	}

	/**
	 * Target the sockets in rooms, except this one.
	 * @param rooms the rooms
	 * @return a broadcast operator
	 */
	public BroadcastOperator to(String... rooms) {
		return broadcast().to(rooms);
	}

	/**
	 * Same as {@link #to}.
	 * @param rooms the rooms
	 * @return a broadcast operator
	 */
	public BroadcastOperator in(String... rooms) {
		return to(rooms);
	}

	/**
	 * Target every other socket of the namespace except those in rooms.
	 * @param rooms the rooms to leave out
	 * @return a broadcast operator
	 */
	public BroadcastOperator except(String... rooms) {
		return broadcast().except(rooms);
	}

	// ---- disconnecting

	/**
	 * Disconnect from the namespace: the client receives a DISCONNECT packet.
	 * @param close whether to close the whole connection (every namespace of the
	 * client)
	 */
	public void disconnect(boolean close) {
		if (!this.connected) {
			return;
		}
		if (close) {
			this.client.disconnectAll();
		}
		else if (this.closing.compareAndSet(false, true)) {
			// the reason is settled before the packet leaves: the client may close its
			// connection as soon as it reads it, and that close, seen on another thread,
			// must not pass for the reason
			send(Packet.disconnect(this.namespace.name()), false);
			close(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
		}
	}

	// ---- from the client

	/**
	 * Start observing the connection, before the socket connects (so that whoever
	 * disconnects it finds the handling to stop).
	 * @param observer the server's observer, if any
	 */
	void observeConnection(@Nullable HandlingObserver observer) {
		if (observer == null) {
			return;
		}
		try {
			this.connectionHandling = observer.connection(this);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not observe the connection of socket {}", this.id, ex);
		}
	}

	void onConnect(@Nullable JsonNode connectData) {
		this.connected = true;
		join(this.id);
		RestoredSession session = this.restored;
		if (session != null) {
			this.namespace.adapter().addAll(this.id, session.session().rooms());
			// like the reference, the missed events go first; the client buffers them until
			// the CONNECT packet
			for (ArrayNode missed : session.missedEvents()) {
				this.client.send(this.namespace.encode(Packet.event(this.namespace.name(), missed, Packet.NO_ACK)),
						false);
			}
		}
		this.client.send(this.namespace.encode(Packet.connect(this.namespace.name(), connectData)), false);
	}

	/**
	 * The connection listeners have run: handle the packets that arrived meanwhile.
	 */
	void onReady() {
		List<Packet> pending;
		synchronized (this) {
			this.ready = true;
			pending = this.early;
			this.early = null;
		}
		if (pending != null) {
			pending.forEach(this::onPacket);
		}
	}

	void onPacket(Packet packet) {
		if (!this.connected) {
			return;
		}
		if (!this.ready) {
			synchronized (this) {
				if (!this.ready && this.early != null) {
					this.early.add(packet);
					return;
				}
			}
		}
		if (packet.type().isEvent()) {
			onEventPacket(packet);
		}
		else if (packet.type().isAck()) {
			PendingAck pending = this.acks.remove(packet.ackId());
			if (pending != null) {
				this.namespace.listeners().ackReceived(this, this.clock.nanoTime() - pending.sentAt());
				JsonNode args = packet.data();
				pending.success().accept((args != null) ? args : JsonNodeFactory.instance.arrayNode());
			}
		}
		else if (packet.type() == PacketType.DISCONNECT) {
			onClose(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
		}
	}

	private void onEventPacket(Packet packet) {
		ArrayNode data = (ArrayNode) packet.data();
		String name = data.get(0).asString();
		AccessPolicy policy = this.namespace.server().accessPolicy();
		if (policy != null && !policy.mayEmit(this, name)) {
			logger.debug("Event '{}' of socket {} refused by the access policy", name, this.id);
			if (packet.hasAck()) {
				ArrayNode error = JsonNodeFactory.instance.arrayNode(1);
				error.add(Payloads.emptyObject().put("error", AccessPolicy.UNAUTHORIZED));
				sendAck(packet.ackId(), error);
			}
			return;
		}
		ArrayNode args = JsonNodeFactory.instance.arrayNode(data.size() - 1);
		for (int i = 1; i < data.size(); i++) {
			args.add(data.get(i));
		}
		SocketEvent event = new SocketEvent(this, name, args, packet.ackId());
		for (AnyEventListener listener : this.anyListeners) {
			try {
				listener.onEvent(name, args);
			}
			catch (RuntimeException ex) {
				logger.error("onAny listener failed on socket {}", this.id, ex);
			}
		}
		if (this.middlewares.isEmpty()) {
			dispatch(event);
		}
		else {
			Flux.fromIterable(this.middlewares)
				.concatMap((middleware) -> middleware.apply(event))
				.then()
				.subscribe(null, this::notifyError, () -> dispatch(event));
		}
	}

	private void dispatch(SocketEvent event) {
		observe(event);
		try (HandlerScope.Restore restore = event.openScope()) {
			for (EventListener listener : this.namespace.eventListeners()) {
				try {
					listener.onEvent(event);
				}
				catch (RuntimeException ex) {
					listenerFailed(event, ex);
				}
			}
			List<AsyncEventListener> handlers = this.listeners.get(event.name());
			if (handlers == null) {
				return;
			}
			for (AsyncEventListener handler : handlers) {
				Mono<?> result;
				try {
					result = handler.onEvent(event);
				}
				catch (RuntimeException ex) {
					listenerFailed(event, ex);
					continue;
				}
				if (result != null) {
					subscribe(event, result);
				}
			}
		}
		finally {
			// the dispatch's part of the handling (nothing when not observed)
			event.complete();
		}
	}

	/**
	 * Start observing an event if the server has an observer and the event a handler.
	 */
	private void observe(SocketEvent event) {
		HandlingObserver observer = this.namespace.server().handlingObserver();
		if (observer == null || !isHandled(event.name())) {
			return;
		}
		HandlingObserver.Handling handling;
		try {
			handling = observer.event(event, this.connectionHandling);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not observe event '{}' of socket {}", event.name(), this.id, ex);
			return;
		}
		if (handling != null) {
			event.observe(handling);
		}
	}

	private boolean isHandled(String event) {
		if (this.listeners.containsKey(event)) {
			return true;
		}
		for (EventListener listener : this.namespace.eventListeners()) {
			if (listener.handles(event)) {
				return true;
			}
		}
		return false;
	}

	private void subscribe(SocketEvent event, Mono<?> result) {
		Mono<?> scoped = this.namespace.server().handlerScopes().apply(this, event.scopeHandling(), result);
		if (!event.isObserved()) {
			scoped.subscribe((value) -> event.ack(value), (ex) -> listenerFailed(event, ex));
			return;
		}
		event.defer();
		scoped.subscribe((value) -> event.ack(value), (ex) -> {
			listenerFailed(event, ex);
			event.complete();
		}, event::complete);
	}

	private void listenerFailed(SocketEvent event, Throwable ex) {
		logger.error("Listener of event '{}' failed on socket {}", event.name(), this.id, ex);
		this.namespace.listeners().handlerError(this, event.name(), ex);
		event.failed(ex);
		notifyError(ex);
	}

	private void notifyError(Throwable error) {
		for (Consumer<Throwable> listener : this.errorListeners) {
			try {
				listener.accept(error);
			}
			catch (RuntimeException ex) {
				logger.error("Error listener failed on socket {}", this.id, ex);
			}
		}
	}

	void onClose(DisconnectReason reason) {
		if (this.connected && this.closing.compareAndSet(false, true)) {
			close(reason);
		}
	}

	/** Leave the namespace for a reason; only the caller that set {@code closing} does. */
	private void close(DisconnectReason reason) {
		this.disconnectReason = reason;
		notifyDisconnect(this.disconnectingListeners, reason);
		this.connected = false;
		if (this.pid != null && RECOVERABLE.contains(reason)) {
			this.namespace.adapter().persistSession(persistedSession(this.pid));
		}
		else if (this.pid != null) {
			this.namespace.adapter().discardSession(this.pid);
		}
		this.namespace.adapter().delAll(this.id);
		this.namespace.remove(this);
		this.client.remove(this);
		for (Long ackId : List.copyOf(this.acks.keySet())) {
			PendingAck pending = this.acks.remove(ackId);
			if (pending != null) {
				pending.error().accept(new AckTimeoutException("socket has been disconnected"));
			}
		}
		this.namespace.listeners().socketDisconnected(this, reason);
		notifyDisconnect(this.disconnectListeners, reason);
		stopConnectionHandling();
	}

	private void stopConnectionHandling() {
		HandlingObserver.Handling handling = this.connectionHandling;
		if (handling == null) {
			return;
		}
		try {
			handling.stop();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not stop the observation of the connection of socket {}", this.id, ex);
		}
	}

	private void notifyDisconnect(List<Consumer<DisconnectReason>> targets, DisconnectReason reason) {
		if (targets.isEmpty()) {
			return;
		}
		try (HandlerScope.Restore restore = this.namespace.server().handlerScopes().open(this)) {
			for (Consumer<DisconnectReason> listener : targets) {
				try {
					listener.accept(reason);
				}
				catch (RuntimeException ex) {
					logger.error("Disconnect listener failed on socket {}", this.id, ex);
				}
			}
		}
	}

	@Override
	public String toString() {
		return "Socket[" + this.id + ", " + this.namespace.name() + "]";
	}

	/**
	 * An acknowledgement awaited from the client.
	 *
	 * @param expiresAfter nanoseconds after {@code sentAt} when nobody waits for it any
	 * more, 0 if it is awaited until it comes or the socket disconnects
	 */
	private record PendingAck(Consumer<JsonNode> success, Consumer<Throwable> error, long sentAt, long expiresAfter) {

		PendingAck(Consumer<JsonNode> success, Consumer<Throwable> error, long sentAt) {
			this(success, error, sentAt, 0);
		}

		boolean expired(long now) {
			return this.expiresAfter > 0 && now - this.sentAt > this.expiresAfter;
		}

	}

	/**
	 * Emits with acknowledgements that time out ({@code socket.timeout(d)}).
	 */
	public static final class TimedEmitter {

		private final Socket socket;

		private final Duration timeout;

		TimedEmitter(Socket socket, Duration timeout) {
			this.socket = socket;
			this.timeout = timeout;
		}

		/**
		 * Emit an event and wait for the acknowledgement.
		 * @param event the event name
		 * @param args the arguments
		 * @return the acknowledgement's arguments; fails with
		 * {@link AckTimeoutException} when the timeout passes first
		 */
		public Mono<ArrayNode> emitWithAck(String event, @Nullable Object... args) {
			return this.socket.emitWithAck(event, this.socket.payloads().toArgs(args), this.timeout);
		}

		/**
		 * Emit an event with ready-made arguments and wait for the acknowledgement.
		 * @param event the event name
		 * @param args the arguments
		 * @return the acknowledgement's arguments
		 */
		public Mono<ArrayNode> emitArgsWithAck(String event, ArrayNode args) {
			return this.socket.emitWithAck(event, args, this.timeout);
		}

	}


	/**
	 * A list with one more element: the socket's listener lists are immutable and
	 * replaced on the rare add, so a socket nobody adds to shares the empty list.
	 */
	private static <T> List<T> appended(List<T> list, T element) {
		List<T> copy = new ArrayList<>(list.size() + 1);
		copy.addAll(list);
		copy.add(element);
		return List.copyOf(copy);
	}

}
