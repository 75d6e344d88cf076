package io.github.springsocketio.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.EventLoop;
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
 * <p>
 * Frames are emitted on the channel's event loop: a {@link #drain()} from another
 * thread (a broadcast fanned out on the thread that received it) only schedules one
 * drain task there, shared by every drain requested until it runs, so the writer takes
 * the frames without a thread hop of its own and several packets queued in between
 * leave in one flush. Without a known event loop, the caller drains inline.
 */
final class WebSocketTransport implements WebSocketLink {

	private static final Logger logger = LoggerFactory.getLogger(WebSocketTransport.class);

	/** Most packets taken from the session's queue under one lock. */
	private static final int MAX_BATCH = 64;

	private final WebSocketSession webSocketSession;

	private final @Nullable EventLoop eventLoop;

	private final Runnable drainTask = this::drainLoop;

	/** Packets taken from the session's queue, not emitted yet; drain loop only. */
	private final List<EnginePacket> batch = new ArrayList<>();

	private final EngineIoCodec codec;

	private final Queue<EnginePacket> direct = new ConcurrentLinkedQueue<>();

	private final AtomicInteger wip = new AtomicInteger();

	private volatile @Nullable SessionCore session;

	private volatile @Nullable FluxSink<WebSocketMessage> sink;

	private volatile boolean closing;

	private boolean completed;

	/**
	 * Create a connection.
	 * @param webSocketSession the WebSocket
	 * @param codec the session's codec
	 * @param eventLoop the event loop of the WebSocket's channel, or {@code null} if
	 * unknown (drains then run on the calling thread)
	 */
	WebSocketTransport(WebSocketSession webSocketSession, EngineIoCodec codec, @Nullable EventLoop eventLoop) {
		this.webSocketSession = webSocketSession;
		this.codec = codec;
		this.eventLoop = eventLoop;
	}

	/**
	 * Bind this connection to its Engine.IO session.
	 * @param session the session
	 */
	void bind(SessionCore session) {
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
		SessionCore target = this.session;
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
			target.onWebSocketEnded(this, CloseReason.PARSE_ERROR);
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
		SessionCore target = this.session;
		if (target != null) {
			target.onWebSocketEnded(this, error ? CloseReason.TRANSPORT_ERROR : CloseReason.TRANSPORT_CLOSE);
		}
		drain();
	}

	/**
	 * Send a frame ahead of the session's queue (upgrade handshake).
	 * @param packet the packet
	 */
	@Override
	public void sendDirect(EnginePacket packet) {
		this.direct.add(packet);
		drain();
	}

	/**
	 * Close the WebSocket once the frames already handed to it are written.
	 */
	@Override
	public void close() {
		this.closing = true;
		drain();
	}

	/**
	 * Return how many more frames the writer has asked for; safe from any thread.
	 * @return the outstanding demand, {@code 0} once closing
	 */
	@Override
	public long demand() {
		FluxSink<WebSocketMessage> emitter = this.sink;
		return (emitter != null && !this.closing) ? emitter.requestedFromDownstream() : 0;
	}

	/**
	 * Emit as many packets as the writer asks for: direct frames first, then, when
	 * this is the session's transport, the session's queue. Runs at once on the
	 * channel's event loop; from any other thread, schedules one drain there unless one
	 * is already scheduled or running, which then sees the new work.
	 */
	@Override
	public void drain() {
		if (this.wip.getAndIncrement() != 0) {
			return;
		}
		EventLoop loop = this.eventLoop;
		if (loop != null && !loop.inEventLoop()) {
			try {
				loop.execute(this.drainTask);
				return;
			}
			catch (RejectedExecutionException ex) {
				// the event loop is shutting down: drain here, as without one
			}
		}
		drainLoop();
	}

	/** Drain until no more work was marked; the caller owns {@code wip}. */
	private void drainLoop() {
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
		SessionCore target = this.session;
		boolean active = target != null && target.isActiveWebSocket(this);
		long requested;
		while ((requested = emitter.requestedFromDownstream()) > 0 && !this.closing) {
			EnginePacket packet = this.direct.poll();
			if (packet != null) {
				emitter.next(toMessage(packet));
				continue;
			}
			if (!active || target.take((int) Math.min(requested, MAX_BATCH), this.batch) == 0) {
				break;
			}
			// never more than requested: only this loop emits, so demand did not shrink.
			// Closing leaves the rest unsent, as the queue they came from: an active
			// WebSocket closes only when its session ends, which clears that queue.
			for (int i = 0; i < this.batch.size() && !this.closing; i++) {
				emitter.next(toMessage(this.batch.get(i)));
			}
			this.batch.clear();
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
