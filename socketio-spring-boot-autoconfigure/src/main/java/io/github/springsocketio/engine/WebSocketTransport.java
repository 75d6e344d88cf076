package io.github.springsocketio.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.channel.AbortedException;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * One WebSocket of an Engine.IO session: the session's transport, or a probe during an
 * upgrade. It works on the Netty channel under WebFlux's session: a handler in the
 * channel's pipeline decodes text and binary frames as they are read, and frames are
 * written to the channel directly.
 * <p>
 * Frames leave on the channel's event loop. A {@link #drain()} from another thread, or
 * from another channel's work on the same event loop (a broadcast fanned out where it
 * was received), schedules one drain task there, shared by every drain requested until
 * it runs. Frames written while the channel is
 * reading (an acknowledgement answered at once) are flushed once at the end of the read
 * batch, the others at the end of their drain. While the channel is not writable,
 * packets stay in the session's bounded queue, so a client that does not read ends with
 * a full queue instead of unbounded buffers; writing resumes when it becomes writable.
 * Frames of the upgrade handshake go through a small queue of their own, before the
 * session's packets.
 */
final class WebSocketTransport implements WebSocketLink {

	private static final Logger logger = LoggerFactory.getLogger(WebSocketTransport.class);

	private static final String HANDLER_NAME = "socketio.engine.frames";

	/** Most packets taken from the session's queue under one lock. */
	private static final int MAX_BATCH = 64;

	private final WebSocketSession webSocketSession;

	private final Connection connection;

	private final Channel channel;

	private final EventLoop eventLoop;

	private final EngineIoCodec codec;

	private final Runnable drainTask = this::drainLoop;

	private final AtomicInteger wip = new AtomicInteger();

	private final Queue<EnginePacket> direct = new ConcurrentLinkedQueue<>();

	/** Packets taken from the session's queue, not written yet; drain loop only. */
	private @Nullable List<EnginePacket> batch;

	private volatile @Nullable SessionCore session;

	private volatile boolean closing;

	/** Event loop only: the close has been sent. */
	private boolean completed;

	/** The client's side ended (a close frame, or the connection went away). */
	private volatile boolean inputEnded;

	/** Event loop only: inside a read batch, so writes wait for its end to be flushed. */
	private boolean reading;

	/** Event loop only: frames were written and not flushed. */
	private boolean unflushed;

	/**
	 * Create a transport on a WebSocket of Reactor Netty.
	 * @param webSocketSession the WebSocket
	 * @param codec the session's codec
	 */
	WebSocketTransport(WebSocketSession webSocketSession, EngineIoCodec codec) {
		this.webSocketSession = webSocketSession;
		this.codec = codec;
		this.connection = connectionOf(webSocketSession);
		this.channel = this.connection.channel();
		this.eventLoop = this.channel.eventLoop();
	}

	private static Connection connectionOf(WebSocketSession webSocketSession) {
		if (!(webSocketSession instanceof NettyUpgradeStrategy.NettyWebSocketSession netty)) {
			throw new IllegalStateException("Engine.IO over WebSocket needs Reactor Netty, not "
					+ webSocketSession.getClass().getName());
		}
		return netty.connection();
	}

	/**
	 * Bind this transport to its Engine.IO session.
	 * @param session the session
	 */
	void bind(SessionCore session) {
		this.session = session;
	}

	/**
	 * Run the WebSocket until either side closes it.
	 * @return completes when the WebSocket is closed
	 */
	Mono<Void> run() {
		// WebFlux's receive() puts its frame aggregator in the pipeline; the frame handler
		// goes after it, so that it sees whole messages, and takes text and binary frames
		// before they reach the reactive bridge: only the end of the connection (and
		// control frames) come out of receive()
		Mono<Void> input = this.webSocketSession.receive()
			.then()
			.doOnSuccess((done) -> closed(false))
			.doOnCancel(() -> closed(false))
			.onErrorResume((ex) -> {
				// the connection ending without a close frame (a reset) is the client going away,
				// a "transport close" as the reference's ws sees it; anything else is an error
				boolean reset = ex instanceof AbortedException || ex instanceof IOException;
				logger.debug("WebSocket of {} {}: {}", this.session, reset ? "reset" : "failed", ex.toString());
				closed(!reset);
				return Mono.empty();
			});
		this.connection.addHandlerLast(HANDLER_NAME, new FrameHandler());
		return input.doFinally((signal) -> close());
	}

	private void onFrame(ByteBuf content, boolean text) {
		SessionCore target = this.session;
		if (target == null || this.closing) {
			return;
		}
		EnginePacket packet;
		try {
			packet = text ? this.codec.decodeTextFrame(content.toString(StandardCharsets.UTF_8))
					: this.codec.decodeBinaryFrame(ByteBufUtil.getBytes(content));
		}
		catch (EngineParseException ex) {
			logger.debug("Malformed WebSocket frame in {}: {}", target, ex.getMessage());
			target.onWebSocketEnded(this, CloseReason.PARSE_ERROR);
			return;
		}
		target.onWebSocketPacket(this, packet);
	}

