package io.github.springsocketio.javaclient;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.github.springsocketio.javaclient.ConnectionState.Status;
import io.github.springsocketio.protocol.Packet;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A socket of one namespace, multiplexed with the other namespaces of its
 * {@link SocketIOClient} on one Engine.IO connection: the {@code Socket} of the
 * JavaScript client.
 * <p>
 * Events sent while it is disconnected are buffered and sent once it connects
 * (volatile ones are dropped). When the connection drops, the client reconnects and
 * the socket connects again by itself, with the session id and last offset of
 * connection state recovery when the server granted one.
 * <p>
 * Received events are delivered on the client's worker thread, in order: subscribers
 * must not block it ({@code publishOn} another scheduler for blocking work).
 */
public final class ClientSocket {

	private static final String DISCONNECTED_MESSAGE = "socket has been disconnected";

	private final SocketIOClient manager;

	private final String namespace;

	private final @Nullable Object auth;

	private final EventListeners listeners = new EventListeners();

	private final Sinks.Many<ConnectionState> states = Sinks.many().replay().latest();

	private final Emitter emitter;

	// state below: on the manager's worker only (volatile for reads from other threads)

	private final List<Packet> sendBuffer = new ArrayList<>();

	private final List<Packet> receiveBuffer = new ArrayList<>();

	private final Map<Long, PendingAck> acks = new HashMap<>();

	private final List<MonoSink<Void>> connectWaiters = new ArrayList<>();

	private long nextAckId;

	private boolean active;

	private volatile boolean connected;

	private volatile boolean recovered;

	private volatile @Nullable String id;

	private @Nullable String pid;

	private @Nullable String lastOffset;

	ClientSocket(SocketIOClient manager, String namespace, @Nullable Object auth) {
		this.manager = manager;
		this.namespace = namespace;
		this.auth = auth;
		this.emitter = new Emitter(this, manager.options().ackTimeout(), false);
		this.states.tryEmitNext(ConnectionState.of(Status.DISCONNECTED));
	}

	/**
	 * Return the client this socket belongs to (the {@code io} of the JavaScript socket).
	 * @return the client
	 */
	public SocketIOClient manager() {
		return this.manager;
	}

	/**
	 * Return the namespace.
	 * @return the namespace, such as {@code /} or {@code /chat}
	 */
	public String namespace() {
		return this.namespace;
	}

	/**
	 * Return the socket id the server gave on the current connection.
	 * @return the id, or {@code null} while disconnected
	 */
	public @Nullable String id() {
		return this.id;
	}

	/**
	 * Return whether the socket is connected to its namespace.
	 * @return {@code true} if connected
	 */
	public boolean connected() {
		return this.connected;
	}

	/**
	 * Return whether the current connection recovered the state of the previous one
	 * (connection state recovery: same session id, missed packets replayed).
	 * @return {@code true} if recovered
	 */
	public boolean recovered() {
		return this.recovered;
	}

	/**
	 * Return the connection state: the current one, then each change.
	 * @return a hot stream that replays the latest state to each subscriber
	 */
	public Flux<ConnectionState> states() {
		return this.states.asFlux();
	}

	/**
	 * Connect to the namespace, opening the client's connection if needed. Nothing
	 * happens until subscription.
	 * @return completes once connected; errors with {@link SocketIOConnectException} if
	 * the server refuses the namespace, or with {@link SocketIOClientException} if the
	 * connection cannot be established (reconnection off or attempts exhausted)
	 */
	public Mono<Void> connect() {
		return Mono.create((sink) -> this.manager.worker().execute(() -> doConnect(sink)));
	}

	/**
	 * Disconnect from the namespace (sending DISCONNECT) and stop reconnecting it; the
	 * client's connection closes when no socket uses it any more.
	 */
	public void disconnect() {
		this.manager.worker().execute(this::doDisconnect);
	}

	/**
	 * Receive the events of a name.
	 * @param event the event name
	 * @return a hot stream of the events received while subscribed
	 */
	public Flux<Event> on(String event) {
		return this.listeners.subscribe(event);
	}

