package io.github.springsocketio.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * The state of one Engine.IO session, without I/O: its bounded outbound queue, the
 * upgrade state machine, the heartbeat and the close. Transports feed it packets, polls
 * and posts ({@link PollingTransport}) or frames ({@link WebSocketTransport}); timer
 * ticks come from the {@link ProtocolClock}; it answers with packets to drain and close
 * decisions.
 * <p>
 * During an upgrade ({@link UpgradeProbe}) a parked poll is released with a noop once
 * the probe answered, so the client can pause polling; once upgraded, the WebSocket
 * drains the queue and later polls are answered with a noop.
 * <p>
 * Mutable state is guarded by {@code lock}; polls are answered, links driven and the
 * handler called outside of it. {@code state}, {@code transport} and {@code webSocket}
 * are volatile and each moves one way only, so the WebSocket write path reads them
 * without the lock. Handler callbacks are serialized by {@code inboundLock}.
 */
final class SessionCore implements EngineSession {

	private static final Logger logger = LoggerFactory.getLogger(SessionCore.class);

	enum State {

		OPEN, CLOSING, CLOSED

	}

	private final String id;

	private final EngineIoCodec codec;

	private final HandshakeRequest handshake;

	private final SessionContext context;

	private final Object lock = new Object();

	private final Object inboundLock = new Object();

	private final ArrayDeque<EnginePacket> queue = new ArrayDeque<>();

	private volatile State state = State.OPEN;

	private volatile @Nullable CloseReason closeReason;

	private volatile boolean latePollExpected;

	private volatile EngineTransport transport;

	private volatile @Nullable WebSocketLink webSocket;

	private final @Nullable PollingTransport polling;

	private final Heartbeat heartbeat;

	private final @Nullable UpgradeProbe upgrade;

	private @Nullable Disposable closeTimeoutTask;

	private boolean closeNotified;

	private boolean closeAfterDrain;

