package io.github.springsocketio.engine;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;
import reactor.netty.ChannelPipelineConfigurer;
import reactor.netty.ConnectionObserver;
import reactor.netty.NettyPipeline;

import org.springframework.web.cors.CorsConfiguration;

/**
 * Serves the long-polling requests of open sessions (a GET or POST carrying the
 * {@code sid} of a polling session) on the connection's Netty channel, ahead of WebFlux;
 * install it with Reactor Netty's {@code HttpServer.doOnChannelInit}. A long-polling
 * client sends two requests per round trip, and WebFlux's per-request pipeline
 * (exchange, filters, handler lookup, reactive body and answer) cost more than the
 * Engine.IO and Socket.IO work they carry.
 * <p>
 * The handshake, WebSocket upgrades, CORS preflights and every request it does not take
 * go through WebFlux as before: its filters (Spring Security's included), handler
 * mappings and error answers. A session's later requests are bound to it by the
 * unguessable {@code sid}, as its WebSocket frames are. Requests left to WebFlux: an
 * unknown or non-polling session, any other path or method, a chunked or oversized
 * body, {@code Expect}, forwarded headers, a cross-origin request the CORS settings do
 * not allow, HTTP/1.0, a connection with an idle timeout, and any request behind one
 * that WebFlux has not answered yet (answers stay in request order).
 */
public final class DirectPolling implements ChannelPipelineConfigurer {

	/** Name of the handler in the channel pipeline. */
	public static final String HANDLER_NAME = "socketio.directPolling";

	private final Supplier<? extends Collection<EngineIoHandlerMapping>> mappings;

	private volatile @Nullable List<Mount> mounts;

	/**
	 * Create the configurer.
	 * @param mappings the Engine.IO mounts to serve, looked up once, when the first
	 * connection opens
	 */
	public DirectPolling(Supplier<? extends Collection<EngineIoHandlerMapping>> mappings) {
		this.mappings = mappings;
	}

	@Override
	public void onChannelInit(ConnectionObserver connectionObserver, Channel channel,
			@Nullable SocketAddress remoteAddress) {
		ChannelPipeline pipeline = channel.pipeline();
		if (pipeline.get(NettyPipeline.HttpCodec) == null || pipeline.get(NettyPipeline.H2CUpgradeHandler) != null) {
			return;
		}
		List<Mount> mounts = mounts();
		if (!mounts.isEmpty()) {
			pipeline.addAfter(NettyPipeline.HttpCodec, HANDLER_NAME,
					new DirectPollingHandler(mounts, pipeline.get(SslHandler.class) != null));
		}
	}

	private List<Mount> mounts() {
		List<Mount> mounts = this.mounts;
		if (mounts == null) {
			List<Mount> found = new ArrayList<>();
			for (EngineIoHandlerMapping mapping : this.mappings.get()) {
				found.add(new Mount(mapping.getPath(), mapping.getServer(), mapping.getCorsConfiguration()));
			}
			mounts = List.copyOf(found);
			this.mounts = mounts;
		}
		return mounts;
	}

	/**
	 * An Engine.IO server at a path.
	 *
	 * @param path the path without a trailing slash
	 * @param server the server
	 * @param cors its CORS settings, or {@code null} for none
	 */
	record Mount(String path, EngineIoServer server, @Nullable CorsConfiguration cors) {

		boolean matches(String requestPath) {
			int length = this.path.length();
			return requestPath.startsWith(this.path) && (requestPath.length() == length
					|| (requestPath.length() == length + 1 && requestPath.charAt(length) == '/'));
		}

	}

}