	/**
	 * Receive the first argument of the events of a name, converted to a type.
	 * @param <T> the type
	 * @param event the event name
	 * @param type the type of the first argument
	 * @return a hot stream of the first arguments (events whose first argument is
	 * absent or {@code null} are skipped)
	 */
	public <T> Flux<T> on(String event, Class<T> type) {
		return on(event).mapNotNull((received) -> received.argument(0, type));
	}

	/**
	 * Receive every event.
	 * @return a hot stream of the events received while subscribed
	 */
	public Flux<Event> onAny() {
		return this.listeners.subscribe(null);
	}

	/**
	 * Emit an event (see {@link Emitter#emit(String, Object...)}).
	 * @param event the event name
	 * @param args the arguments
	 */
	public void emit(String event, Object... args) {
		this.emitter.emit(event, args);
	}

	/**
	 * Emit an event and wait for its acknowledgement (see
	 * {@link Emitter#emitWithAck(String, Object...)}), with the client's default
	 * acknowledgement timeout if it has one.
	 * @param event the event name
	 * @param args the arguments
	 * @return the acknowledgement's arguments
	 */
	public Mono<Arguments> emitWithAck(String event, Object... args) {
		return this.emitter.emitWithAck(event, args);
	}

	/**
	 * Emit an event and wait for its acknowledgement, converting its first argument (see
	 * {@link Emitter#emitWithAck(String, Class, Object...)}).
	 * @param <R> the reply type
	 * @param event the event name
	 * @param replyType the type of the acknowledgement's first argument
	 * @param args the arguments
	 * @return the first argument of the acknowledgement
	 */
	public <R> Mono<R> emitWithAck(String event, Class<R> replyType, Object... args) {
		return this.emitter.emitWithAck(event, replyType, args);
	}

	/**
	 * Return an emitter whose acknowledgements time out.
	 * @param timeout how long to wait for an acknowledgement
	 * @return the emitter
	 */
	public Emitter timeout(Duration timeout) {
		return this.emitter.timeout(timeout);
	}

	/**
	 * Return an emitter of volatile events: dropped rather than buffered when they
	 * cannot be written at once.
	 * @return the emitter
	 */
	public Emitter volatile_() {
		return this.emitter.volatile_();
	}

	// --- emitting

	void send(String event, Object[] args, boolean volatile_) {
		Packet packet = Packet.event(this.namespace, eventData(event, args), Packet.NO_ACK);
		this.manager.worker().execute(() -> sendOrBuffer(packet, volatile_));
	}

	Mono<Arguments> sendWithAck(String event, Object[] args, boolean volatile_, @Nullable Duration timeout) {
		return Mono.create((sink) -> {
			ArrayNode data = eventData(event, args);
			this.manager.worker().execute(() -> {
				long ackId = this.nextAckId++;
				PendingAck pending = new PendingAck(sink);
				this.acks.put(ackId, pending);
				if (timeout != null) {
					pending.timer = this.manager.worker().schedule(() -> {
						if (this.acks.remove(ackId) != null) {
							sink.error(new TimeoutException("operation has timed out: no acknowledgement of '" + event
									+ "' within " + timeout.toMillis() + " ms"));
						}
					}, timeout);
				}
				sink.onCancel(() -> this.manager.worker().execute(() -> {
					PendingAck removed = this.acks.remove(ackId);
					if (removed != null) {
						removed.cancelTimer();
					}
				}));
				sendOrBuffer(Packet.event(this.namespace, data, ackId), volatile_);
			});
		});
	}

	private void sendOrBuffer(Packet packet, boolean volatile_) {
		boolean writable = this.manager.engineWritable();
		if (volatile_ && !(this.connected && writable)) {
			return;
		}
		if (this.connected) {
			this.manager.packet(packet);
		}
		else {
			this.sendBuffer.add(packet);
		}
	}

	private ArrayNode eventData(String event, Object[] args) {
		ArrayNode data = this.manager.options().mapper().createArrayNode();
		data.add(event);
		for (Object arg : args) {
			data.add(toJson(arg));
		}
		return data;
	}

