package io.github.springsocketio.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.github.springsocketio.annotation.ControllerExecutor;
import io.github.springsocketio.engine.EngineTransport;
import io.github.springsocketio.engine.HandshakeCookie;
import io.github.springsocketio.server.SocketIOServerOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.web.cors.CorsConfiguration;

/**
 * Configuration properties of the Socket.IO server, under {@code socketio}. Names and
 * defaults follow the options of the Node.js reference server. They only bind and
 * document the settings: {@link SocketIOAutoConfiguration} maps them to the Engine.IO
 * and Socket.IO options.
 */
@ConfigurationProperties("socketio")
public class SocketIOProperties {

	/**
	 * Whether to enable the Socket.IO server.
	 */
	private boolean enabled = true;

	/**
	 * Path the server is mounted at, on the application's own port.
	 */
	private String path = "/socket.io/";

	/**
	 * Interval between two heartbeat pings sent by the server.
	 */
	private Duration pingInterval = Duration.ofSeconds(25);

	/**
	 * Time to wait for the client's pong before the connection is closed with "ping
	 * timeout".
	 */
	private Duration pingTimeout = Duration.ofSeconds(20);

	/**
	 * Time a client has to connect to a namespace after the Engine.IO handshake before
	 * its connection is closed.
	 */
	private Duration connectTimeout = Duration.ofSeconds(45);

	/**
	 * Maximum number of binary attachments in one packet; a packet announcing more
	 * closes the connection.
	 */
	private int maxAttachments = 10;

	/**
	 * Packet parser, which the clients must use too: 'default' (socket.io-parser: text
	 * packets, binary values as attachments) or 'msgpack' (socket.io-msgpack-parser 3.x:
	 * one MessagePack binary message per packet).
	 */
	private SocketIOServerOptions.Parser parser = SocketIOServerOptions.Parser.DEFAULT;

	/**
	 * Time a client has to complete an upgrade from polling to WebSocket.
	 */
	private Duration upgradeTimeout = Duration.ofSeconds(10);

	/**
	 * Maximum size of one message, WebSocket frame or polling request body; announced
	 * to clients as the handshake's maxPayload.
	 */
	private DataSize maxHttpBufferSize = DataSize.ofBytes(1_000_000);

	/**
	 * Maximum number of packets waiting to be sent to one client; a client that lets
	 * more pile up is disconnected.
	 */
	private int maxOutboundPackets = 4096;

	/**
	 * Maximum number of open Engine.IO sessions; further handshakes are answered 503.
	 */
	private int maxSessions = 50_000;

	/**
	 * Maximum number of polling request bodies read at the same time; further POSTs are
	 * answered 503 without being read.
	 */
	private int maxConcurrentPollingBodies = 256;

	/**
	 * Maximum number of dynamic namespaces that may exist at once; connections to more
	 * are refused as an invalid namespace.
	 */
	private int maxDynamicNamespaces = 1000;

	/**
	 * Whether a dynamic namespace is removed when its last socket leaves.
	 */
	private boolean cleanupEmptyChildNamespaces = true;

	/**
	 * Transports that clients may use.
	 */
	private List<EngineTransport> transports = new ArrayList<>(List.of(EngineTransport.POLLING,
			EngineTransport.WEBSOCKET));

	/**
	 * Whether clients connected over polling may upgrade to WebSocket.
	 */
	private boolean allowUpgrades = true;

	/**
	 * Whether to accept Engine.IO v3 clients (socket.io-client 2.x).
	 */
	private boolean allowEio3;

	/**
	 * Whether to serve the official client bundle (socket.io.js, socket.io.min.js,
	 * socket.io.esm.min.js and their source maps) under the path, from a
	 * socket.io-client WebJar on the classpath.
	 */
	private boolean serveClient = true;

	/**
	 * Whether the Engine.IO endpoint's HTTP requests (long-polling GETs and POSTs,
	 * handshakes, WebSocket upgrades) are observed as 'http.server.requests' like the
	 * application's own. Off by default: a long-poll lasts up to the ping interval, and
	 * the 'socketio.*' meters count this traffic.
	 */
	private boolean observeHttpRequests;

