package io.github.springsocketio.engine;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Settings of an {@link EngineIoServer}, with the reference server's defaults.
 * Immutable; create with {@link #builder()}.
 */
public final class EngineIoOptions {

	/** Default interval between two server pings. */
	public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(25);

	/** Default time to wait for a pong. */
	public static final Duration DEFAULT_PING_TIMEOUT = Duration.ofSeconds(20);

	/** Default time to complete an upgrade. */
	public static final Duration DEFAULT_UPGRADE_TIMEOUT = Duration.ofSeconds(10);

	/** Default maximum size of one message or polling request body, in bytes. */
	public static final long DEFAULT_MAX_HTTP_BUFFER_SIZE = 1_000_000;

	/** Default capacity of a session's outbound queue, in packets. */
	public static final int DEFAULT_MAX_OUTBOUND_PACKETS = 4096;

	/** Default maximum number of open sessions. */
	public static final int DEFAULT_MAX_SESSIONS = 50_000;

	/** Default maximum number of polling request bodies read at the same time. */
	public static final int DEFAULT_MAX_CONCURRENT_POLLING_BODIES = 256;

	private final Duration pingInterval;

	private final Duration pingTimeout;

	private final Duration upgradeTimeout;

	private final long maxHttpBufferSize;

	private final Set<EngineTransport> transports;

	private final boolean allowUpgrades;

	private final boolean allowEio3;

	private final int maxOutboundPackets;

	private final int maxSessions;

	private final int maxConcurrentPollingBodies;

	private final AllowRequest allowRequest;

	private final @Nullable HandshakeCookie cookie;

	private EngineIoOptions(Builder builder) {
		this.pingInterval = builder.pingInterval;
		this.pingTimeout = builder.pingTimeout;
		this.upgradeTimeout = builder.upgradeTimeout;
		this.maxHttpBufferSize = builder.maxHttpBufferSize;
		this.transports = Collections.unmodifiableSet(EnumSet.copyOf(builder.transports));
		this.allowUpgrades = builder.allowUpgrades;
		this.allowEio3 = builder.allowEio3;
		this.maxOutboundPackets = builder.maxOutboundPackets;
		this.maxSessions = builder.maxSessions;
		this.maxConcurrentPollingBodies = builder.maxConcurrentPollingBodies;
		this.allowRequest = builder.allowRequest;
		this.cookie = builder.cookie;
	}

	/**
	 * Start building options from the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the defaults.
	 * @return options with every default
	 */
	public static EngineIoOptions defaults() {
		return builder().build();
	}

	/**
	 * Start building options from these.
	 * @return a builder holding these settings
	 */
	public Builder mutate() {
		return new Builder().pingInterval(this.pingInterval)
			.pingTimeout(this.pingTimeout)
			.upgradeTimeout(this.upgradeTimeout)
			.maxHttpBufferSize(this.maxHttpBufferSize)
			.transports(this.transports)
			.allowUpgrades(this.allowUpgrades)
			.allowEio3(this.allowEio3)
			.maxOutboundPackets(this.maxOutboundPackets)
			.maxSessions(this.maxSessions)
			.maxConcurrentPollingBodies(this.maxConcurrentPollingBodies)
			.allowRequest(this.allowRequest)
			.cookie(this.cookie);
	}

	/** @return interval between two server pings */
	public Duration pingInterval() {
		return this.pingInterval;
	}

	/** @return time to wait for a pong before closing with "ping timeout" */
	public Duration pingTimeout() {
		return this.pingTimeout;
	}

	/** @return time to complete an upgrade before the WebSocket is dropped */
	public Duration upgradeTimeout() {
		return this.upgradeTimeout;
	}

	/** @return maximum size of a message, a WebSocket frame or a polling request body */
	public long maxHttpBufferSize() {
		return this.maxHttpBufferSize;
	}

	/** @return enabled transports */
	public Set<EngineTransport> transports() {
		return this.transports;
	}

	/** @return whether polling sessions may upgrade to WebSocket */
	public boolean allowUpgrades() {
		return this.allowUpgrades;
	}

	/** @return whether Engine.IO v3 clients (socket.io-client 2.x) are accepted */
	public boolean allowEio3() {
		return this.allowEio3;
	}

	/** @return capacity of a session's outbound queue, in packets */
	public int maxOutboundPackets() {
		return this.maxOutboundPackets;
	}

	/** @return maximum number of open sessions; further handshakes get 503 */
	public int maxSessions() {
		return this.maxSessions;
	}

	/**
	 * @return maximum number of polling request bodies read at the same time; further
	 * POSTs get 503 without being read
	 */
	public int maxConcurrentPollingBodies() {
		return this.maxConcurrentPollingBodies;
	}

	/** @return hook that may refuse a handshake */
	public AllowRequest allowRequest() {
		return this.allowRequest;
	}

	/**
	 * @return cookie set on the response to a polling handshake, for cookie-based
	 * load-balancer affinity, or {@code null} for none (the default)
	 */
	public @Nullable HandshakeCookie cookie() {
		return this.cookie;
	}

	/**
	 * Builder of {@link EngineIoOptions}.
	 */
	public static final class Builder {

		private Duration pingInterval = DEFAULT_PING_INTERVAL;

		private Duration pingTimeout = DEFAULT_PING_TIMEOUT;

		private Duration upgradeTimeout = DEFAULT_UPGRADE_TIMEOUT;

		private long maxHttpBufferSize = DEFAULT_MAX_HTTP_BUFFER_SIZE;

		private Set<EngineTransport> transports = EnumSet.allOf(EngineTransport.class);

		private boolean allowUpgrades = true;

		private boolean allowEio3;

		private int maxOutboundPackets = DEFAULT_MAX_OUTBOUND_PACKETS;

		private int maxSessions = DEFAULT_MAX_SESSIONS;

		private int maxConcurrentPollingBodies = DEFAULT_MAX_CONCURRENT_POLLING_BODIES;

		private AllowRequest allowRequest = AllowRequest.ALLOW_ALL;

		private @Nullable HandshakeCookie cookie;

		private Builder() {
		}

		/**
		 * Set the interval between two server pings.
		 * @param pingInterval a positive duration
		 * @return this builder
		 */
		public Builder pingInterval(Duration pingInterval) {
			this.pingInterval = positive(pingInterval, "pingInterval");
			return this;
		}

		/**
		 * Set the time to wait for a pong.
		 * @param pingTimeout a positive duration
		 * @return this builder
		 */
		public Builder pingTimeout(Duration pingTimeout) {
			this.pingTimeout = positive(pingTimeout, "pingTimeout");
			return this;
		}

		/**
		 * Set the time to complete an upgrade.
		 * @param upgradeTimeout a positive duration
		 * @return this builder
		 */
		public Builder upgradeTimeout(Duration upgradeTimeout) {
			this.upgradeTimeout = positive(upgradeTimeout, "upgradeTimeout");
			return this;
		}

		/**
		 * Set the maximum size of one message, WebSocket frame or polling request body.
		 * @param maxHttpBufferSize a size in bytes, at least 1 and at most
		 * {@link Integer#MAX_VALUE} - 8
		 * @return this builder
		 */
		public Builder maxHttpBufferSize(long maxHttpBufferSize) {
			Assert.isTrue(maxHttpBufferSize > 0 && maxHttpBufferSize <= Integer.MAX_VALUE - 8,
					"maxHttpBufferSize must be between 1 and Integer.MAX_VALUE - 8");
			this.maxHttpBufferSize = maxHttpBufferSize;
			return this;
		}

		/**
		 * Set the enabled transports.
		 * @param transports at least one transport
		 * @return this builder
		 */
		public Builder transports(Set<EngineTransport> transports) {
			Assert.notEmpty(transports, "at least one transport must be enabled");
			this.transports = EnumSet.copyOf(transports);
			return this;
		}

		/**
		 * Set whether polling sessions may upgrade to WebSocket.
		 * @param allowUpgrades whether upgrades are allowed
		 * @return this builder
		 */
		public Builder allowUpgrades(boolean allowUpgrades) {
			this.allowUpgrades = allowUpgrades;
			return this;
		}

		/**
		 * Set whether Engine.IO v3 clients are accepted.
		 * @param allowEio3 whether {@code EIO=3} is accepted
		 * @return this builder
		 */
		public Builder allowEio3(boolean allowEio3) {
			this.allowEio3 = allowEio3;
			return this;
		}

		/**
		 * Set the capacity of a session's outbound queue.
		 * @param maxOutboundPackets a positive number of packets
		 * @return this builder
		 */
		public Builder maxOutboundPackets(int maxOutboundPackets) {
			Assert.isTrue(maxOutboundPackets > 0, "maxOutboundPackets must be positive");
			this.maxOutboundPackets = maxOutboundPackets;
			return this;
		}

		/**
		 * Set the maximum number of open sessions.
		 * @param maxSessions a positive number
		 * @return this builder
		 */
		public Builder maxSessions(int maxSessions) {
			Assert.isTrue(maxSessions > 0, "maxSessions must be positive");
			this.maxSessions = maxSessions;
			return this;
		}

		/**
		 * Set the maximum number of polling request bodies read at the same time.
		 * @param maxConcurrentPollingBodies a positive number
		 * @return this builder
		 */
		public Builder maxConcurrentPollingBodies(int maxConcurrentPollingBodies) {
			Assert.isTrue(maxConcurrentPollingBodies > 0, "maxConcurrentPollingBodies must be positive");
			this.maxConcurrentPollingBodies = maxConcurrentPollingBodies;
			return this;
		}

		/**
		 * Set the hook that may refuse handshakes.
		 * @param allowRequest the hook
		 * @return this builder
		 */
		public Builder allowRequest(AllowRequest allowRequest) {
			this.allowRequest = Objects.requireNonNull(allowRequest, "allowRequest");
			return this;
		}

		/**
		 * Set the cookie set on the response to a polling handshake, like the
		 * reference's {@code cookie} option. Off by default.
		 * @param cookie the cookie, or {@code null} for none
		 * @return this builder
		 */
		public Builder cookie(@Nullable HandshakeCookie cookie) {
			this.cookie = cookie;
			return this;
		}

		/**
		 * Build the options.
		 * @return the immutable options
		 */
		public EngineIoOptions build() {
			return new EngineIoOptions(this);
		}

		private static Duration positive(Duration duration, String name) {
			Assert.isTrue(duration != null && !duration.isNegative() && !duration.isZero(), name + " must be positive");
			return duration;
		}

	}

}
