package io.github.springsocketio.engine;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.NettyInbound;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.CollectionUtils;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

/**
 * An Engine.IO server: verifies requests, opens sessions over polling or WebSocket,
 * and routes later requests to their session. It is a {@link WebHandler}; mount it
 * with {@link EngineIoHandlerMapping}. Nothing it does blocks the calling thread.
 */
public final class EngineIoServer implements WebHandler {

	private static final Logger logger = LoggerFactory.getLogger(EngineIoServer.class);

	private static final String TOO_MANY_SESSIONS = "Too many sessions";

	private final EngineIoOptions options;

	private final EngineSessionHandler handler;

	private final ProtocolClock clock;

	/** How long the one late GET of a polling session its client closed gets a noop. */
	static final Duration CLIENT_CLOSE_LINGER = Duration.ofSeconds(1);

	private final Map<String, SessionCore> sessions = new ConcurrentHashMap<>();

	/** Polling sessions their client closed a moment ago: see {@link #remove}. */
	private final Map<String, SessionCore> closedByClient = new ConcurrentHashMap<>();

	/** A scheduler per event loop that requests arrived on, see {@link #handle}. */
	private final Map<EventLoop, Scheduler> loopSchedulers = new ConcurrentHashMap<>();

	private final HandshakeWebSocketService webSocketService;

	private final SessionContext sessionContext;

	private final HttpAnswers answers;

	private final PollingHandler pollingHandler;

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
		this.sessionContext = new SessionContext(options, clock, handler, this::remove);
		this.answers = new HttpAnswers(options.maxHttpBufferSize());
		this.pollingHandler = new PollingHandler(options, this.answers);
		int maxFrame = (int) options.maxHttpBufferSize();
		this.webSocketService = new HandshakeWebSocketService(new NettyUpgradeStrategy(maxFrame));
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

	PollingHandler pollingHandler() {
		return this.pollingHandler;
	}