	/**
	 * Whether the long-polling requests of open sessions (a GET or POST with the sid of a
	 * polling session) are served on the connection's Netty channel, ahead of WebFlux and
	 * its filters. The handshake, WebSocket upgrades and CORS preflights always go
	 * through WebFlux; a session's later requests are bound to it by its sid, as its
	 * WebSocket frames are. Not applied when 'socketio.observe-http-requests' is set.
	 */
	private boolean directPolling = true;

	/**
	 * Cross-origin resource sharing for the server's HTTP requests.
	 */
	private final Cors cors = new Cors();

	/**
	 * Cookie-based load-balancer affinity: a cookie naming the session, set on the
	 * response to a polling handshake.
	 */
	private final Cookie cookie = new Cookie();

	/**
	 * Connection state recovery: a client that reconnects soon enough gets its socket
	 * back with the events it missed.
	 */
	private final ConnectionStateRecovery connectionStateRecovery = new ConnectionStateRecovery();

	/**
	 * Annotated controllers.
	 */
	private final Controllers controllers = new Controllers();

	/**
	 * Where rooms and broadcasts live: this node's memory, or Redis for a cluster.
	 */
	private final Adapter adapter = new Adapter();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public Duration getPingInterval() {
		return this.pingInterval;
	}

	public void setPingInterval(Duration pingInterval) {
		this.pingInterval = pingInterval;
	}

	public Duration getPingTimeout() {
		return this.pingTimeout;
	}