	SessionCore(String id, EngineIoCodec codec, HandshakeRequest handshake, EngineTransport transport,
			SessionContext context) {
		this.id = id;
		this.codec = codec;
		this.handshake = handshake;
		this.transport = transport;
		this.context = context;
		this.heartbeat = new Heartbeat(context.clock(), context.options(), codec.protocolVersion() >= 4,
				() -> sendControl(EnginePacket.ping()), () -> terminate(CloseReason.PING_TIMEOUT));
		this.polling = (transport == EngineTransport.POLLING) ? new PollingTransport(this) : null;
		this.upgrade = (this.polling != null) ? new UpgradeProbe(this, this.polling) : null;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public int protocolVersion() {
		return this.codec.protocolVersion();
	}

	@Override
	public EngineTransport transport() {
		return this.transport;
	}

	@Override
	public HandshakeRequest handshake() {
		return this.handshake;
	}

	@Override
	public boolean isOpen() {
		return this.state == State.OPEN;
	}

	EngineIoCodec codec() {
		return this.codec;
	}

	State state() {
		return this.state;
	}

	/** Why the session closed, {@code null} while it is not closed. */
	@Nullable CloseReason closeReason() {
		return this.closeReason;
	}

	/**
	 * Whether the polling client closed the session while none of its GETs was parked:
	 * one it sent before the close may still arrive, handled after it.
	 */
	boolean latePollExpected() {
		return this.latePollExpected;
	}

	EngineIoOptions options() {
		return this.context.options();
	}

	ProtocolClock clock() {
		return this.context.clock();
	}

	boolean isQueueEmpty() {
		synchronized (this.lock) {
			return this.queue.isEmpty();
		}
	}

	/**
	 * Return the polling transport of a session opened over polling.
	 * @return the transport, {@code null} for a session opened over WebSocket
	 */
	@Nullable PollingTransport polling() {
		return this.polling;
	}

	/**
	 * Queue the open packet, start the heartbeat and tell the handler.
	 * @param link the WebSocket of a session opened over WebSocket, {@code null} for polling
	 */
	void open(@Nullable WebSocketLink link) {
		synchronized (this.lock) {
			this.webSocket = link;
			this.queue.add(EnginePacket.of(EnginePacketType.OPEN, openPacketData()));
		}
		this.heartbeat.start();
		synchronized (this.inboundLock) {
			try {
				this.context.handler().onOpen(this);
			}
			catch (RuntimeException ex) {
				logger.error("Session handler failed on open of session {}", this.id, ex);
			}
		}
		flush();
	}

	private String openPacketData() {
		EngineIoOptions options = this.context.options();
		boolean canUpgrade = this.transport == EngineTransport.POLLING && options.allowUpgrades()
				&& options.transports().contains(EngineTransport.WEBSOCKET);
		return "{\"sid\":\"" + this.id + "\",\"upgrades\":" + (canUpgrade ? "[\"websocket\"]" : "[]")
				+ ",\"pingInterval\":" + options.pingInterval().toMillis() + ",\"pingTimeout\":"
				+ options.pingTimeout().toMillis() + ",\"maxPayload\":" + options.maxHttpBufferSize() + "}";
	}

	// ---- outbound

	@Override
	public boolean send(EnginePacket packet) {
		return send(List.of(packet), false);
	}

	@Override
	public boolean send(List<EnginePacket> packets, boolean isVolatile) {
		boolean full;
		synchronized (this.lock) {
			if (this.state != State.OPEN || (isVolatile && !isWritable())) {
				return false;
			}
			full = this.queue.size() + packets.size() > this.context.options().maxOutboundPackets();
			if (!full) {
				this.queue.addAll(packets);
			}
		}
		if (full) {
			logger.debug("Outbound queue of session {} is full, closing it", this.id);
			terminate(CloseReason.OUTBOUND_BUFFER_FULL);
			return false;
		}
		flush();
		return true;
	}

	/** Whether the transport can take packets right now; caller holds the lock. */
	private boolean isWritable() {
		if (this.transport == EngineTransport.POLLING) {
			return this.polling != null && this.polling.isWritable();
		}
		// the WebSocket drains on its event loop: what is queued is as good as written
		// when the writer has asked for all of it
		WebSocketLink link = this.webSocket;
		return this.queue.isEmpty() || (link != null && this.queue.size() <= link.demand());
	}

	private void sendControl(EnginePacket packet) {
		synchronized (this.lock) {
			if (this.state != State.OPEN) {
				return;
			}
			this.queue.add(packet);
		}
		flush();
	}

	/** Hand queued packets to the active transport: a parked poll or the WebSocket. */
	private void flush() {
		PollingTransport pollingTransport = this.polling;
		if (this.transport == EngineTransport.POLLING && pollingTransport != null) {
			pollingTransport.packetsQueued();
		}
		if (this.transport != EngineTransport.POLLING) {
			// the WebSocket is written before the transport (open, completeUpgrade)
			WebSocketLink link = this.webSocket;
			if (link != null) {
				link.drain();
			}
		}
	}

	/**
	 * Take every queued packet, for a polling answer.
	 * @return the packets, empty if none is queued
	 */
	List<EnginePacket> takeAll() {
		synchronized (this.lock) {
			return this.queue.isEmpty() ? List.of() : drainQueue();
		}
	}

	private List<EnginePacket> drainQueue() {
		List<EnginePacket> batch = new ArrayList<>(this.queue);
		this.queue.clear();
		if (this.closeAfterDrain) {
			// as the reference does, the close packet goes alone in the next response, so
			// clients handle the packets queued before it first
			this.closeAfterDrain = false;
			this.queue.add(EnginePacket.close());
		}
		return batch;
	}

	boolean isActiveWebSocket(WebSocketLink link) {
		return this.webSocket == link;
	}

	/**
	 * Take the next packets for the active WebSocket, in order.
	 * @param max the most packets to take
	 * @param into receives the packets
	 * @return how many were taken
	 */
	int take(int max, List<EnginePacket> into) {
		synchronized (this.lock) {
			int count = Math.min(max, this.queue.size());
			for (int i = 0; i < count; i++) {
				into.add(this.queue.removeFirst());
			}
			return count;
		}
	}

	/**
	 * Return whether the session is closing with nothing left to send, so its WebSocket
	 * may close.
	 * @return {@code true} once a close has drained the queue
	 */
	boolean isDrainedForClose() {
		if (this.state == State.OPEN) {
			return false;
		}
		synchronized (this.lock) {
			return this.queue.isEmpty();
		}
	}

	// ---- polling

	/**
	 * The body of a polling POST.
	 * @param body the bytes
	 * @param binaryContent whether it came as {@code application/octet-stream}
	 * @return {@code true} if well-formed, {@code false} if the session was closed for it
	 */
	boolean receivePayload(byte[] body, boolean binaryContent) {
		if (binaryContent && this.codec.protocolVersion() >= 4) {
			terminate(CloseReason.TRANSPORT_ERROR);
			return false;
		}
		synchronized (this.inboundLock) {
			try {
				this.codec.decodePayload(body, binaryContent, this::onPacket);
				return true;
			}
			catch (EngineParseException ex) {
				logger.debug("Malformed polling payload in session {}: {}", this.id, ex.getMessage());
				terminate(CloseReason.PARSE_ERROR);
				return false;
			}
		}
	}

	// ---- packets from the client

	/** One packet from the active transport; the caller holds {@code inboundLock}. */
	private void onPacket(EnginePacket packet) {
		EnginePacketType type = packet.type();
		if (this.state != State.OPEN) {
			// a client answering the server's close with its own ends the session now
			if (type == EnginePacketType.CLOSE) {
				terminate(CloseReason.TRANSPORT_CLOSE);
			}
			return;
		}
		boolean v4 = this.codec.protocolVersion() >= 4;
		if (type == EnginePacketType.MESSAGE) {
			deliver(packet);
		}
		else if (type == EnginePacketType.CLOSE) {
			terminate(CloseReason.TRANSPORT_CLOSE);
		}
		else if ((type == EnginePacketType.PING && v4) || (type == EnginePacketType.PONG && !v4)) {
			logger.debug("{} from an EIO={} client in session {}", type, protocolVersion(), this.id);
			terminate(CloseReason.TRANSPORT_ERROR);
		}
		else if (type == EnginePacketType.PING) {
			this.heartbeat.onClientPing();
			sendControl(EnginePacket.of(EnginePacketType.PONG, packet.text()));
		}
		else if (type == EnginePacketType.PONG) {
			this.heartbeat.onPong();
		}
		// open, upgrade and noop packets mean nothing here, as in the reference
	}

	private void deliver(EnginePacket packet) {
		try {
			byte[] binary = packet.binary();
			if (binary != null) {
				this.context.handler().onBinary(this, binary);
			}
			else {
				String text = packet.text();
				this.context.handler().onMessage(this, (text != null) ? text : "");
			}
		}
		catch (RuntimeException ex) {
			logger.error("Session handler failed on a message of session {}", this.id, ex);
		}
	}

	// ---- WebSocket and upgrade

	/**
	 * Return the upgrade of a session opened over polling.
	 * @return the upgrade, {@code null} for a session opened over WebSocket
	 */
	@Nullable UpgradeProbe upgrade() {
		return this.upgrade;
	}

	/**
	 * A packet arrived on a WebSocket of this session: its transport, or a probe.
	 * @param link the WebSocket
	 * @param packet the packet
	 */
	void onWebSocketPacket(WebSocketLink link, EnginePacket packet) {
		if (link == this.webSocket) {
			synchronized (this.inboundLock) {
				onPacket(packet);
			}
		}
		else if (this.upgrade != null) {
			this.upgrade.onPacket(link, packet);
		}
	}

	/**
	 * Make a WebSocket the transport, unless the session has ended.
	 * @param link the WebSocket that completed the upgrade
	 * @return {@code true} if it is now the transport
	 */
	boolean switchTo(WebSocketLink link) {
		synchronized (this.lock) {
			if (this.state == State.CLOSED) {
				return false;
			}
			this.webSocket = link;
			this.transport = EngineTransport.WEBSOCKET;
			return true;
		}
	}

	/**
	 * A WebSocket of this session closed, or could not decode a frame.
	 * @param link the WebSocket
	 * @param reason what it means for the session if it is the active transport
	 */
	void onWebSocketEnded(WebSocketLink link, CloseReason reason) {
		if (link == this.webSocket) {
			terminate(reason);
		}
		else if (this.upgrade != null) {
			this.upgrade.abort(link);
		}
	}

	// ---- closing

	@Override
	public void close() {
		synchronized (this.lock) {
			if (this.state != State.OPEN) {
				return;
			}
			this.state = State.CLOSING;
			if (this.transport == EngineTransport.POLLING) {
				if (this.queue.isEmpty()) {
					this.queue.add(EnginePacket.close());
				}
				else {
					this.closeAfterDrain = true;
				}
			}
			// time for the client to fetch what is queued, as long as a heartbeat cycle
			this.closeTimeoutTask = this.context.clock().schedule(() -> terminate(CloseReason.FORCED_CLOSE),
					this.context.options().pingInterval().plus(this.context.options().pingTimeout()));
		}
		this.heartbeat.stop();
		flush();
	}

	/**
	 * Close the session now: release a parked poll (with a close packet, or a noop when
	 * the client sent the close), close the WebSockets, forget the session and tell the
	 * handler, once.
	 * @param reason why; a session already closing on the server's request always
	 * closes with {@link CloseReason#FORCED_CLOSE}
	 */
	void terminate(CloseReason reason) {
		WebSocketLink active;
		CloseReason effective = reason;
		synchronized (this.lock) {
			if (this.state == State.CLOSED) {
				return;
			}
			if (this.state == State.CLOSING && reason != CloseReason.SERVER_SHUTTING_DOWN) {
				effective = CloseReason.FORCED_CLOSE;
			}
			this.state = State.CLOSED;
			this.closeReason = effective;
			dispose(this.closeTimeoutTask);
			this.queue.clear();
			active = this.webSocket;
		}
		this.heartbeat.stop();
		logger.debug("Session {} closed: {}", this.id, effective);
		if (this.polling != null) {
			// a close the client sent ends its parked GET with a noop, as in the reference
			boolean released = this.polling.release(null,
					(effective == CloseReason.TRANSPORT_CLOSE) ? EnginePacket.noop() : EnginePacket.close());
			this.latePollExpected = !released && effective == CloseReason.TRANSPORT_CLOSE
					&& this.transport == EngineTransport.POLLING;
		}
		this.context.onTerminated().accept(this);
		if (active != null) {
			active.close();
		}
		if (this.upgrade != null) {
			this.upgrade.end();
		}
		synchronized (this.inboundLock) {
			if (this.closeNotified) {
				return;
			}
			this.closeNotified = true;
			try {
				this.context.handler().onClose(this, effective);
			}
			catch (RuntimeException ex) {
				logger.error("Session handler failed on close of session {}", this.id, ex);
			}
		}
	}

	private static void dispose(@Nullable Disposable task) {
		if (task != null) {
			task.dispose();
		}
	}

	@Override
	public String toString() {
		return "EngineSession[" + this.id + ", " + this.transport.queryValue() + ", EIO=" + protocolVersion() + "]";
	}

}
