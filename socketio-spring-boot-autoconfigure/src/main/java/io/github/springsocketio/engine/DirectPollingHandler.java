package io.github.springsocketio.engine;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.NettyPipeline;

import org.springframework.web.cors.CorsConfiguration;

/**
 * The per-connection half of {@link DirectPolling}: sits right after the HTTP codec,
 * takes the polling requests of open sessions and passes everything else on to Reactor
 * Netty and WebFlux. One request at a time is served here; what arrives behind it on
 * the connection is held until it is answered, and a request behind one that WebFlux has
 * not answered yet is passed on, so answers leave in request order.
 * <p>
 * Runs on the channel's event loop; a parked GET is answered from any thread through a
 * task of that loop.
 */
final class DirectPollingHandler extends ChannelDuplexHandler {

	private static final Logger logger = LoggerFactory.getLogger(DirectPollingHandler.class);

	/** Messages held behind a request served here before the connection is closed. */
	private static final int MAX_HELD = 256;

	private static final String[] VARY = { "Origin", "Access-Control-Request-Method",
			"Access-Control-Request-Headers" };

	private static final byte[] OK = { 'o', 'k' };

	private final List<DirectPolling.Mount> mounts;

	private final boolean secure;

	private @Nullable ChannelHandlerContext context;

	/** Requests passed on whose answer has not been written yet. */
	private int passedOn;

	/** The request served here, from its head to its answer. */
	private @Nullable Exchange current;

	private @Nullable ArrayDeque<Object> held;

