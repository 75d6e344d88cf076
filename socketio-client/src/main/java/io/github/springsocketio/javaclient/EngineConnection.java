package io.github.springsocketio.javaclient;

import java.util.ArrayList;
import java.util.List;

import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.engine.EnginePacketType;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * One Engine.IO connection of a client: the handshake on the first transport, the
 * upgrade from polling to WebSocket, the heartbeat (a ping from the server is awaited
 * within {@code pingInterval + pingTimeout}, else the connection closes with
 * {@code ping timeout}) and the write buffer that the current transport drains.
 * <p>
 * Upgrade: once open over polling with {@code websocket} among the offered upgrades, a
 * WebSocket is opened for the same session and sends {@code 2probe}; on {@code 3probe}
 * the polling transport is paused (its parked GET and any POST return), the WebSocket
 * sends {@code 5} and becomes the transport; packets written meanwhile wait in the
 * buffer. A probe that fails leaves the connection on polling.
 * <p>
 * Confined to the client's {@link SerialWorker}.
 */
final class EngineConnection implements ClientTransport.Events {

	/**
	 * What the connection reports to its manager.
	 */
	interface Listener {

		void onEngineOpen();

		void onEngineMessage(EnginePacket message);

		void onEngineUpgrade(Transport transport);

		void onEngineClose(String reason, @Nullable Throwable error);

	}

	private enum State {
		OPENING, OPEN, CLOSED
	}

	private static final String PROBE = "probe";

	private final ClientOptions options;

	private final SerialWorker worker;

	private final Listener listener;

	private final List<EnginePacket> writeBuffer = new ArrayList<>();

	private State state = State.OPENING;

	private ClientTransport transport;

	private @Nullable ClientTransport probe;

	private @Nullable Handshake handshake;

	private @Nullable Disposable pingTimer;

	private boolean upgrading;

	EngineConnection(ClientOptions options, SerialWorker worker, Listener listener) {
		this.options = options;
		this.worker = worker;
		this.listener = listener;
		this.transport = create(options.transports().get(0));
	}

	private ClientTransport create(Transport kind) {
		return (kind == Transport.POLLING) ? new PollingTransport(this.options, this.worker, this)
				: new WebSocketTransport(this.options, this.worker, this);
	}

	void open() {
		this.transport.open(null);
	}

	/** Return the name of the current transport. */
	Transport transport() {
		return this.transport.kind();
	}

	boolean isOpen() {
		return this.state == State.OPEN;
	}

	/** Whether a packet written now goes out at once rather than waiting in the buffer. */
	boolean writable() {
		return this.state == State.OPEN && !this.upgrading && this.transport.writable() && this.writeBuffer.isEmpty();
	}

	void send(EnginePacket packet) {
		if (this.state == State.CLOSED) {
			return;
		}
		this.writeBuffer.add(packet);
		flush();
	}

	/** Close on the user's request: reason {@code forced close}, no reconnection. */
	void close() {
		if (this.state == State.CLOSED) {
			return;
		}
		this.writeBufferFlushBeforeClose();
		terminate("forced close", null, true);
	}

	/** Close because of a protocol error above Engine.IO (a malformed Socket.IO packet). */
	void fail(String reason, Throwable error) {
		terminate(reason, error, false);
	}

	private void writeBufferFlushBeforeClose() {
		if (this.state == State.OPEN && !this.writeBuffer.isEmpty() && this.transport.writable()) {
			flush();
		}
	}

	private void flush() {
		if (this.state != State.OPEN || this.upgrading || this.writeBuffer.isEmpty() || !this.transport.writable()) {
			return;
		}
		int count = writableCount();
		List<EnginePacket> batch = this.writeBuffer.subList(0, count);
		List<EnginePacket> packets = List.copyOf(batch);
		batch.clear();
		this.transport.send(packets);
	}

	/**
	 * Return how many buffered packets go in the next write: all of them over WebSocket;
	 * over polling, as many as fit in the server's {@code maxPayload} (at least one), as
	 * the JavaScript client splits its payloads.
	 */
	private int writableCount() {
		Handshake handshake = this.handshake;
		if (this.transport.kind() != Transport.POLLING || handshake == null || handshake.maxPayload() <= 0) {
			return this.writeBuffer.size();
		}
		long size = 0;
		for (int i = 0; i < this.writeBuffer.size(); i++) {
			EnginePacket packet = this.writeBuffer.get(i);
			// type or base64 prefix, data, separator
			long length = packet.isBinary() ? 4L * ((packet.dataLength() + 2) / 3) : packet.dataLength();
			size += length + 2;
			if (i > 0 && size > handshake.maxPayload()) {
				return i;
			}
		}
		return this.writeBuffer.size();
	}

