package io.github.springsocketio.engine;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;

/**
 * Upgrades to WebSocket on Reactor Netty as WebFlux's own strategy does, with a
 * session that also gives the Engine.IO transport its Netty connection, so that it reads
 * and writes frames on the channel instead of through WebFlux's message streams.
 */
final class NettyUpgradeStrategy implements RequestUpgradeStrategy {

	private final int maxFramePayloadLength;

	NettyUpgradeStrategy(int maxFramePayloadLength) {
		this.maxFramePayloadLength = maxFramePayloadLength;
	}

	@Override
	public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, @Nullable String subProtocol,
			Supplier<HandshakeInfo> handshakeInfoFactory) {
		ServerHttpResponse response = exchange.getResponse();
		HttpServerResponse nettyResponse = ServerHttpResponseDecorator.getNativeResponse(response);
		HandshakeInfo handshakeInfo = handshakeInfoFactory.get();
		NettyDataBufferFactory bufferFactory = (NettyDataBufferFactory) response.bufferFactory();
		WebsocketServerSpec.Builder spec = WebsocketServerSpec.builder()
			.maxFramePayloadLength(this.maxFramePayloadLength);
		if (subProtocol != null) {
			spec.protocols(subProtocol);
		}
		// the response's pre-commit actions (headers of filters) run before the upgrade
		return response.setComplete()
			.then(Mono.defer(() -> nettyResponse.sendWebsocket((inbound, outbound) -> handler
				.handle(new NettyWebSocketSession(inbound, outbound, handshakeInfo, bufferFactory,
						this.maxFramePayloadLength)), spec.build())));
	}

	/**
	 * WebFlux's Reactor Netty session, with its connection.
	 */
	static final class NettyWebSocketSession extends ReactorNettyWebSocketSession {

		NettyWebSocketSession(WebsocketInbound inbound, WebsocketOutbound outbound, HandshakeInfo info,
				NettyDataBufferFactory bufferFactory, int maxFramePayloadLength) {
			super(inbound, outbound, info, bufferFactory, maxFramePayloadLength);
		}

		/**
		 * Return the connection the WebSocket runs on.
		 * @return the connection
		 */
		Connection connection() {
			Connection[] connection = new Connection[1];
			getDelegate().getInbound().withConnection((inbound) -> connection[0] = inbound);
			return connection[0];
		}

	}

}