	private void closed(boolean error) {
		this.inputEnded = true;
		this.closing = true;
		SessionCore target = this.session;
		if (target != null) {
			target.onWebSocketEnded(this, error ? CloseReason.TRANSPORT_ERROR : CloseReason.TRANSPORT_CLOSE);
		}
		drain();
	}

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

	@Override
	public long demand() {
		return (!this.closing && this.channel.isWritable()) ? MAX_BATCH : 0;
	}

	/**
	 * Write what is waiting: direct frames first, then, when this is the session's
	 * transport, the session's queue. Runs at once on the channel's event loop; from any
	 * other thread, schedules one drain there unless one is already scheduled or
	 * running, which then sees the new work.
	 */
	@Override
	public void drain() {
		if (this.wip.getAndIncrement() != 0) {
			return;
		}
		if (this.eventLoop.inEventLoop() && this.reading) {
			// an answer to what this channel is reading: written now, flushed at the end
			// of the read batch
			drainLoop();
			return;
		}
		// from another thread, or from another channel's work on this event loop (a
		// broadcast handled inline): one drain task, after which more packets have
		// gathered for one flush instead of a flush per packet
		try {
			this.eventLoop.execute(this.drainTask);
		}
		catch (RejectedExecutionException ex) {
			// the event loop is shutting down: nothing can be written any more
			this.wip.set(0);
		}
	}

	/** Drain until no more work was marked; the caller owns {@code wip}. */
	private void drainLoop() {
		int missed = 1;
		do {
			if (!this.completed) {
				writePending();
			}
			missed = this.wip.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void writePending() {
		SessionCore target = this.session;
		boolean active = target != null && target.isActiveWebSocket(this);
		while (!this.closing && this.channel.isWritable()) {
			EnginePacket packet = this.direct.poll();
			if (packet != null) {
				write(packet);
				continue;
			}
			List<EnginePacket> taken = this.batch;
			if (taken == null) {
				taken = new ArrayList<>();
				this.batch = taken;
			}
			if (!active || target.take(MAX_BATCH, taken) == 0) {
				break;
			}
			// closing leaves the rest unwritten, as the queue they came from: an active
			// WebSocket closes only when its session ends, which clears that queue
			for (int i = 0; i < taken.size() && !this.closing; i++) {
				write(taken.get(i));
			}
			taken.clear();
		}
		if (this.closing || (active && target.isDrainedForClose())) {
			this.completed = true;
			this.closing = true;
			flush();
			if (!this.inputEnded && this.channel.isActive()) {
				// Reactor Netty answers the client's own close itself; a close frame sent on
				// a connection that has ended would never be released
				this.webSocketSession.close(CloseStatus.NORMAL).subscribe(null, (ex) -> {
				});
			}
		}
		else if (!this.reading) {
			flush();
		}
	}

	private void write(EnginePacket packet) {
		ByteBuf payload = Unpooled.wrappedBuffer(this.codec.encodeFrame(packet));
		WebSocketFrame frame = packet.isBinary() ? new BinaryWebSocketFrame(payload)
				: new TextWebSocketFrame(payload);
		this.channel.write(frame, this.channel.voidPromise());
		this.unflushed = true;
	}

	private void flush() {
		if (this.unflushed) {
			this.unflushed = false;
			this.channel.flush();
		}
	}

	/**
	 * Takes text and binary frames off the pipeline as they are read, and flushes what
	 * they caused to be written once per read batch; it passes everything else on.
	 */
	private final class FrameHandler extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object message) {
			if (message instanceof TextWebSocketFrame frame) {
				handle(frame, true);
			}
			else if (message instanceof BinaryWebSocketFrame frame) {
				handle(frame, false);
			}
			else if (message instanceof PongWebSocketFrame frame) {
				// nothing asked for it: drop it here rather than queue it for receive()
				frame.release();
			}
			else {
				ctx.fireChannelRead(message);
			}
		}

		private void handle(WebSocketFrame frame, boolean text) {
			WebSocketTransport.this.reading = true;
			try {
				onFrame(frame.content(), text);
			}
			finally {
				frame.release();
			}
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			WebSocketTransport.this.reading = false;
			flush();
			ctx.fireChannelReadComplete();
		}

		@Override
		public void channelWritabilityChanged(ChannelHandlerContext ctx) {
			if (ctx.channel().isWritable()) {
				drain();
			}
			ctx.fireChannelWritabilityChanged();
		}

	}

}