	@Override
	public void onTransportOpen(ClientTransport source) {
		if (source == this.probe) {
			source.send(List.of(EnginePacket.of(EnginePacketType.PING, PROBE)));
		}
	}

	@Override
	public void onPacket(ClientTransport source, EnginePacket packet) {
		if (this.state == State.CLOSED) {
			return;
		}
		if (source == this.probe) {
			onProbePacket(source, packet);
			return;
		}
		if (source != this.transport) {
			return;
		}
		switch (packet.type()) {
			case OPEN -> onOpen(packet);
			case PING -> {
				resetPingTimeout();
				send(EnginePacket.of(EnginePacketType.PONG, null));
			}
			case MESSAGE -> this.listener.onEngineMessage(packet);
			case CLOSE -> terminate("transport close", null, false);
			default -> {
			}
		}
	}

	private void onOpen(EnginePacket packet) {
		if (this.state != State.OPENING) {
			return;
		}
		Handshake handshake;
		try {
			handshake = Handshake.parse(this.options.mapper(), String.valueOf(packet.text()));
		}
		catch (RuntimeException ex) {
			terminate("parse error", ex, false);
			return;
		}
		this.handshake = handshake;
		this.state = State.OPEN;
		if (this.transport instanceof PollingTransport polling) {
			polling.sid(handshake.sid());
		}
		resetPingTimeout();
		this.listener.onEngineOpen();
		flush();
		if (this.state == State.OPEN && this.options.upgrade() && this.transport.kind() == Transport.POLLING
				&& this.options.transports().contains(Transport.WEBSOCKET)
				&& handshake.upgrades().contains(Transport.WEBSOCKET.wireName())) {
			ClientTransport candidate = create(Transport.WEBSOCKET);
			this.probe = candidate;
			candidate.open(handshake.sid());
		}
	}

	private void onProbePacket(ClientTransport source, EnginePacket packet) {
		if (packet.type() == EnginePacketType.PONG && PROBE.equals(packet.text()) && !this.upgrading) {
			this.upgrading = true;
			ClientTransport polling = this.transport;
			polling.pause(() -> {
				if (this.state != State.OPEN || this.probe != source) {
					return;
				}
				source.send(List.of(EnginePacket.of(EnginePacketType.UPGRADE, null)));
				this.transport = source;
				this.probe = null;
				this.upgrading = false;
				this.listener.onEngineUpgrade(source.kind());
				flush();
			});
		}
		else {
			abandonProbe(source);
		}
	}

	private void abandonProbe(ClientTransport source) {
		if (this.probe == source) {
			this.probe = null;
			source.close(false);
			if (this.upgrading) {
				// the polling transport was being paused for this probe: nothing to fall back to
				terminate("transport error", new IllegalStateException("upgrade failed"), false);
			}
		}
	}

	@Override
	public void onDrain(ClientTransport source) {
		if (source == this.transport) {
			flush();
		}
	}

	@Override
	public void onTransportError(ClientTransport source, String reason, Throwable error) {
		if (source == this.probe) {
			abandonProbe(source);
		}
		else if (source == this.transport) {
			terminate(reason.equals("parse error") ? reason : "transport error", error, false);
		}
	}

	@Override
	public void onTransportClose(ClientTransport source) {
		if (source == this.probe) {
			abandonProbe(source);
		}
		else if (source == this.transport) {
			terminate("transport close", null, false);
		}
	}

	private void resetPingTimeout() {
		if (this.pingTimer != null) {
			this.pingTimer.dispose();
		}
		Handshake handshake = this.handshake;
		if (handshake != null) {
			this.pingTimer = this.worker.schedule(() -> terminate("ping timeout", null, false),
					handshake.pingInterval().plus(handshake.pingTimeout()));
		}
	}

	private void terminate(String reason, @Nullable Throwable error, boolean graceful) {
		if (this.state == State.CLOSED) {
			return;
		}
		this.state = State.CLOSED;
		if (this.pingTimer != null) {
			this.pingTimer.dispose();
		}
		if (this.probe != null) {
			this.probe.close(false);
			this.probe = null;
		}
		// as the JS client: a polling transport still posts the close packet (after a ping
		// timeout too, so that the server lets the session go at once)
		this.transport.close(graceful || !reason.startsWith("transport"));
		this.writeBuffer.clear();
		this.listener.onEngineClose(reason, error);
	}

}
