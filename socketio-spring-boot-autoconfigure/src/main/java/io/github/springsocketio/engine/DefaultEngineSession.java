package io.github.springsocketio.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.MonoSink;

/**
 * The state of one Engine.IO session: its outbound queue, the transport that drains
 * it, the upgrade, the heartbeat and the close.
 * <p>
 * Upgrade state machine (polling sessions only):
 * <pre>
 *  NONE --WebSocket with sid accepted--&gt; PROBING --"2probe"/"3probe"--&gt; PROBED --"5"--&gt; DONE
 *    ^                                      |                              |
 *    +----- probe closed, bad packet, or upgrade timeout ------------------+
 * </pre>
 * While {@code PROBED}, a parked polling request is released with a noop packet so the
 * client can pause polling; on {@code "5"} the WebSocket becomes the transport and
 * drains the queue, and polling requests for the session are refused.
 * <p>
 * All mutable state is guarded by {@code lock}; sinks are completed and handlers are
 * called outside of it. The volatile {@code state}, {@code transport} and
 * {@code webSocket} are also read without it on the WebSocket write path, where each
 * only moves one way. Handler callbacks are serialized by {@code inboundLock}.
 */
final class DefaultEngineSession implements EngineSession {

	private static final Logger logger = LoggerFactory.getLogger(DefaultEngineSession.class);

	private static final String PROBE = "probe";

	private static final java.time.Duration NOOP_DELAY = java.time.Duration.ofMillis(100);

	enum State {

		OPEN, CLOSING, CLOSED

	}

	enum Upgrade {

		NONE, PROBING, PROBED, DONE

	}

	private final String id;

	private final EngineIoCodec codec;

	private final HandshakeRequest handshake;

	private final EngineIoServer server;

	private final EngineIoOptions options;

	private final EngineSessionHandler handler;

	private final boolean supportsBinary;

	private final Object lock = new Object();

	private final Object inboundLock = new Object();

	private final ArrayDeque<EnginePacket> queue = new ArrayDeque<>();

	private volatile State state = State.OPEN;

	private volatile EngineTransport transport;

	private Upgrade upgrade = Upgrade.NONE;

	private @Nullable MonoSink<List<EnginePacket>> pendingPoll;

	private boolean postInProgress;

	private volatile @Nullable WebSocketConnection webSocket;

	private @Nullable WebSocketConnection probe;

	private @Nullable Disposable pingTask;

	private @Nullable Disposable pingTimeoutTask;

	private @Nullable Disposable upgradeTimeoutTask;

	private @Nullable Disposable closeTimeoutTask;

	private boolean closeNotified;

	private boolean closeAfterDrain;

