package io.github.springsocketio.javaclient;

import java.util.List;

import io.github.springsocketio.engine.EngineIoV4Codec;
import io.github.springsocketio.engine.EngineParseException;
import io.github.springsocketio.engine.EnginePacket;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

/**
 * WebSocket: one frame per packet. Outbound packets go through a unicast sink that only
 * the client's worker feeds; inbound frames are copied off the event loop and handed to
 * the worker.
 */
final class WebSocketTransport extends ClientTransport {

	private static final int MAX_FRAME = 100 * 1024 * 1024;

	private final Sinks.Many<EnginePacket> outbound = Sinks.many().unicast().onBackpressureBuffer();

	private boolean open;

	private boolean closed;

	private @Nullable Disposable connection;

	WebSocketTransport(ClientOptions options, SerialWorker worker, Events events) {
		super(options, worker, events);
	}

	@Override
	Transport kind() {
		return Transport.WEBSOCKET;
	}

	@Override
	void open(@Nullable String sid) {
		HttpClient http = this.options.httpClient().headers((headers) -> this.options.headers().forEach(headers::set));
		WebsocketClientSpec spec = WebsocketClientSpec.builder().maxFramePayloadLength(MAX_FRAME).build();
		this.connection = http.websocket(spec)
			.uri(this.options.engineUrl(Transport.WEBSOCKET, sid))
			.handle((in, out) -> {
				this.worker.execute(this::onOpen);
				Mono<Void> reading = in.aggregateFrames(MAX_FRAME)
					.receiveFrames()
					.doOnNext(this::onFrame)
					.then();
				Mono<Void> writing = out.sendObject(this.outbound.asFlux().map(WebSocketTransport::frame))
					.then()
					.then(Mono.defer(out::sendClose));
				return Mono.firstWithSignal(reading, writing);
			})
			.subscribe(null, (error) -> this.worker.execute(() -> fail("websocket error", error)),
					() -> this.worker.execute(this::onClose));
	}

	private static WebSocketFrame frame(EnginePacket packet) {
		byte[] bytes = EngineIoV4Codec.INSTANCE.encodeFrame(packet);
		return packet.isBinary() ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes))
				: new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes));
	}

	/** On the event loop: copy the frame, which is released after this returns. */
	private void onFrame(WebSocketFrame frame) {
		EnginePacket packet;
		try {
			if (frame instanceof TextWebSocketFrame text) {
				packet = EngineIoV4Codec.INSTANCE.decodeTextFrame(text.text());
			}
			else if (frame instanceof BinaryWebSocketFrame binary) {
				packet = EngineIoV4Codec.INSTANCE.decodeBinaryFrame(ByteBufUtil.getBytes(binary.content()));
			}
			else {
				return;
			}
		}
		catch (EngineParseException ex) {
			this.worker.execute(() -> fail("parse error", ex));
			return;
		}
		this.worker.execute(() -> {
			if (!this.closed) {
				this.events.onPacket(this, packet);
			}
		});
	}

	private void onOpen() {
		if (this.closed) {
			return;
		}
		this.open = true;
		this.events.onTransportOpen(this);
	}

	@Override
	boolean writable() {
		return this.open && !this.closed;
	}

	@Override
	void send(List<EnginePacket> packets) {
		for (EnginePacket packet : packets) {
			this.outbound.tryEmitNext(packet);
		}
	}

	@Override
	void close(boolean graceful) {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.outbound.tryEmitComplete();
		if (!this.open && this.connection != null) {
			this.connection.dispose();
		}
	}

	private void onClose() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.events.onTransportClose(this);
	}

	private void fail(String reason, Throwable error) {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.outbound.tryEmitComplete();
		if (this.connection != null) {
			this.connection.dispose();
		}
		this.events.onTransportError(this, reason, error);
	}

}