	/**
	 * Return an open session whose transport is long-polling, for {@link DirectPolling}.
	 * @param sid the session id of a request
	 * @return the session, or {@code null} if the request is not one to serve directly
	 */
	@Nullable SessionCore pollingSession(String sid) {
		SessionCore session = this.sessions.get(sid);
		return (session != null && session.isOpen() && session.transport() == EngineTransport.POLLING
				&& this.options.transports().contains(EngineTransport.POLLING)) ? session : null;
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
		for (SessionCore session : List.copyOf(this.sessions.values())) {
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

	/**
	 * Refuse a cross-origin WebSocket upgrade (see {@link EngineIoHandlerMapping}).
	 * @param exchange the upgrade request
	 * @return the 403 answer
	 */
	Mono<Void> refuseCrossOriginUpgrade(ServerWebExchange exchange) {
		logger.debug("Cross-origin WebSocket upgrade from {} refused", exchange.getRequest().getHeaders().getOrigin());
		return this.answers.crossOriginUpgrade(exchange);
	}

	void remove(SessionCore session) {
		this.sessions.remove(session.id(), session);
		if (session.latePollExpected()) {
			// a polling client closed with a close packet while no GET of it was parked:
			// the one it sent before may be handled after the close (on another
			// connection, another thread); that one GET gets the noop a parked GET gets,
			// as on the reference's single thread, and the next the unknown session
			this.closedByClient.put(session.id(), session);
			this.clock.schedule(() -> this.closedByClient.remove(session.id(), session), CLIENT_CLOSE_LINGER);
		}
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
			return this.answers.error(exchange, EngineError.UNKNOWN_TRANSPORT, null, upgrade);
		}
		String sid = query.getFirst("sid");
		if (sid != null) {
			return handleSessionRequest(exchange, sid, transport, upgrade);
		}
		if (request.getMethod() != HttpMethod.GET) {
			return this.answers.error(exchange, EngineError.BAD_HANDSHAKE_METHOD, null, upgrade);
		}
		if (transport == EngineTransport.WEBSOCKET && !upgrade) {
			return this.answers.error(exchange, EngineError.BAD_REQUEST, null, false);
		}
		if (this.shutdown) {
			return this.answers.error(exchange, EngineError.FORBIDDEN, "Server is shutting down", upgrade);
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
					: this.answers.error(exchange, EngineError.FORBIDDEN, decision.message(), upgrade));
	}

	private Mono<Void> handleSessionRequest(ServerWebExchange exchange, String sid, EngineTransport transport,
			boolean upgrade) {
		SessionCore open = this.sessions.get(sid);
		SessionCore session = (open == null && !upgrade && exchange.getRequest().getMethod() == HttpMethod.GET)
				? this.closedByClient.remove(sid) : open;
		if (session == null) {
			return this.answers.error(exchange, EngineError.UNKNOWN_SID, null, upgrade);
		}
		if (upgrade) {
			if (transport != EngineTransport.WEBSOCKET) {
				return this.answers.error(exchange, EngineError.BAD_REQUEST, null, true);
			}
			UpgradeProbe probe = session.upgrade();
			if (probe == null || !probe.reserve()) {
				// as the reference: a WebSocket for a session that is upgraded or being
				// upgraded is accepted, then closed; the session's own transport goes on
				return this.webSocketService.handleRequest(exchange, WebSocketSession::close);
			}
			return this.webSocketService.handleRequest(exchange, (webSocketSession) -> {
				WebSocketTransport connection = new WebSocketTransport(webSocketSession, session.codec());
				connection.bind(session);
				probe.attach(connection);
				return connection.run();
			});
		}
		if (session.transport() != transport || transport != EngineTransport.POLLING) {
			return this.answers.error(exchange, EngineError.BAD_REQUEST, null, false);
		}
		PollingTransport polling = session.polling();
		HttpMethod method = exchange.getRequest().getMethod();
		if (polling != null && method == HttpMethod.GET) {
			return this.pollingHandler.poll(exchange, polling, null);
		}
		if (polling != null && method == HttpMethod.POST) {
			return this.pollingHandler.post(exchange, session, polling);
		}
		return this.answers.error(exchange, EngineError.BAD_REQUEST, null, false);
	}

	private Mono<Void> handshake(ServerWebExchange exchange, HandshakeRequest handshake, EngineTransport transport,
			boolean upgrade) {
		EngineIoCodec codec = codecFor(handshake.queryParam("EIO"));
		if (codec == null) {
			return this.answers.error(exchange, EngineError.UNSUPPORTED_PROTOCOL_VERSION, null, upgrade);
		}
		if (this.sessions.size() >= this.options.maxSessions()) {
			logger.warn("Refusing a handshake: {} sessions are open (socketio.max-sessions)", this.sessions.size());
			return this.answers.unavailable(exchange, TOO_MANY_SESSIONS);
		}
		if (transport == EngineTransport.WEBSOCKET) {
			// no cookie here: the reference's ws server writes the 101 before the session
			// exists, so its cookie option never reaches a WebSocket handshake
			return this.webSocketService.handleRequest(exchange, (webSocketSession) -> {
				WebSocketTransport connection = new WebSocketTransport(webSocketSession, codec);
				SessionCore session = register(codec, handshake, transport);
				connection.bind(session);
				session.open(connection);
				return connection.run();
			});
		}
		SessionCore session = register(codec, handshake, transport);
		session.open(null);
		HandshakeCookie cookie = this.options.cookie();
		return this.pollingHandler.poll(exchange, session.polling(),
				(cookie != null) ? cookie.headerValue(session.id()) : null);
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

	private SessionCore register(EngineIoCodec codec, HandshakeRequest handshake, EngineTransport transport) {
		while (true) {
			SessionCore session = new SessionCore(Base64Id.generate(), codec, handshake, transport, this.sessionContext);
			if (this.sessions.putIfAbsent(session.id(), session) == null) {
				logger.debug("Opened {}", session);
				return session;
			}
		}
	}

	// ---- helpers

	private static boolean isWebSocketUpgrade(ServerHttpRequest request) {
		return "websocket".equalsIgnoreCase(request.getHeaders().getUpgrade());
	}

	/**
	 * Keep what the layer above may read of the handshake request. Headers and query
	 * are read-only views of the request's own, not copies: nothing changes them once
	 * the request has arrived, and a copy doubled the heap a WebSocket connection holds
	 * (Reactor Netty keeps the upgrade request's headers for the connection's life).
	 */
	private static HandshakeRequest snapshot(ServerHttpRequest request, @Nullable Principal principal) {
		String rawQuery = request.getURI().getRawQuery();
		String url = request.getURI().getRawPath() + ((rawQuery != null) ? "?" + rawQuery : "");
		MultiValueMap<String, String> query = CollectionUtils.unmodifiableMultiValueMap(request.getQueryParams());
		return new HandshakeRequest(HttpHeaders.readOnlyHttpHeaders(request.getHeaders()), query,
				request.getRemoteAddress(), url, request.getSslInfo() != null, Instant.now(), principal);
	}

}
