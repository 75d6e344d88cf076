package io.github.springsocketio.engine;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.NettyInbound;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

/**
 * An Engine.IO server: verifies requests, opens sessions over polling or WebSocket,
 * and routes later requests to their session. It is a {@link WebHandler}; mount it
 * with {@link EngineIoHandlerMapping}. Nothing it does blocks the calling thread.
 */
public final class EngineIoServer implements WebHandler {

	private static final Logger logger = LoggerFactory.getLogger(EngineIoServer.class);

	private static final String OK = "ok";

	private static final String OK_CONTENT_TYPE = "text/html";

	private static final String NO_STORE = "no-store";

	private static final String BODY_READ = EngineIoServer.class.getName() + ".bodyRead";

	private static final String TOO_MANY_SESSIONS = "Too many sessions";

	private static final String TOO_MANY_BODIES = "Too many requests in progress";

	private static final String WEBSOCKET_ERROR_CONTENT_TYPE = "text/html";

	private final EngineIoOptions options;

	private final EngineSessionHandler handler;

	private final ProtocolClock clock;

	private final Map<String, DefaultEngineSession> sessions = new ConcurrentHashMap<>();

	/** A scheduler per event loop that requests arrived on, see {@link #handle}. */
	private final Map<EventLoop, Scheduler> loopSchedulers = new ConcurrentHashMap<>();

	private final HandshakeWebSocketService webSocketService;

	private final AtomicInteger pollingBodies = new AtomicInteger();

	private volatile boolean shutdown;

	/**
	 * Create a server.
	 * @param options the settings
	 * @param handler receives the sessions' events
	 */
	public EngineIoServer(EngineIoOptions options, EngineSessionHandler handler) {
		this(options, handler, ProtocolClock.system());
	}