	DefaultEngineSession(String id, EngineIoCodec codec, HandshakeRequest handshake, EngineTransport transport,
			EngineIoServer server) {
		this.id = id;
		this.codec = codec;
		this.handshake = handshake;
		this.transport = transport;
		this.server = server;
		this.options = server.options();
		this.handler = server.handler();
		this.supportsBinary = handshake.queryParam("b64") == null;
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

	PollingPayload encodePayload(List<EnginePacket> batch) {
		return this.codec.encodePayload(batch, this.supportsBinary);
	}

	// ---- opening

	/**
	 * Queue the open packet, start the heartbeat and tell the handler.
	 * @param webSocket the WebSocket of a session opened over WebSocket, or
	 * {@code null} for polling
	 */
	void open(@Nullable WebSocketConnection webSocket) {
		synchronized (this.lock) {
			this.webSocket = webSocket;
			this.queue.add(EnginePacket.of(EnginePacketType.OPEN, openPacketData()));
			if (this.codec.protocolVersion() >= 4) {
				this.pingTask = this.server.schedule(this::sendPing, this.options.pingInterval());
			}
			else {
				resetHeartbeatTimeout();
			}
		}
		synchronized (this.inboundLock) {
			try {
				this.handler.onOpen(this);
			}
			catch (RuntimeException ex) {
				logger.error("Session handler failed on open of session {}", this.id, ex);
			}
		}
		flush();
	}

	private String openPacketData() {
		boolean canUpgrade = this.transport == EngineTransport.POLLING && this.options.allowUpgrades()
				&& this.options.transports().contains(EngineTransport.WEBSOCKET);
		return "{\"sid\":\"" + this.id + "\",\"upgrades\":" + (canUpgrade ? "[\"websocket\"]" : "[]")
				+ ",\"pingInterval\":" + this.options.pingInterval().toMillis() + ",\"pingTimeout\":"
				+ this.options.pingTimeout().toMillis() + ",\"maxPayload\":" + this.options.maxHttpBufferSize() + "}";
	}

	// ---- outbound

	@Override
	public boolean send(EnginePacket packet) {
		return send(List.of(packet), false);
	}

	@Override
	public boolean send(List<EnginePacket> packets, boolean isVolatile) {
		boolean overflow = false;
		synchronized (this.lock) {
			if (this.state != State.OPEN) {
				return false;
			}
			if (isVolatile && !isWritable()) {
				return false;
			}
			if (this.queue.size() + packets.size() > this.options.maxOutboundPackets()) {
				overflow = true;
			}
			else {
				this.queue.addAll(packets);
			}
		}
		if (overflow) {
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
			return this.pendingPoll != null;
		}
		// the WebSocket drains on its event loop: what is queued is as good as written
		// when the writer has asked for all of it (as an empty queue was when the
		// sender drained it itself)
		WebSocketConnection connection = this.webSocket;
		return this.queue.isEmpty() || (connection != null && this.queue.size() <= connection.demand());
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

	/**
	 * Hand queued packets to the active transport: a parked polling request or the
	 * WebSocket.
	 */
	private void flush() {
		if (this.transport != EngineTransport.POLLING) {
			// no lock: the transport never changes back, and the WebSocket is written
			// before the transport (open, completeUpgrade), so it is the active one
			WebSocketConnection connection = this.webSocket;
			if (connection != null) {
				connection.drain();
			}
			return;
		}
		MonoSink<List<EnginePacket>> poll = null;
		List<EnginePacket> batch = null;
		WebSocketConnection connection = null;
		synchronized (this.lock) {
			if (this.transport == EngineTransport.POLLING) {
				if (this.pendingPoll != null && !this.queue.isEmpty()) {
					poll = this.pendingPoll;
					this.pendingPoll = null;
					batch = drainQueue();
				}
			}
			else {
				connection = this.webSocket;
			}
		}
		if (poll != null) {
			poll.success(batch);
		}
		if (connection != null) {
			connection.drain();
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

	/**
	 * Return whether a WebSocket is this session's transport.
	 * @param connection the WebSocket
	 * @return {@code true} if it drains the session's queue
	 */
	boolean isActiveWebSocket(WebSocketConnection connection) {
		return this.webSocket == connection;
	}

	/**
	 * Take the next packets for the active WebSocket, in order.
	 * @param max the most packets to take
	 * @param into receives the packets
	 * @return how many packets were taken; {@code 0} when none is queued
	 */
	int pollForWebSocket(int max, List<EnginePacket> into) {
		synchronized (this.lock) {
			int count = Math.min(max, this.queue.size());
			for (int i = 0; i < count; i++) {
				into.add(this.queue.removeFirst());
			}
			return count;
		}
	}

	/**
	 * Return whether the session is closing and nothing is left to send, so the
	 * WebSocket may be closed.
	 * @return {@code true} once a forced close has drained the queue
	 */
	boolean isDrainedForClose() {
		if (this.state == State.OPEN) {
			// the state only moves away from OPEN, and each move is followed by a drain
			return false;
		}
		synchronized (this.lock) {
			return this.state != State.OPEN && this.queue.isEmpty();
		}
	}

	// ---- polling

	/**
	 * Serve a long-polling GET: answer at once with queued packets, or park until
	 * packets are queued.
	 * @param sink receives the packets to send, or an {@link EngineRequestException}
	 */
	void poll(MonoSink<List<EnginePacket>> sink) {
		List<EnginePacket> batch = null;
		boolean overlap = false;
		boolean closed = false;
		synchronized (this.lock) {
			if (this.state == State.CLOSED) {
				closed = true;
			}
			else if (this.transport != EngineTransport.POLLING) {
				// the upgrade completed while this request was on its way
				batch = List.of(EnginePacket.noop());
			}
			else if (this.pendingPoll != null) {
				overlap = true;
			}
			else if (!this.queue.isEmpty()) {
				batch = drainQueue();
			}
			else {
				this.pendingPoll = sink;
				sink.onCancel(() -> onPollCancelled(sink));
				if (this.upgrade == Upgrade.PROBED) {
					// like the reference's 100 ms check: release the poll so the client can
					// pause polling and complete the upgrade, without a tight poll loop
					this.server.schedule(() -> releaseWithNoop(sink), NOOP_DELAY);
				}
			}
		}
		if (closed) {
			sink.error(new EngineRequestException(EngineError.UNKNOWN_SID));
		}
		else if (overlap) {
			logger.debug("Overlapping polling requests for session {}", this.id);
			sink.error(new EngineRequestException(EngineError.BAD_REQUEST));
			terminate(CloseReason.TRANSPORT_ERROR);
		}
		else if (batch != null) {
			sink.success(batch);
		}
	}

	private void releaseWithNoop(MonoSink<List<EnginePacket>> sink) {
		synchronized (this.lock) {
			if (this.pendingPoll != sink) {
				return;
			}
			this.pendingPoll = null;
		}
		sink.success(List.of(EnginePacket.noop()));
	}

	private void onPollCancelled(MonoSink<List<EnginePacket>> sink) {
		boolean lost;
		synchronized (this.lock) {
			lost = this.pendingPoll == sink;
			if (lost) {
				this.pendingPoll = null;
			}
		}
		if (lost) {
			logger.debug("Polling request of session {} closed prematurely", this.id);
			terminate(CloseReason.TRANSPORT_ERROR);
		}
	}

	/**
	 * Called once a polling response has been written.
	 * @param batch the packets it carried
	 */
	void onPollWritten(List<EnginePacket> batch) {
		if (!batch.isEmpty() && batch.get(batch.size() - 1).type() == EnginePacketType.CLOSE) {
			terminate(CloseReason.FORCED_CLOSE);
		}
	}

	/**
	 * Mark the start of a polling POST.
	 * @throws EngineRequestException if the session is closed or another POST is in
	 * progress (which closes the session)
	 */
	void beginPost() throws EngineRequestException {
		boolean overlap;
		synchronized (this.lock) {
			if (this.state == State.CLOSED) {
				throw new EngineRequestException(EngineError.UNKNOWN_SID);
			}
			overlap = this.postInProgress;
			this.postInProgress = true;
		}
		if (overlap) {
			logger.debug("Overlapping POST requests for session {}", this.id);
			terminate(CloseReason.TRANSPORT_ERROR);
			throw new EngineRequestException(EngineError.BAD_REQUEST);
		}
	}

	void endPost() {
		synchronized (this.lock) {
			this.postInProgress = false;
		}
	}

	/**
	 * Handle the body of a polling POST.
	 * @param body the bytes
	 * @param binaryContent whether it was sent as {@code application/octet-stream}
	 * @return {@code true} if it was well-formed, {@code false} if the session was closed
	 * for it
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

	/**
	 * Handle one packet from the active transport; caller holds {@code inboundLock}.
	 */
	private void onPacket(EnginePacket packet) {
		if (this.state != State.OPEN) {
			// a client answering the server's close with its own close packet ends the
			// session now, as the reference does, instead of at the close timeout
			if (packet.type() == EnginePacketType.CLOSE) {
				terminate(CloseReason.TRANSPORT_CLOSE);
			}
			return;
		}
		switch (packet.type()) {
			case MESSAGE -> deliver(packet);
			case PING -> {
				if (this.codec.protocolVersion() >= 4) {
					logger.debug("Ping from a v4 client in session {}", this.id);
					terminate(CloseReason.TRANSPORT_ERROR);
				}
				else {
					synchronized (this.lock) {
						resetHeartbeatTimeout();
					}
					sendControl(EnginePacket.of(EnginePacketType.PONG, packet.text()));
				}
			}
			case PONG -> {
				if (this.codec.protocolVersion() < 4) {
					logger.debug("Pong from a v3 client in session {}", this.id);
					terminate(CloseReason.TRANSPORT_ERROR);
				}
				else {
					onPong();
				}
			}
			case CLOSE -> terminate(CloseReason.TRANSPORT_CLOSE);
			default -> {
				// open, upgrade and noop packets mean nothing here, as in the reference
			}
		}
	}

	private void deliver(EnginePacket packet) {
		try {
			byte[] binary = packet.binary();
			if (binary != null) {
				this.handler.onBinary(this, binary);
			}
			else {
				String text = packet.text();
				this.handler.onMessage(this, (text != null) ? text : "");
			}
		}
		catch (RuntimeException ex) {
			logger.error("Session handler failed on a message of session {}", this.id, ex);
		}
	}

	// ---- heartbeat

	private void sendPing() {
		synchronized (this.lock) {
			if (this.state != State.OPEN) {
				return;
			}
			this.pingTimeoutTask = this.server.schedule(() -> terminate(CloseReason.PING_TIMEOUT),
					this.options.pingTimeout());
		}
		sendControl(EnginePacket.ping());
	}

	private void onPong() {
		synchronized (this.lock) {
			if (this.state != State.OPEN) {
				return;
			}
			dispose(this.pingTimeoutTask);
			dispose(this.pingTask);
			this.pingTimeoutTask = null;
			this.pingTask = this.server.schedule(this::sendPing, this.options.pingInterval());
		}
	}

	/** Protocol v3: the client pings; no ping within interval + timeout closes. */
	private void resetHeartbeatTimeout() {
		dispose(this.pingTimeoutTask);
		this.pingTimeoutTask = this.server.schedule(() -> terminate(CloseReason.PING_TIMEOUT),
				this.options.pingInterval().plus(this.options.pingTimeout()));
	}

	// ---- WebSocket and upgrade

	/**
	 * Reserve the upgrade for a WebSocket request carrying this session's id; called
	 * before the HTTP upgrade so a refusal is a plain HTTP error.
	 * @return {@code true} if the upgrade may start
	 */
	boolean beginUpgrade() {
		synchronized (this.lock) {
			if (this.state != State.OPEN || this.transport != EngineTransport.POLLING || this.upgrade != Upgrade.NONE
					|| !this.options.allowUpgrades()) {
				return false;
			}
			this.upgrade = Upgrade.PROBING;
			this.upgradeTimeoutTask = this.server.schedule(this::onUpgradeTimeout, this.options.upgradeTimeout());
			return true;
		}
	}

	/**
	 * Attach the probing WebSocket once the HTTP upgrade is done.
	 * @param connection the WebSocket
	 */
	void attachProbe(WebSocketConnection connection) {
		boolean accepted;
		synchronized (this.lock) {
			accepted = this.state == State.OPEN && this.upgrade == Upgrade.PROBING && this.probe == null;
			if (accepted) {
				this.probe = connection;
			}
		}
		if (!accepted) {
			connection.close();
		}
	}

	private void onUpgradeTimeout() {
		WebSocketConnection connection;
		synchronized (this.lock) {
			if (this.upgrade == Upgrade.DONE) {
				return;
			}
			logger.debug("Upgrade of session {} timed out", this.id);
			connection = this.probe;
			this.probe = null;
			this.upgrade = Upgrade.NONE;
			this.upgradeTimeoutTask = null;
		}
		if (connection != null) {
			connection.close();
		}
	}

	/**
	 * Handle a packet that arrived on a WebSocket of this session.
	 * @param connection the WebSocket
	 * @param packet the packet
	 */
	void onWebSocketPacket(WebSocketConnection connection, EnginePacket packet) {
		if (connection == this.webSocket) {
			synchronized (this.inboundLock) {
				onPacket(packet);
			}
		}
		else {
			onProbePacket(connection, packet);
		}
	}

	private void onProbePacket(WebSocketConnection connection, EnginePacket packet) {
		if (packet.type() == EnginePacketType.PING && PROBE.equals(packet.text())) {
			MonoSink<List<EnginePacket>> poll = null;
			synchronized (this.lock) {
				if (this.probe != connection) {
					return;
				}
				this.upgrade = Upgrade.PROBED;
				if (this.pendingPoll != null && this.queue.isEmpty()) {
					poll = this.pendingPoll;
					this.pendingPoll = null;
				}
			}
			connection.sendDirect(EnginePacket.of(EnginePacketType.PONG, PROBE));
			if (poll != null) {
				poll.success(List.of(EnginePacket.noop()));
			}
		}
		else if (packet.type() == EnginePacketType.UPGRADE) {
			completeUpgrade(connection);
		}
		else {
			logger.debug("Unexpected packet {} during the upgrade of session {}", packet.type(), this.id);
			abortProbe(connection);
		}
	}

	private void completeUpgrade(WebSocketConnection connection) {
		MonoSink<List<EnginePacket>> poll;
		synchronized (this.lock) {
			if (this.probe != connection || this.state == State.CLOSED) {
				return;
			}
			dispose(this.upgradeTimeoutTask);
			this.upgradeTimeoutTask = null;
			this.probe = null;
			this.webSocket = connection;
			this.transport = EngineTransport.WEBSOCKET;
			this.upgrade = Upgrade.DONE;
			poll = this.pendingPoll;
			this.pendingPoll = null;
		}
		logger.debug("Session {} upgraded to WebSocket", this.id);
		if (poll != null) {
			poll.success(List.of(EnginePacket.noop()));
		}
		connection.drain();
	}

	private void abortProbe(WebSocketConnection connection) {
		synchronized (this.lock) {
			if (this.probe != connection) {
				return;
			}
			this.probe = null;
			this.upgrade = Upgrade.NONE;
			dispose(this.upgradeTimeoutTask);
			this.upgradeTimeoutTask = null;
		}
		connection.close();
	}

	/**
	 * Called when a WebSocket of this session has closed.
	 * @param connection the WebSocket
	 * @param error whether it failed rather than closed
	 */
	void onWebSocketClosed(WebSocketConnection connection, boolean error) {
		if (connection == this.webSocket) {
			terminate(error ? CloseReason.TRANSPORT_ERROR : CloseReason.TRANSPORT_CLOSE);
		}
		else {
			abortProbe(connection);
		}
	}

	/**
	 * Called when a frame on the active WebSocket could not be decoded.
	 * @param connection the WebSocket
	 */
	void onWebSocketParseError(WebSocketConnection connection) {
		if (connection == this.webSocket) {
			terminate(CloseReason.PARSE_ERROR);
		}
		else {
			abortProbe(connection);
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
			dispose(this.pingTask);
			dispose(this.pingTimeoutTask);
			if (this.transport == EngineTransport.POLLING) {
				if (this.queue.isEmpty()) {
					this.queue.add(EnginePacket.close());
				}
				else {
					this.closeAfterDrain = true;
				}
			}
			// time for the client to fetch what is queued, as long as a heartbeat cycle
			this.closeTimeoutTask = this.server.schedule(() -> terminate(CloseReason.FORCED_CLOSE),
					this.options.pingInterval().plus(this.options.pingTimeout()));
		}
		flush();
	}

	/**
	 * Close the session now: release a parked poll with a close packet, close the
	 * WebSockets, forget the session and tell the handler, once.
	 * @param reason why; a session already closing on the server's request always
	 * closes with {@link CloseReason#FORCED_CLOSE}
	 */
	void terminate(CloseReason reason) {
		MonoSink<List<EnginePacket>> poll;
		WebSocketConnection active;
		WebSocketConnection probing;
		CloseReason effective = reason;
		synchronized (this.lock) {
			if (this.state == State.CLOSED) {
				return;
			}
			if (this.state == State.CLOSING && reason != CloseReason.SERVER_SHUTTING_DOWN) {
				effective = CloseReason.FORCED_CLOSE;
			}
			this.state = State.CLOSED;
			dispose(this.pingTask);
			dispose(this.pingTimeoutTask);
			dispose(this.upgradeTimeoutTask);
			dispose(this.closeTimeoutTask);
			this.queue.clear();
			poll = this.pendingPoll;
			this.pendingPoll = null;
			active = this.webSocket;
			probing = this.probe;
			this.probe = null;
		}
		logger.debug("Session {} closed: {}", this.id, effective);
		this.server.remove(this);
		if (poll != null) {
			poll.success(List.of(EnginePacket.close()));
		}
		if (active != null) {
			active.close();
		}
		if (probing != null) {
			probing.close();
		}
		synchronized (this.inboundLock) {
			if (this.closeNotified) {
				return;
			}
			this.closeNotified = true;
			try {
				this.handler.onClose(this, effective);
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
