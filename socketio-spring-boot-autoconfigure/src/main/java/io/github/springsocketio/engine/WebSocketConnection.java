package io.github.springsocketio.engine;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * One WebSocket of an Engine.IO session: the session's transport, or a probe during an
 * upgrade.
 * <p>
 * Outbound frames are pulled, never pushed: the writer's demand (which follows the
 * channel's writability) decides how many packets leave the session's queue, so a
 * client that does not read leaves its packets in the bounded session queue instead
 * of in unbounded buffers. Frames that belong to the upgrade handshake go through a
 * small queue of their own, before the session's packets.
 */
final class WebSocketConnection {

	private static final Logger logger = LoggerFactory.getLogger(WebSocketConnection.class);

	private final WebSocketSession webSocketSession;

	private final EngineIoCodec codec;

	private final Queue<EnginePacket> direct = new ConcurrentLinkedQueue<>();

	private final AtomicInteger wip = new AtomicInteger();

	private volatile @Nullable DefaultEngineSession session;

	private volatile @Nullable FluxSink<WebSocketMessage> sink;

	private volatile boolean closing;

	private boolean completed;

	WebSocketConnection(WebSocketSession webSocketSession, EngineIoCodec codec) {
		this.webSocketSession = webSocketSession;
		this.codec = codec;
	}

	/**
	 * Bind this connection to its Engine.IO session.
	 * @param session the session
	 */
	void bind(DefaultEngineSession session) {
		this.session = session;
	}

	/**
	 * Run the connection until either side closes it.
	 * @return completes when the WebSocket is closed
	 */
	Mono<Void> run() {
		Flux<WebSocketMessage> outbound = Flux.create((FluxSink<WebSocketMessage> emitter) -> {
			this.sink = emitter;
			emitter.onRequest((n) -> drain());
			drain();
		});
		Mono<Void> output = this.webSocketSession.send(outbound)
			.then(Mono.defer(() -> this.webSocketSession.close(CloseStatus.NORMAL)))
			.onErrorResume((ex) -> Mono.empty());
		Mono<Void> input = this.webSocketSession.receive()
			.doOnNext(this::onFrame)
			.then()
			.doOnSuccess((done) -> closed(false))
			.doOnCancel(() -> closed(false))
			.onErrorResume((ex) -> {
				logger.debug("WebSocket of {} failed: {}", this.session, ex.toString());
				closed(true);
				return Mono.empty();
			});
		return Mono.when(output, input).doFinally((signal) -> close());
	}

	private void onFrame(WebSocketMessage message) {
		DefaultEngineSession target = this.session;
		if (target == null || this.closing) {
			return;
		}
		EnginePacket packet;
		try {
			switch (message.getType()) {
				case TEXT -> packet = this.codec.decodeTextFrame(message.getPayloadAsText());
				case BINARY -> packet = this.codec.decodeBinaryFrame(copy(message.getPayload()));
				default -> {
					return;
				}
			}
		}
		catch (EngineParseException ex) {
			logger.debug("Malformed WebSocket frame in {}: {}", target, ex.getMessage());
			target.onWebSocketParseError(this);
			return;
		}
		target.onWebSocketPacket(this, packet);
	}

	private static byte[] copy(DataBuffer buffer) {
		byte[] bytes = new byte[buffer.readableByteCount()];
		buffer.read(bytes);
		return bytes;
	}

	private void closed(boolean error) {
		this.closing = true;
		DefaultEngineSession target = this.session;
		if (target != null) {
			target.onWebSocketClosed(this, error);
		}
		drain();
	}

	/**
	 * Send a frame ahead of the session's queue (upgrade handshake).
	 * @param packet the packet
	 */
	void sendDirect(EnginePacket packet) {
		this.direct.add(packet);
		drain();
	}

	/**
	 * Close the WebSocket once the frames already handed to it are written.
	 */
	void close() {
		this.closing = true;
		drain();
	}

	/**
	 * Emit as many packets as the writer asks for: direct frames first, then, when
	 * this is the session's transport, the session's queue.
	 */
	void drain() {
		if (this.wip.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		do {
			FluxSink<WebSocketMessage> emitter = this.sink;
			if (emitter != null && !this.completed) {
				emitPending(emitter);
			}
			missed = this.wip.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void emitPending(FluxSink<WebSocketMessage> emitter) {
		DefaultEngineSession target = this.session;
		boolean active = target != null && target.isActiveWebSocket(this);
		while (emitter.requestedFromDownstream() > 0 && !this.closing) {
			EnginePacket packet = this.direct.poll();
			if (packet == null && active) {
				packet = target.pollForWebSocket();
			}
			if (packet == null) {
				break;
			}
			emitter.next(toMessage(packet));
		}
		if (this.closing || (active && target.isDrainedForClose())) {
			this.completed = true;
			this.closing = true;
			emitter.complete();
		}
	}

	private WebSocketMessage toMessage(EnginePacket packet) {
		byte[] frame = this.codec.encodeFrame(packet);
		DataBuffer payload = this.webSocketSession.bufferFactory().wrap(frame);
		return new WebSocketMessage(packet.isBinary() ? WebSocketMessage.Type.BINARY : WebSocketMessage.Type.TEXT,
				payload);
	}

}