	ArrayNode ackData(Object[] values) {
		ArrayNode data = this.manager.options().mapper().createArrayNode();
		for (Object value : values) {
			data.add(toJson(value));
		}
		return data;
	}

	private JsonNode toJson(@Nullable Object value) {
		if (value == null) {
			return this.manager.options().mapper().nullNode();
		}
		if (value instanceof ByteBuffer buffer) {
			ByteBuffer copy = buffer.duplicate();
			byte[] bytes = new byte[copy.remaining()];
			copy.get(bytes);
			value = bytes;
		}
		return this.manager.options().mapper().valueToTree(value);
	}

	// --- on the worker

	private void doConnect(MonoSink<Void> sink) {
		if (this.connected) {
			sink.success();
			return;
		}
		this.connectWaiters.add(sink);
		if (this.active) {
			return;
		}
		this.active = true;
		this.states.tryEmitNext(ConnectionState.of(Status.CONNECTING));
		this.manager.activate(this);
	}

	private void doDisconnect() {
		if (this.connected) {
			this.manager.packet(Packet.disconnect(this.namespace));
		}
		// closed before the manager hears of it: its connection may close with this socket
		if (this.connected) {
			onClose("io client disconnect");
		}
		else if (this.active) {
			this.states.tryEmitNext(new ConnectionState(Status.DISCONNECTED, "io client disconnect", false));
		}
		destroy();
		this.sendBuffer.clear();
		failWaiters(new SocketIOClientException("disconnected before connecting", null));
	}

	private void destroy() {
		if (this.active) {
			this.active = false;
			this.manager.deactivate(this);
		}
	}

	/** The client will not connect this socket again by itself. */
	void release() {
		this.active = false;
	}

	boolean active() {
		return this.active;
	}

	/** The client's connection is open: ask for the namespace. */
	void onManagerOpen() {
		JsonNode data = null;
		if (this.auth != null || this.pid != null) {
			ObjectNode object = this.manager.options().mapper().createObjectNode();
			if (this.pid != null) {
				object.put("pid", this.pid);
				if (this.lastOffset != null) {
					object.put("offset", this.lastOffset);
				}
			}
			if (this.auth != null) {
				JsonNode auth = toJson(this.auth);
				if (!auth.isObject()) {
					throw new IllegalArgumentException("auth must convert to a JSON object: " + auth);
				}
				object.setAll((ObjectNode) auth);
			}
			data = object;
		}
		this.manager.packet(Packet.connect(this.namespace, data));
	}

	/** The client's connection could not open. */
	void onManagerOpenError(String reason, @Nullable Throwable error, boolean willRetry) {
		this.states.tryEmitNext(new ConnectionState(Status.CONNECT_ERROR, reason, false));
		if (willRetry) {
			this.states.tryEmitNext(ConnectionState.of(Status.CONNECTING));
		}
	}

	/** The client stopped trying to connect (reconnection off or attempts exhausted). */
	void onGiveUp(SocketIOClientException error) {
		this.active = false;
		this.states.tryEmitNext(new ConnectionState(Status.DISCONNECTED, error.getMessage(), false));
		failWaiters(error);
	}

	/** The client's connection closed; it may reconnect. */
	void onManagerClose(String reason, boolean willReconnect) {
		if (this.connected) {
			onClose(reason);
			if (willReconnect && this.active) {
				this.states.tryEmitNext(ConnectionState.of(Status.CONNECTING));
			}
		}
	}

	void onPacket(Packet packet) {
		switch (packet.type()) {
			case CONNECT -> onConnect(packet.data());
			case CONNECT_ERROR -> onConnectError(packet.data());
			case EVENT, BINARY_EVENT -> {
				if (this.connected) {
					onEvent(packet);
				}
				else if (this.active) {
					// a recovering server replays missed packets before its CONNECT answer
					this.receiveBuffer.add(packet);
				}
			}
			case ACK, BINARY_ACK -> onAck(packet);
			case DISCONNECT -> {
				if (this.connected) {
					onClose("io server disconnect");
					destroy();
				}
			}
		}
	}