	public void setPingTimeout(Duration pingTimeout) {
		this.pingTimeout = pingTimeout;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public int getMaxAttachments() {
		return this.maxAttachments;
	}

	public void setMaxAttachments(int maxAttachments) {
		this.maxAttachments = maxAttachments;
	}

	public SocketIOServerOptions.Parser getParser() {
		return this.parser;
	}

	public void setParser(SocketIOServerOptions.Parser parser) {
		this.parser = parser;
	}

	public Duration getUpgradeTimeout() {
		return this.upgradeTimeout;
	}

	public void setUpgradeTimeout(Duration upgradeTimeout) {
		this.upgradeTimeout = upgradeTimeout;
	}

	public DataSize getMaxHttpBufferSize() {
		return this.maxHttpBufferSize;
	}

	public void setMaxHttpBufferSize(DataSize maxHttpBufferSize) {
		this.maxHttpBufferSize = maxHttpBufferSize;
	}

	public int getMaxOutboundPackets() {
		return this.maxOutboundPackets;
	}

	public void setMaxOutboundPackets(int maxOutboundPackets) {
		this.maxOutboundPackets = maxOutboundPackets;
	}

	public int getMaxSessions() {
		return this.maxSessions;
	}

	public void setMaxSessions(int maxSessions) {
		this.maxSessions = maxSessions;
	}

	public int getMaxConcurrentPollingBodies() {
		return this.maxConcurrentPollingBodies;
	}

	public void setMaxConcurrentPollingBodies(int maxConcurrentPollingBodies) {
		this.maxConcurrentPollingBodies = maxConcurrentPollingBodies;
	}

	public int getMaxDynamicNamespaces() {
		return this.maxDynamicNamespaces;
	}

	public void setMaxDynamicNamespaces(int maxDynamicNamespaces) {
		this.maxDynamicNamespaces = maxDynamicNamespaces;
	}

	public boolean isCleanupEmptyChildNamespaces() {
		return this.cleanupEmptyChildNamespaces;
	}

	public void setCleanupEmptyChildNamespaces(boolean cleanupEmptyChildNamespaces) {
		this.cleanupEmptyChildNamespaces = cleanupEmptyChildNamespaces;
	}

	public List<EngineTransport> getTransports() {
		return this.transports;
	}

	public void setTransports(List<EngineTransport> transports) {
		this.transports = transports;
	}

	public boolean isAllowUpgrades() {
		return this.allowUpgrades;
	}

	public void setAllowUpgrades(boolean allowUpgrades) {
		this.allowUpgrades = allowUpgrades;
	}

	public boolean isAllowEio3() {
		return this.allowEio3;
	}

	public void setAllowEio3(boolean allowEio3) {
		this.allowEio3 = allowEio3;
	}

	public boolean isServeClient() {
		return this.serveClient;
	}

	public void setServeClient(boolean serveClient) {
		this.serveClient = serveClient;
	}

	public boolean isObserveHttpRequests() {
		return this.observeHttpRequests;
	}

	public void setObserveHttpRequests(boolean observeHttpRequests) {
		this.observeHttpRequests = observeHttpRequests;
	}

	public boolean isDirectPolling() {
		return this.directPolling;
	}

	public void setDirectPolling(boolean directPolling) {
		this.directPolling = directPolling;
	}

	public Cors getCors() {
		return this.cors;
	}

	public Cookie getCookie() {
		return this.cookie;
	}

	public ConnectionStateRecovery getConnectionStateRecovery() {
		return this.connectionStateRecovery;
	}

	/**
	 * Connection state recovery settings (socket.io 4.6+).
	 */
	public static class ConnectionStateRecovery {

		/**
		 * Whether to keep the state of disconnected sockets and the packets sent to them,
		 * so that clients reconnecting within max-disconnection-duration recover them.
		 */
		private boolean enabled;

		/**
		 * How long the state of a disconnected socket and the packets it may have missed
		 * are kept.
		 */
		private Duration maxDisconnectionDuration = Duration.ofMinutes(2);

		/**
		 * Whether a recovered socket skips the connection middleware.
		 */
		private boolean skipMiddlewares = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getMaxDisconnectionDuration() {
			return this.maxDisconnectionDuration;
		}

		public void setMaxDisconnectionDuration(Duration maxDisconnectionDuration) {
			this.maxDisconnectionDuration = maxDisconnectionDuration;
		}

		public boolean isSkipMiddlewares() {
			return this.skipMiddlewares;
		}

		public void setSkipMiddlewares(boolean skipMiddlewares) {
			this.skipMiddlewares = skipMiddlewares;
		}

	}

	public Controllers getControllers() {
		return this.controllers;
	}

	public Adapter getAdapter() {
		return this.adapter;
	}

	/**
	 * The adapter: rooms and broadcasts of one node, or of a cluster through Redis.
	 */
	public static class Adapter {

		/**
		 * Which adapter keeps rooms and delivers broadcasts: "memory" (this node only),
		 * "redis" (every node on the same Redis through Pub/Sub, Node.js nodes with
		 * \@socket.io/redis-adapter included) or "redis-streams" (through Redis Streams,
		 * Node.js nodes with \@socket.io/redis-streams-adapter included; connection state
		 * recovery then works across nodes), through the application's Redis connection
		 * (spring.data.redis.*).
		 */
		private Type type = Type.MEMORY;

		/**
		 * Redis adapter settings; request-timeout, max-pending-publishes,
		 * max-pending-publish-bytes and max-reconnect-delay apply to the Redis Streams
		 * adapter too.
		 */
		private final Redis redis = new Redis();

		/**
		 * Redis Streams adapter settings.
		 */
		private final RedisStreams redisStreams = new RedisStreams();

		public Type getType() {
			return this.type;
		}

		public void setType(Type type) {
			this.type = type;
		}

		public Redis getRedis() {
			return this.redis;
		}

		public RedisStreams getRedisStreams() {
			return this.redisStreams;
		}

		/**
		 * The adapters.
		 */
		public enum Type {

			/** Rooms in this node's memory. */
			MEMORY,

			/** Rooms and broadcasts across nodes through Redis pub/sub. */
			REDIS,

			/** Rooms, broadcasts and recoverable sessions across nodes through Redis Streams. */
			REDIS_STREAMS

		}

		/**
		 * Settings of the Redis adapter, named as the Node adapter's options.
		 */
		public static class Redis {

			/**
			 * Prefix of every Redis channel; must be the same on every node of a cluster
			 * (the Node adapter's "key").
			 */
			private String key = "socket.io";

			/**
			 * How long fetchSockets, serverSideEmitWithAck and broadcasts with
			 * acknowledgements but no timeout of their own wait for the other nodes (the
			 * Node adapter's "requestsTimeout").
			 */
			private Duration requestTimeout = Duration.ofSeconds(5);

			/**
			 * How many publishes may wait for Redis at once; more are dropped and counted as
			 * failures, so a slow or lost Redis never makes the node buffer without bound.
			 */
			private int maxPendingPublishes = 10_000;

			/**
			 * How many bytes of messages may wait for Redis at once; more are dropped and
			 * counted as failures.
			 */
			private DataSize maxPendingPublishBytes = DataSize.ofMegabytes(64);

			/**
			 * Longest wait between two attempts to reconnect to Redis (the Lettuce client's
			 * reconnect delay grows up to it), so that cross-node delivery resumes soon
			 * after Redis comes back. Applies to the application's Lettuce client
			 * resources.
			 */
			private Duration maxReconnectDelay = Duration.ofSeconds(2);

			public String getKey() {
				return this.key;
			}

			public void setKey(String key) {
				this.key = key;
			}

			public Duration getRequestTimeout() {
				return this.requestTimeout;
			}

			public void setRequestTimeout(Duration requestTimeout) {
				this.requestTimeout = requestTimeout;
			}

			public int getMaxPendingPublishes() {
				return this.maxPendingPublishes;
			}

			public void setMaxPendingPublishes(int maxPendingPublishes) {
				this.maxPendingPublishes = maxPendingPublishes;
			}

			public DataSize getMaxPendingPublishBytes() {
				return this.maxPendingPublishBytes;
			}

			public void setMaxPendingPublishBytes(DataSize maxPendingPublishBytes) {
				this.maxPendingPublishBytes = maxPendingPublishBytes;
			}

			public Duration getMaxReconnectDelay() {
				return this.maxReconnectDelay;
			}

			public void setMaxReconnectDelay(Duration maxReconnectDelay) {
				this.maxReconnectDelay = maxReconnectDelay;
			}

		}


		/**
		 * Settings of the Redis Streams adapter, named as the Node.js
		 * \@socket.io/redis-streams-adapter's options; every node of a cluster must use the
		 * same.
		 */
		public static class RedisStreams {

			/**
			 * Name of the Redis stream, or prefix of the streams' names when there are
			 * several (the Node adapter's "streamName").
			 */
			private String streamName = "socket.io";

			/**
			 * Number of streams the namespaces are spread over by a hash of their name (the
			 * Node adapter's "streamCount").
			 */
			private int streamCount = 1;

			/**
			 * Prefix of the Pub/Sub channels of requests and responses (the Node adapter's
			 * "channelPrefix").
			 */
			private String channelPrefix = "socket.io";

			/**
			 * Length a stream is trimmed to, approximately; the older entries cannot be
			 * replayed to recovering clients (the Node adapter's "maxLen").
			 */
			private long maxLen = 10_000;

			/**
			 * Most entries one XREAD returns (the Node adapter's "readCount").
			 */
			private int readCount = 100;

			/**
			 * How long one XREAD blocks waiting for entries (the Node adapter's
			 * "blockTimeInMs").
			 */
			private Duration blockTime = Duration.ofSeconds(5);

			/**
			 * Prefix of the Redis keys of sessions kept for connection state recovery (the
			 * Node adapter's "sessionKeyPrefix").
			 */
			private String sessionKeyPrefix = "sio:session:";

			/**
			 * Whether messages never carry binary, so are written as JSON without looking
			 * for binary first (the Node adapter's "onlyPlaintext").
			 */
			private boolean onlyPlaintext;

			/**
			 * How often the sessions of connected sockets are stored in Redis, so that a
			 * client can recover on another node even when its node dies without a clean
			 * disconnect (one SET per socket per interval); 0 stores a session only when
			 * its connection drops, as the Node adapter does.
			 */
			private Duration sessionRefreshInterval = Duration.ofSeconds(5);

			public String getStreamName() {
				return this.streamName;
			}

			public void setStreamName(String streamName) {
				this.streamName = streamName;
			}

			public int getStreamCount() {
				return this.streamCount;
			}

			public void setStreamCount(int streamCount) {
				this.streamCount = streamCount;
			}

			public String getChannelPrefix() {
				return this.channelPrefix;
			}

			public void setChannelPrefix(String channelPrefix) {
				this.channelPrefix = channelPrefix;
			}

			public long getMaxLen() {
				return this.maxLen;
			}

			public void setMaxLen(long maxLen) {
				this.maxLen = maxLen;
			}

			public int getReadCount() {
				return this.readCount;
			}

			public void setReadCount(int readCount) {
				this.readCount = readCount;
			}

			public Duration getBlockTime() {
				return this.blockTime;
			}

			public void setBlockTime(Duration blockTime) {
				this.blockTime = blockTime;
			}

			public String getSessionKeyPrefix() {
				return this.sessionKeyPrefix;
			}

			public void setSessionKeyPrefix(String sessionKeyPrefix) {
				this.sessionKeyPrefix = sessionKeyPrefix;
			}

			public boolean isOnlyPlaintext() {
				return this.onlyPlaintext;
			}

			public void setOnlyPlaintext(boolean onlyPlaintext) {
				this.onlyPlaintext = onlyPlaintext;
			}

			public Duration getSessionRefreshInterval() {
				return this.sessionRefreshInterval;
			}

			public void setSessionRefreshInterval(Duration sessionRefreshInterval) {
				this.sessionRefreshInterval = sessionRefreshInterval;
			}

		}

	}

	/**
	 * CORS settings. Nothing is allowed until origins or origin patterns are set.
	 */
	public static class Cors {

		/**
		 * Origins allowed to make cross-origin requests, e.g. https://example.com, or *
		 * for any.
		 */
		private List<String> allowedOrigins = new ArrayList<>();

		/**
		 * Origin patterns allowed to make cross-origin requests, e.g.
		 * https://*.example.com; unlike allowed-origins they may be combined with
		 * credentials.
		 */
		private List<String> allowedOriginPatterns = new ArrayList<>();

		/**
		 * HTTP methods allowed in cross-origin requests.
		 */
		private List<String> allowedMethods = new ArrayList<>(List.of("GET", "POST"));

		/**
		 * Request headers allowed in cross-origin requests; * for any.
		 */
		private List<String> allowedHeaders = new ArrayList<>(List.of("*"));

		/**
		 * Response headers exposed to cross-origin callers.
		 */
		private List<String> exposedHeaders = new ArrayList<>();

		/**
		 * Whether cross-origin requests may carry credentials (cookies).
		 */
		private @Nullable Boolean allowCredentials;

		/**
		 * How long browsers may cache a preflight response.
		 */
		private Duration maxAge = Duration.ofMinutes(30);

		public List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

		public List<String> getAllowedOriginPatterns() {
			return this.allowedOriginPatterns;
		}

		public void setAllowedOriginPatterns(List<String> allowedOriginPatterns) {
			this.allowedOriginPatterns = allowedOriginPatterns;
		}

		public List<String> getAllowedMethods() {
			return this.allowedMethods;
		}

		public void setAllowedMethods(List<String> allowedMethods) {
			this.allowedMethods = allowedMethods;
		}

		public List<String> getAllowedHeaders() {
			return this.allowedHeaders;
		}

		public void setAllowedHeaders(List<String> allowedHeaders) {
			this.allowedHeaders = allowedHeaders;
		}

		public List<String> getExposedHeaders() {
			return this.exposedHeaders;
		}

		public void setExposedHeaders(List<String> exposedHeaders) {
			this.exposedHeaders = exposedHeaders;
		}

		public @Nullable Boolean getAllowCredentials() {
			return this.allowCredentials;
		}

		public void setAllowCredentials(@Nullable Boolean allowCredentials) {
			this.allowCredentials = allowCredentials;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

		/**
		 * Build the CORS configuration these settings describe.
		 * @return the configuration, or {@code null} when no origin is allowed
		 */
		public @Nullable CorsConfiguration toCorsConfiguration() {
			if (this.allowedOrigins.isEmpty() && this.allowedOriginPatterns.isEmpty()) {
				return null;
			}
			CorsConfiguration configuration = new CorsConfiguration();
			configuration.setAllowedOrigins(List.copyOf(this.allowedOrigins));
			configuration.setAllowedOriginPatterns(List.copyOf(this.allowedOriginPatterns));
			configuration.setAllowedMethods(List.copyOf(this.allowedMethods));
			configuration.setAllowedHeaders(List.copyOf(this.allowedHeaders));
			configuration.setExposedHeaders(List.copyOf(this.exposedHeaders));
			configuration.setAllowCredentials(this.allowCredentials);
			configuration.setMaxAge(this.maxAge);
			return configuration;
		}

	}

	/**
	 * Settings of the handshake cookie (the reference's cookie option), for load
	 * balancers that keep a client on one node by cookie (sticky sessions).
	 */
	public static class Cookie {

		/**
		 * Whether to set a cookie holding the session id on the response to a polling
		 * handshake.
		 */
		private boolean enabled;

		/**
		 * Name of the cookie.
		 */
		private String name = "io";

		/**
		 * Path attribute of the cookie; empty for none.
		 */
		private String path = "/";

		/**
		 * Whether the cookie is HttpOnly (hidden from scripts).
		 */
		private boolean httpOnly = true;

		/**
		 * SameSite attribute of the cookie: lax, strict, none, or omitted for none.
		 */
		private HandshakeCookie.SameSite sameSite = HandshakeCookie.SameSite.LAX;

		/**
		 * Whether the cookie is Secure (sent over HTTPS only).
		 */
		private boolean secure;

		/**
		 * Max-Age attribute of the cookie, in whole seconds (the default unit); unset for
		 * a cookie that ends with the browser session.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration maxAge;

		/**
		 * Domain attribute of the cookie; unset for none (the cookie goes back to the
		 * host that set it only).
		 */
		private @Nullable String domain;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public boolean isHttpOnly() {
			return this.httpOnly;
		}

		public void setHttpOnly(boolean httpOnly) {
			this.httpOnly = httpOnly;
		}

		public HandshakeCookie.SameSite getSameSite() {
			return this.sameSite;
		}

		public void setSameSite(HandshakeCookie.SameSite sameSite) {
			this.sameSite = sameSite;
		}

		public boolean isSecure() {
			return this.secure;
		}

		public void setSecure(boolean secure) {
			this.secure = secure;
		}

		public @Nullable Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(@Nullable Duration maxAge) {
			this.maxAge = maxAge;
		}

		public @Nullable String getDomain() {
			return this.domain;
		}

		public void setDomain(@Nullable String domain) {
			this.domain = domain;
		}

	}

	/**
	 * Settings of annotated controllers.
	 */
	public static class Controllers {

		/**
		 * Where handler methods that do not return a reactive type run: auto (as WebFlux
		 * controller methods: the connection's event loop, or Boot's virtual-thread task
		 * executor when spring.threads.virtual.enabled=true), virtual, bounded-elastic
		 * (Reactor's scheduler) or inline (the event loop). An Executor bean named
		 * socketIOControllerExecutor takes precedence.
		 */
		private ControllerExecutor executor = ControllerExecutor.AUTO;

		/**
		 * How long a plain handler method may run on the event loop before a warning
		 * names it (once per method); 0 for none.
		 */
		private Duration inlineWarningThreshold = Duration.ofMillis(100);

		public Duration getInlineWarningThreshold() {
			return this.inlineWarningThreshold;
		}

		public void setInlineWarningThreshold(Duration inlineWarningThreshold) {
			this.inlineWarningThreshold = inlineWarningThreshold;
		}

		public ControllerExecutor getExecutor() {
			return this.executor;
		}

		public void setExecutor(ControllerExecutor executor) {
			this.executor = executor;
		}

	}

}