	/**
	 * Create a server with its own clock for heartbeats and timeouts.
	 * @param options the settings
	 * @param handler receives the sessions' events
	 * @param clock runs the timers (a virtual-time scheduler in tests)
	 */
	public EngineIoServer(EngineIoOptions options, EngineSessionHandler handler, ProtocolClock clock) {
		this.options = options;
		this.handler = handler;
		this.clock = clock;
		int maxFrame = (int) options.maxHttpBufferSize();
		this.webSocketService = new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
				() -> WebsocketServerSpec.builder().maxFramePayloadLength(maxFrame)));
	}

	/**
	 * Return the settings.
	 * @return the options
	 */
	public EngineIoOptions options() {
		return this.options;
	}

	EngineSessionHandler handler() {
		return this.handler;
	}

	/**
	 * Return the open sessions.
	 * @return a read-only live view
	 */
	public Collection<EngineSession> sessions() {
		return Collections.unmodifiableCollection(this.sessions.values());
	}

	/**
	 * Return one open session.
	 * @param id the session id
	 * @return the session, or {@code null}
	 */
	public @Nullable EngineSession session(String id) {
		return this.sessions.get(id);
	}

	/**
	 * Return the number of open sessions.
	 * @return the count
	 */
	public int sessionCount() {
		return this.sessions.size();
	}

	/**
	 * Accept handshakes again after a {@link #shutdown()} (a restarted context).
	 */
	public void start() {
		this.shutdown = false;
	}

	/**
	 * Close every session with {@link CloseReason#SERVER_SHUTTING_DOWN} and refuse new
	 * handshakes until {@link #start()}.
	 */
	public void shutdown() {
		this.shutdown = true;
		for (DefaultEngineSession session : List.copyOf(this.sessions.values())) {
			session.terminate(CloseReason.SERVER_SHUTTING_DOWN);
		}
	}

	/**
	 * Return whether the server is shut down: it refuses handshakes until
	 * {@link #start()}.
	 * @return {@code true} after {@link #shutdown()}
	 */
	public boolean isShutdown() {
		return this.shutdown;
	}

	Disposable schedule(Runnable task, Duration delay) {
		return this.clock.schedule(task, delay);
	}

	void remove(DefaultEngineSession session) {
		this.sessions.remove(session.id(), session);
	}

	// ---- request routing

	/**
	 * Handle a request in a task of its connection's event loop of its own, never inline
	 * in the call that dispatches it. Reactor Netty 1.3.6 (reactor/reactor-netty issue
	 * 4361, fixed in 1.3.8) buffers a keep-alive request that arrives while the previous
	 * one on the connection is still open; when the buffered one is dispatched and its
	 * answer completes within that call, the connection stops reading and the client's
	 * next request on it hangs. A polling client does that whenever a parked poll is
	 * released and its next request was already on the wire.
	 */
	@Override
	public Mono<Void> handle(ServerWebExchange exchange) {
		EventLoop loop = eventLoop(exchange);
		Mono<Void> handling = Mono.defer(() -> route(exchange));
		return (loop != null) ? handling.subscribeOn(this.loopSchedulers.computeIfAbsent(loop,
				(executor) -> Schedulers.fromExecutor(executor, false))) : handling;
	}

	private Mono<Void> route(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		MultiValueMap<String, String> query = request.getQueryParams();
		boolean upgrade = isWebSocketUpgrade(request);
		EngineTransport transport = EngineTransport.fromQueryValue(query.getFirst("transport"));
		if (transport == null || !this.options.transports().contains(transport)) {
			return error(exchange, EngineError.UNKNOWN_TRANSPORT, null, upgrade);
		}
		String sid = query.getFirst("sid");
		if (sid != null) {
			return handleSessionRequest(exchange, sid, transport, upgrade);
		}
		if (request.getMethod() != HttpMethod.GET) {
			return error(exchange, EngineError.BAD_HANDSHAKE_METHOD, null, upgrade);
		}
		if (transport == EngineTransport.WEBSOCKET && !upgrade) {
			return error(exchange, EngineError.BAD_REQUEST, null, false);
		}
		if (this.shutdown) {
			return error(exchange, EngineError.FORBIDDEN, "Server is shutting down", upgrade);
		}
		return exchange.getPrincipal()
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((principal) -> allowAndHandshake(exchange, snapshot(request, principal.orElse(null)), transport,
					upgrade));
	}

	private Mono<Void> allowAndHandshake(ServerWebExchange exchange, HandshakeRequest handshake,
			EngineTransport transport, boolean upgrade) {
		return this.options.allowRequest()
			.check(handshake)
			.defaultIfEmpty(HandshakeDecision.refuse(null))
			.onErrorResume((ex) -> Mono.just(HandshakeDecision.refuse(null)))
			.flatMap((decision) -> decision.allowed() ? handshake(exchange, handshake, transport, upgrade)
					: error(exchange, EngineError.FORBIDDEN, decision.message(), upgrade));
	}

	private Mono<Void> handleSessionRequest(ServerWebExchange exchange, String sid, EngineTransport transport,
			boolean upgrade) {
		DefaultEngineSession session = this.sessions.get(sid);
		if (session == null) {
			return error(exchange, EngineError.UNKNOWN_SID, null, upgrade);
		}
		if (upgrade) {
			if (transport != EngineTransport.WEBSOCKET || !session.beginUpgrade()) {
				return error(exchange, EngineError.BAD_REQUEST, null, true);
			}
			EventLoop eventLoop = eventLoop(exchange);
			return this.webSocketService.handleRequest(exchange, (webSocketSession) -> {
				WebSocketConnection connection = new WebSocketConnection(webSocketSession, session.codec(), eventLoop);
				connection.bind(session);
				session.attachProbe(connection);
				return connection.run();
			});
		}
		if (session.transport() != transport || transport != EngineTransport.POLLING) {
			return error(exchange, EngineError.BAD_REQUEST, null, false);
		}
		HttpMethod method = exchange.getRequest().getMethod();
		if (method == HttpMethod.GET) {
			return poll(exchange, session, null);
		}
		if (method == HttpMethod.POST) {
			return post(exchange, session);
		}
		return error(exchange, EngineError.BAD_REQUEST, null, false);
	}

	private Mono<Void> handshake(ServerWebExchange exchange, HandshakeRequest handshake, EngineTransport transport,
			boolean upgrade) {
		EngineIoCodec codec = codecFor(handshake.queryParam("EIO"));
		if (codec == null) {
			return error(exchange, EngineError.UNSUPPORTED_PROTOCOL_VERSION, null, upgrade);
		}
		if (this.sessions.size() >= this.options.maxSessions()) {
			logger.warn("Refusing a handshake: {} sessions are open (socketio.max-sessions)", this.sessions.size());
			return unavailable(exchange, TOO_MANY_SESSIONS);
		}
		if (transport == EngineTransport.WEBSOCKET) {
			// no cookie here: the reference's ws server writes the 101 before the session
			// exists, so its cookie option never reaches a WebSocket handshake
			EventLoop eventLoop = eventLoop(exchange);
			return this.webSocketService.handleRequest(exchange, (webSocketSession) -> {
				WebSocketConnection connection = new WebSocketConnection(webSocketSession, codec, eventLoop);
				DefaultEngineSession session = register(codec, handshake, transport);
				connection.bind(session);
				session.open(connection);
				return connection.run();
			});
		}
		DefaultEngineSession session = register(codec, handshake, transport);
		session.open(null);
		HandshakeCookie cookie = this.options.cookie();
		return poll(exchange, session, (cookie != null) ? cookie.headerValue(session.id()) : null);
	}

	/**
	 * Return the event loop of the connection an upgrade request came on, which the
	 * WebSocket keeps (Reactor Netty's {@code HttpServerRequest} is that connection).
	 * @param exchange the upgrade request
	 * @return the event loop, or {@code null} on another server
	 */
	private static @Nullable EventLoop eventLoop(ServerWebExchange exchange) {
		Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
		if (!(request instanceof NettyInbound inbound)) {
			return null;
		}
		EventLoop[] eventLoop = new EventLoop[1];
		inbound.withConnection((connection) -> eventLoop[0] = connection.channel().eventLoop());
		return eventLoop[0];
	}

	private @Nullable EngineIoCodec codecFor(@Nullable String eio) {
		if ("4".equals(eio)) {
			return EngineIoV4Codec.INSTANCE;
		}
		if ("3".equals(eio) && this.options.allowEio3()) {
			return EngineIoV3Codec.INSTANCE;
		}
		return null;
	}

	private DefaultEngineSession register(EngineIoCodec codec, HandshakeRequest handshake, EngineTransport transport) {
		while (true) {
			DefaultEngineSession session = new DefaultEngineSession(Base64Id.generate(), codec, handshake, transport, this);
			if (this.sessions.putIfAbsent(session.id(), session) == null) {
				logger.debug("Opened {}", session);
				return session;
			}
		}
	}

	// ---- polling

	/**
	 * Answer a GET with the session's next packets.
	 * @param setCookie value of a {@code Set-Cookie} header for the answer (the
	 * handshake's), or {@code null} for none
	 */
	private Mono<Void> poll(ServerWebExchange exchange, DefaultEngineSession session, @Nullable String setCookie) {
		return Mono.<List<EnginePacket>>create(session::poll)
			.flatMap((batch) -> {
				PollingPayload payload = session.encodePayload(batch);
				ServerHttpResponse response = exchange.getResponse();
				response.setStatusCode(HttpStatus.OK);
				response.getHeaders().set(HttpHeaders.CONTENT_TYPE, payload.contentType());
				response.getHeaders().setCacheControl(NO_STORE);
				if (setCookie != null) {
					response.getHeaders().set(HttpHeaders.SET_COOKIE, setCookie);
				}
				response.getHeaders().setContentLength(payload.body().length);
				return response.writeWith(Mono.just(response.bufferFactory().wrap(payload.body())))
					.doFinally((signal) -> session.onPollWritten(batch));
			})
			.onErrorResume(EngineRequestException.class, (ex) -> error(exchange, ex.error(), null, false));
	}

	private Mono<Void> post(ServerWebExchange exchange, DefaultEngineSession session) {
		ServerHttpRequest request = exchange.getRequest();
		long maxSize = this.options.maxHttpBufferSize();
		long declaredLength = request.getHeaders().getContentLength();
		if (declaredLength > maxSize) {
			return payloadTooLarge(exchange);
		}
		if (this.pollingBodies.incrementAndGet() > this.options.maxConcurrentPollingBodies()) {
			this.pollingBodies.decrementAndGet();
			return unavailable(exchange, TOO_MANY_BODIES);
		}
		try {
			session.beginPost();
		}
		catch (EngineRequestException ex) {
			this.pollingBodies.decrementAndGet();
			return error(exchange, ex.error(), null, false);
		}
		// the POST must end before its answer is written: the client may send the next
		// one as soon as it reads the answer, on another connection (another thread)
		AtomicBoolean ended = new AtomicBoolean();
		Runnable endPost = () -> {
			if (ended.compareAndSet(false, true)) {
				this.pollingBodies.decrementAndGet();
				session.endPost();
			}
		};
		String contentType = request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
		boolean binaryContent = contentType != null && contentType.startsWith(PollingPayload.BINARY);
		return PostBody.read(request.getBody(), maxSize, 2 * maxSize, declaredLength)
			.onErrorResume((ex) -> {
				// the connection dropped before the body was complete: like the reference,
				// close the session at once
				logger.debug("Request body of {} failed: {}", session, ex.toString());
				session.terminate(CloseReason.TRANSPORT_ERROR);
				return Mono.empty();
			})
			.flatMap((body) -> {
				exchange.getAttributes().put(BODY_READ, body.ended());
				if (body.tooLarge()) {
					endPost.run();
					return payloadTooLarge(exchange);
				}
				boolean accepted = session.receivePayload(body.bytes(), binaryContent);
				endPost.run();
				return accepted ? ok(exchange) : error(exchange, EngineError.BAD_REQUEST, null, false);
			})
			.doFinally((signal) -> endPost.run());
	}

	private static Mono<Void> ok(ServerWebExchange exchange) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.OK);
		response.getHeaders().set(HttpHeaders.CONTENT_TYPE, OK_CONTENT_TYPE);
		response.getHeaders().setCacheControl(NO_STORE);
		return write(response, OK);
	}

	/** A limit of this server is reached: 503, with a body like the reference's errors. */
	private Mono<Void> unavailable(ServerWebExchange exchange, String message) {
		return afterBody(exchange, () -> {
			ServerHttpResponse response = exchange.getResponse();
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
			return writeJsonError(response, HttpStatus.SERVICE_UNAVAILABLE, EngineError.FORBIDDEN, message);
		});
	}

	private Mono<Void> payloadTooLarge(ServerWebExchange exchange) {
		return afterBody(exchange, () -> {
			ServerHttpResponse response = exchange.getResponse();
			response.setStatusCode(HttpStatus.PAYLOAD_TOO_LARGE);
			response.getHeaders().setContentLength(0);
			return response.setComplete();
		});
	}

	// ---- errors

	private Mono<Void> error(ServerWebExchange exchange, EngineError error, @Nullable String message,
			boolean upgrade) {
		String text = (message != null) ? message : error.message();
		return afterBody(exchange, () -> {
			ServerHttpResponse response = exchange.getResponse();
			if (upgrade) {
				// the reference answers a refused WebSocket upgrade with its message as HTML
				response.setStatusCode(HttpStatus.BAD_REQUEST);
				response.getHeaders().set(HttpHeaders.CONTENT_TYPE, WEBSOCKET_ERROR_CONTENT_TYPE);
				response.getHeaders().set(HttpHeaders.CONNECTION, "close");
				return write(response, text);
			}
			return writeJsonError(response, error.status(), error, text);
		});
	}

	/** The reference's error body: {@code {"code":N,"message":"..."}}. */
	private static Mono<Void> writeJsonError(ServerHttpResponse response, HttpStatus status, EngineError error,
			String message) {
		response.setStatusCode(status);
		response.getHeaders().set(HttpHeaders.CONTENT_TYPE, "application/json");
		return write(response, "{\"code\":" + error.code() + ",\"message\":" + JsonStrings.quote(message) + "}");
	}

	private static Mono<Void> write(ServerHttpResponse response, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		response.getHeaders().setContentLength(bytes.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
	}

	// ---- helpers

	/**
	 * Answer a request once its body, if it has one that was not read, is read and
	 * dropped (up to twice {@code maxHttpBufferSize} bytes): closing a connection whose request
	 * is still arriving makes the peer's TCP stack reset it, and the reset can overtake
	 * the answer. A body that is longer, or was cut off, is not read to its end, so its
	 * connection is closed after the answer: the rest of the body would stand in front
	 * of the next request.
	 */
	private Mono<Void> afterBody(ServerWebExchange exchange, Supplier<Mono<Void>> answer) {
		ServerHttpRequest request = exchange.getRequest();
		Boolean ended = exchange.getAttribute(BODY_READ);
		if (ended != null) {
			return closeUnless(ended, exchange, answer);
		}
		HttpHeaders headers = request.getHeaders();
		long declaredLength = headers.getContentLength();
		if (declaredLength <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
			return answer.get();
		}
		long limit = 2 * this.options.maxHttpBufferSize();
		if (declaredLength > limit) {
			return closeUnless(false, exchange, answer);
		}
		return PostBody.read(request.getBody(), 0, limit, declaredLength)
			.map(PostBody::ended)
			.onErrorReturn(false)
			.flatMap((read) -> closeUnless(read, exchange, answer));
	}

	private static Mono<Void> closeUnless(boolean bodyEnded, ServerWebExchange exchange,
			Supplier<Mono<Void>> answer) {
		if (!bodyEnded) {
			exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
		}
		return answer.get();
	}

	private static boolean isWebSocketUpgrade(ServerHttpRequest request) {
		return "websocket".equalsIgnoreCase(request.getHeaders().getUpgrade());
	}

	private static HandshakeRequest snapshot(ServerHttpRequest request, @Nullable Principal principal) {
		String rawQuery = request.getURI().getRawQuery();
		String url = request.getURI().getRawPath() + ((rawQuery != null) ? "?" + rawQuery : "");
		MultiValueMap<String, String> query = CollectionUtils
			.unmodifiableMultiValueMap(new LinkedMultiValueMap<>(request.getQueryParams()));
		return new HandshakeRequest(HttpHeaders.readOnlyHttpHeaders(HttpHeaders.copyOf(request.getHeaders())), query,
				request.getRemoteAddress(), url, request.getSslInfo() != null, Instant.now(), principal);
	}

}