	private void onConnect(@Nullable JsonNode data) {
		if (data == null || !data.path("sid").isString()) {
			onConnectError(null);
			return;
		}
		JsonNode pid = data.get("pid");
		String newPid = (pid != null && pid.isString()) ? pid.stringValue() : null;
		this.recovered = newPid != null && newPid.equals(this.pid);
		this.pid = newPid;
		this.id = data.path("sid").stringValue();
		this.connected = true;
		this.states.tryEmitNext(new ConnectionState(Status.CONNECTED, null, this.recovered));
		List<Packet> received = List.copyOf(this.receiveBuffer);
		this.receiveBuffer.clear();
		received.forEach(this::onEvent);
		List<Packet> buffered = List.copyOf(this.sendBuffer);
		this.sendBuffer.clear();
		buffered.forEach(this.manager::packet);
		List<MonoSink<Void>> waiters = List.copyOf(this.connectWaiters);
		this.connectWaiters.clear();
		waiters.forEach(MonoSink::success);
	}

	private void onConnectError(@Nullable JsonNode data) {
		String message;
		JsonNode details = null;
		if (data == null) {
			message = "invalid CONNECT answer";
		}
		else if (data.isString()) {
			message = data.stringValue();
		}
		else {
			message = data.path("message").asString("connect error");
			details = data.get("data");
		}
		destroy();
		this.states.tryEmitNext(new ConnectionState(Status.CONNECT_ERROR, message, false));
		failWaiters(new SocketIOConnectException(message, details));
	}

	private void onEvent(Packet packet) {
		JsonNode data = packet.data();
		if (data == null || !data.isArray() || data.isEmpty()) {
			return;
		}
		String name = data.get(0).stringValue();
		List<JsonNode> args = new ArrayList<>(data.size() - 1);
		for (int i = 1; i < data.size(); i++) {
			args.add(data.get(i));
		}
		if (this.pid != null && !args.isEmpty() && args.get(args.size() - 1).isString()) {
			this.lastOffset = args.get(args.size() - 1).stringValue();
		}
		long ackId = packet.ackId();
		Event event = new Event(name, new Arguments(args, this.manager.options().mapper()),
				packet.hasAck() ? (values) -> {
					ArrayNode ack = ackData(values);
					this.manager.worker().execute(() -> {
						if (this.connected) {
							this.manager.packet(Packet.ack(this.namespace, ack, ackId));
						}
					});
				} : null);
		this.listeners.dispatch(event);
	}

	private void onAck(Packet packet) {
		PendingAck pending = this.acks.remove(packet.ackId());
		if (pending == null) {
			return;
		}
		pending.cancelTimer();
		List<JsonNode> args = new ArrayList<>();
		JsonNode data = packet.data();
		if (data != null) {
			data.forEach(args::add);
		}
		pending.sink.success(new Arguments(args, this.manager.options().mapper()));
	}

	private void onClose(String reason) {
		this.connected = false;
		this.receiveBuffer.clear();
		this.id = null;
		this.states.tryEmitNext(new ConnectionState(Status.DISCONNECTED, reason, false));
		for (Iterator<PendingAck> it = this.acks.values().iterator(); it.hasNext();) {
			PendingAck pending = it.next();
			it.remove();
			pending.cancelTimer();
			pending.sink.error(new SocketIOClientException(DISCONNECTED_MESSAGE + " (" + reason + ")", null));
		}
	}

	private void failWaiters(Throwable error) {
		List<MonoSink<Void>> waiters = List.copyOf(this.connectWaiters);
		this.connectWaiters.clear();
		waiters.forEach((waiter) -> waiter.error(error));
	}

	@Override
	public String toString() {
		return "ClientSocket[" + this.namespace + ", " + (this.connected ? "connected " + this.id : "disconnected")
				+ "]";
	}

	private static final class PendingAck {

		final MonoSink<Arguments> sink;

		@Nullable Disposable timer;

		PendingAck(MonoSink<Arguments> sink) {
			this.sink = sink;
		}

		void cancelTimer() {
			if (this.timer != null) {
				this.timer.dispose();
			}
		}

	}

}