	DirectPollingHandler(List<DirectPolling.Mount> mounts, boolean secure) {
		this.mounts = mounts;
		this.secure = secure;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.context = ctx;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		Exchange exchange = this.current;
		if (exchange != null) {
			if (exchange.reading && msg instanceof HttpContent content) {
				exchange.content(content);
			}
			else {
				hold(ctx, msg);
			}
			return;
		}
		if (msg instanceof HttpRequest request) {
			exchange = (this.passedOn == 0) ? accept(ctx, request) : null;
			if (exchange == null) {
				this.passedOn++;
				boolean upgrade = request.headers().contains(HttpHeaderNames.UPGRADE);
				ctx.fireChannelRead(msg);
				if (upgrade && ctx.pipeline().context(this) != null) {
					// the connection may become a WebSocket: nothing more to serve here
					ctx.pipeline().remove(this);
				}
				return;
			}
			this.current = exchange;
			ReferenceCountUtil.release(msg);
			return;
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		Exchange exchange = this.current;
		if (exchange != null && exchange.reading) {
			// the rest of a request served here: Reactor Netty reads on demand only
			ctx.read();
		}
		ctx.fireChannelReadComplete();
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		// the answers written here leave from this handler's context and never pass here;
		// an interim answer (100 Continue) is not the end of one
		if (msg instanceof LastHttpContent && this.passedOn > 0 && !(msg instanceof HttpResponse response
				&& response.status().codeClass() == HttpStatusClass.INFORMATIONAL)) {
			this.passedOn--;
		}
		ctx.write(msg, promise);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		Exchange exchange = this.current;
		this.current = null;
		if (exchange != null) {
			exchange.closed();
		}
		releaseHeld();
		ctx.fireChannelInactive();
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		releaseHeld();
	}

	private void hold(ChannelHandlerContext ctx, Object msg) {
		ArrayDeque<Object> queue = this.held;
		if (queue == null) {
			queue = new ArrayDeque<>();
			this.held = queue;
		}
		queue.add(msg);
		if (queue.size() > MAX_HELD) {
			logger.debug("Closing {}: too many pipelined requests", ctx.channel());
			ctx.close();
		}
	}

	private void releaseHeld() {
		ArrayDeque<Object> queue = this.held;
		this.held = null;
		if (queue != null) {
			queue.forEach(ReferenceCountUtil::release);
		}
	}

	/** The request served here was answered: go on with what was held behind it. */
	private void finished(ChannelHandlerContext ctx, Exchange exchange) {
		if (this.current != exchange) {
			return;
		}
		this.current = null;
		ArrayDeque<Object> queue = this.held;
		if (queue != null) {
			// replayed in order: a request served here again holds what follows it anew
			this.held = null;
			Object msg;
			while ((msg = queue.poll()) != null) {
				channelRead(ctx, msg);
			}
		}
		Exchange next = this.current;
		if (next == null || next.reading) {
			// Reactor Netty reads on demand (no auto-read): ask for the next request
			ctx.read();
		}
	}

	// ---- which requests are served here

	private @Nullable Exchange accept(ChannelHandlerContext ctx, HttpRequest request) {
		HttpMethod method = request.method();
		boolean post = method == HttpMethod.POST;
		if ((!post && method != HttpMethod.GET) || !request.decoderResult().isSuccess()
				|| request.protocolVersion() != HttpVersion.HTTP_1_1
				|| ctx.pipeline().get(NettyPipeline.IdleTimeoutHandler) != null) {
			return null;
		}
		String uri = request.uri();
		int query = uri.indexOf('?');
		if (query < 0) {
			return null;
		}
		DirectPolling.@Nullable Mount mount = mount(uri.substring(0, query));
		if (mount == null) {
			return null;
		}
		String sid = null;
		boolean polling = false;
		int start = query + 1;
		while (start < uri.length()) {
			int end = uri.indexOf('&', start);
			if (end < 0) {
				end = uri.length();
			}
			if (uri.startsWith("sid=", start)) {
				if (sid != null) {
					return null;
				}
				sid = uri.substring(start + 4, end);
			}
			else if (uri.startsWith("transport=", start)) {
				polling = uri.regionMatches(start + 10, "polling", 0, 7) && end == start + 17;
				if (!polling) {
					return null;
				}
			}
			start = end + 1;
		}
		if (sid == null || !polling || sid.indexOf('%') >= 0 || sid.indexOf('+') >= 0) {
			return null;
		}
		HttpHeaders headers = request.headers();
		if (headers.contains(HttpHeaderNames.EXPECT) || headers.contains(HttpHeaderNames.TRANSFER_ENCODING)
				|| headers.contains("Forwarded") || headers.contains("X-Forwarded-Host")
				|| headers.contains("X-Forwarded-Proto") || headers.contains("X-Forwarded-Port")) {
			return null;
		}
		long length = HttpUtil.getContentLength(request, 0L);
		if ((!post && length != 0) || length > mount.server().options().maxHttpBufferSize()) {
			return null;
		}
		String allowedOrigin = null;
		CorsConfiguration cors = mount.cors();
		if (cors != null) {
			String origin = headers.get(HttpHeaderNames.ORIGIN);
			if (origin != null && !isSameOrigin(origin, headers.get(HttpHeaderNames.HOST))) {
				allowedOrigin = cors.checkOrigin(origin);
				if (allowedOrigin == null
						|| cors.checkHttpMethod(org.springframework.http.HttpMethod.valueOf(method.name())) == null) {
					return null;
				}
			}
		}
		SessionCore session = mount.server().pollingSession(sid);
		if (session == null) {
			return null;
		}
		PollingTransport transport = session.polling();
		if (transport == null) {
			return null;
		}
		Exchange exchange;
		if (post) {
			PollingHandler handler = mount.server().pollingHandler();
			if (!handler.acquireBody()) {
				return null;
			}
			String contentType = headers.get(HttpHeaderNames.CONTENT_TYPE);
			exchange = new Post(ctx, request, mount, allowedOrigin, session, transport, handler, (int) length,
					contentType != null && contentType.startsWith(PollingPayload.BINARY));
		}
		else {
			exchange = new Get(ctx, request, mount, allowedOrigin, transport);
		}
		return exchange;
	}

	private DirectPolling.@Nullable Mount mount(String path) {
		for (DirectPolling.Mount mount : this.mounts) {
			if (mount.matches(path)) {
				return mount;
			}
		}
		return null;
	}

	/** Whether an {@code Origin} is the request's own (scheme, host and port). */
	private boolean isSameOrigin(String origin, @Nullable String host) {
		if (host == null) {
			return false;
		}
		URI uri;
		try {
			uri = URI.create(origin);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		String scheme = this.secure ? "https" : "http";
		if (!scheme.equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
			return false;
		}
		int defaultPort = this.secure ? 443 : 80;
		int originPort = (uri.getPort() != -1) ? uri.getPort() : defaultPort;
		String hostName = host;
		int hostPort = defaultPort;
		int colon = host.lastIndexOf(':');
		if (colon > host.lastIndexOf(']')) {
			hostName = host.substring(0, colon);
			try {
				hostPort = Integer.parseInt(host.substring(colon + 1));
			}
			catch (NumberFormatException ex) {
				return false;
			}
		}
		return uri.getHost().equalsIgnoreCase(hostName) && originPort == hostPort;
	}

	// ---- one request served here

	/** A request served here, from its head to its answer. */
	private abstract class Exchange {

		final ChannelHandlerContext ctx;

		final DirectPolling.Mount mount;

		final @Nullable String allowedOrigin;

		final boolean keepAlive;

		/** Whether the request's body is still arriving. */
		boolean reading = true;

		boolean answered;

		Exchange(ChannelHandlerContext ctx, HttpRequest request, DirectPolling.Mount mount,
				@Nullable String allowedOrigin) {
			this.ctx = ctx;
			this.mount = mount;
			this.allowedOrigin = allowedOrigin;
			this.keepAlive = HttpUtil.isKeepAlive(request);
		}

		final void content(HttpContent content) {
			try {
				body(content.content());
			}
			finally {
				content.release();
			}
			if (content instanceof LastHttpContent) {
				this.reading = false;
				complete();
			}
		}

		void body(ByteBuf bytes) {
		}

		/** The whole request arrived. */
		abstract void complete();

		/** The connection closed before the answer. */
		abstract void closed();

		/**
		 * Write the answer, on the event loop.
		 * @param afterWrite run once it is written, or {@code null}
		 */
		final void respond(HttpResponseStatus status, String contentType, byte[] body, boolean noStore,
				@Nullable Runnable afterWrite) {
			if (!this.ctx.executor().inEventLoop()) {
				this.ctx.executor().execute(() -> respond(status, contentType, body, noStore, afterWrite));
				return;
			}
			if (this.answered || !this.ctx.channel().isActive()) {
				return;
			}
			this.answered = true;
			FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
					Unpooled.wrappedBuffer(body));
			// header names spelled as WebFlux writes them
			HttpHeaders headers = response.headers();
			CorsConfiguration cors = this.mount.cors();
			if (cors != null) {
				for (String vary : VARY) {
					headers.add("Vary", vary);
				}
				if (this.allowedOrigin != null) {
					headers.set("Access-Control-Allow-Origin", this.allowedOrigin);
					List<String> exposed = cors.getExposedHeaders();
					if (exposed != null && !exposed.isEmpty()) {
						headers.set("Access-Control-Expose-Headers", String.join(", ", exposed));
					}
					if (Boolean.TRUE.equals(cors.getAllowCredentials())) {
						headers.set("Access-Control-Allow-Credentials", "true");
					}
				}
			}
			headers.set("Content-Type", contentType);
			if (noStore) {
				headers.set("Cache-Control", HttpAnswers.NO_STORE);
			}
			headers.setInt("Content-Length", body.length);
			if (!this.keepAlive) {
				headers.set("Connection", "close");
			}
			this.ctx.writeAndFlush(response).addListener((ChannelFutureListener) (future) -> {
				if (afterWrite != null) {
					afterWrite.run();
				}
				if (!this.keepAlive || !future.isSuccess()) {
					future.channel().close();
				}
				else {
					finished(this.ctx, this);
				}
			});
		}

		final void respondError(EngineError error) {
			respond(HttpResponseStatus.valueOf(error.status().value()), HttpAnswers.JSON,
					HttpAnswers.jsonErrorBody(error, error.message()), false, null);
		}

	}

	/** A GET: parked in the session until it has packets. */
	private final class Get extends Exchange implements PendingPoll {

		private final PollingTransport transport;

		Get(ChannelHandlerContext ctx, HttpRequest request, DirectPolling.Mount mount,
				@Nullable String allowedOrigin, PollingTransport transport) {
			super(ctx, request, mount, allowedOrigin);
			this.transport = transport;
		}

		@Override
		void complete() {
			this.transport.poll(this);
		}

		@Override
		public void answer(List<EnginePacket> packets) {
			PollingPayload payload = this.transport.encode(packets);
			respond(HttpResponseStatus.OK, payload.contentType(), payload.body(), true,
					() -> this.transport.written(packets));
		}

		@Override
		public void refuse(EngineError error) {
			respondError(error);
		}

		@Override
		void closed() {
			this.transport.cancelled(this);
		}

	}

	/** A POST: its body read here, within the limit checked on its head, then handed to the session. */
	private final class Post extends Exchange {

		private final SessionCore session;

		private final PollingTransport transport;

		private final PollingHandler handler;

		private final boolean binary;

		private final byte[] bytes;

		private int length;

		private final @Nullable EngineError refusal;

		private boolean released;

		Post(ChannelHandlerContext ctx, HttpRequest request, DirectPolling.Mount mount, @Nullable String allowedOrigin,
				SessionCore session, PollingTransport transport, PollingHandler handler, int length, boolean binary) {
			super(ctx, request, mount, allowedOrigin);
			this.session = session;
			this.transport = transport;
			this.handler = handler;
			this.binary = binary;
			this.bytes = new byte[length];
			this.refusal = transport.beginPost();
			if (this.refusal != null) {
				release();
			}
		}

		@Override
		void body(ByteBuf content) {
			int count = Math.min(content.readableBytes(), this.bytes.length - this.length);
			content.readBytes(this.bytes, this.length, count);
			this.length += count;
		}

		@Override
		void complete() {
			if (this.refusal != null) {
				respondError(this.refusal);
				return;
			}
			boolean accepted = this.session.receivePayload(this.bytes, this.binary);
			release();
			if (accepted) {
				respond(HttpResponseStatus.OK, HttpAnswers.OK_CONTENT_TYPE, OK, true, null);
			}
			else {
				respondError(EngineError.BAD_REQUEST);
			}
		}

		@Override
		void closed() {
			if (!this.released && this.reading) {
				// the connection dropped before the body was complete: as over WebFlux
				logger.debug("Request body of {} failed: connection closed", this.session);
				release();
				this.session.terminate(CloseReason.TRANSPORT_ERROR);
			}
			release();
		}

		private void release() {
			if (!this.released) {
				this.released = true;
				if (this.refusal == null) {
					this.transport.endPost();
				}
				this.handler.releaseBody();
			}
		}

	}

}
