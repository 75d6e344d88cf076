package io.github.springsocketio.server;

import java.time.Duration;
import java.util.Objects;

import io.github.springsocketio.adapter.AdapterFactory;
import io.github.springsocketio.engine.ProtocolClock;
import io.github.springsocketio.protocol.PacketDecoder;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Socket.IO settings beyond Engine.IO's, with the reference server's defaults.
 * Immutable; create with {@link #builder()}.
 */
public final class SocketIOServerOptions {

	/** Default connect timeout. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(45);

	/** Default maximum number of binary attachments of one packet. */
	public static final int DEFAULT_MAX_ATTACHMENTS = PacketDecoder.DEFAULT_MAX_ATTACHMENTS;

	/** Default maximum number of dynamic namespaces. */
	public static final int DEFAULT_MAX_DYNAMIC_NAMESPACES = 1000;

	private static final SocketIOServerOptions DEFAULTS = builder().build();

	private final Duration connectTimeout;

	private final int maxAttachments;

	private final Parser parser;

	private final AdapterFactory adapterFactory;

	private final int maxDynamicNamespaces;

	private final boolean cleanupEmptyChildNamespaces;

	private final @Nullable ConnectionStateRecovery recovery;

	private final ProtocolClock clock;

	private SocketIOServerOptions(Builder builder) {
		this.connectTimeout = builder.connectTimeout;
		this.maxAttachments = builder.maxAttachments;
		this.parser = builder.parser;
		this.adapterFactory = builder.adapterFactory;
		this.maxDynamicNamespaces = builder.maxDynamicNamespaces;
		this.cleanupEmptyChildNamespaces = builder.cleanupEmptyChildNamespaces;
		this.recovery = builder.recovery;
		this.clock = builder.clock;
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
	 * @return options with every default: the in-memory adapter, no connection state
	 * recovery, the system clock
	 */
	public static SocketIOServerOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Start building options from these.
	 * @return a builder holding these settings
	 */
	public Builder mutate() {
		return new Builder().connectTimeout(this.connectTimeout)
			.maxAttachments(this.maxAttachments)
			.parser(this.parser)
			.adapterFactory(this.adapterFactory)
			.maxDynamicNamespaces(this.maxDynamicNamespaces)
			.cleanupEmptyChildNamespaces(this.cleanupEmptyChildNamespaces)
			.recovery(this.recovery)
			.clock(this.clock);
	}

	/** @return time a client has to connect to a namespace after the Engine.IO handshake */
	public Duration connectTimeout() {
		return this.connectTimeout;
	}

	/** @return maximum number of binary attachments of one packet */
	public int maxAttachments() {
		return this.maxAttachments;
	}

	/** @return how packets are written to and read from Engine.IO messages */
	public Parser parser() {
		return this.parser;
	}

	/** @return creates each namespace's adapter */
	public AdapterFactory adapterFactory() {
		return this.adapterFactory;
	}

	/** @return maximum number of dynamic namespaces existing at once */
	public int maxDynamicNamespaces() {
		return this.maxDynamicNamespaces;
	}

	/** @return whether a dynamic namespace is removed when its last socket leaves */
	public boolean cleanupEmptyChildNamespaces() {
		return this.cleanupEmptyChildNamespaces;
	}

	/** @return connection state recovery settings, or {@code null} when it is off */
	public @Nullable ConnectionStateRecovery recovery() {
		return this.recovery;
	}

	/**
	 * @return the timers and time of the connect timeout, acknowledgement timeouts and
	 * recovery expiry
	 */
	public ProtocolClock clock() {
		return this.clock;
	}

	@Override
	public String toString() {
		return "SocketIOServerOptions[connectTimeout=" + this.connectTimeout + ", maxAttachments="
				+ this.maxAttachments + ", parser=" + this.parser + ", adapterFactory=" + this.adapterFactory + ", maxDynamicNamespaces="
				+ this.maxDynamicNamespaces + ", cleanupEmptyChildNamespaces=" + this.cleanupEmptyChildNamespaces
				+ ", recovery=" + this.recovery + "]";
	}

	/**
	 * How packets are written to and read from Engine.IO messages: the reference
	 * server's {@code parser} option. The clients must use the same parser.
	 */
	public enum Parser {

		/**
		 * The standard parser ({@code socket.io-parser}): a text message per packet,
		 * followed by one binary message per binary value (attachments).
		 */
		DEFAULT,

		/**
		 * {@code socket.io-msgpack-parser} 3.x: one binary MessagePack message per packet,
		 * binary values inline; the client sets
		 * {@code parser: require("socket.io-msgpack-parser")}.
		 */
		MSGPACK

	}

	/**
	 * Connection state recovery, as in socket.io 4.6+: a client that reconnects within
	 * the window gets its socket id, rooms and data back and the events it missed.
	 *
	 * @param maxDisconnectionDuration how long the state of a disconnected socket is kept
	 * @param skipMiddlewares whether a recovered socket skips the connection middleware
	 */
	public record ConnectionStateRecovery(Duration maxDisconnectionDuration, boolean skipMiddlewares) {

		/** Default window of the reference: 2 minutes. */
		public static final Duration DEFAULT_MAX_DISCONNECTION_DURATION = Duration.ofMinutes(2);

		/**
		 * Validate the settings.
		 */
		public ConnectionStateRecovery {
			Assert.isTrue(maxDisconnectionDuration != null && !maxDisconnectionDuration.isNegative()
					&& !maxDisconnectionDuration.isZero(), "maxDisconnectionDuration must be positive");
		}

		/**
		 * Return the reference's defaults: a 2 minute window, middleware skipped.
		 * @return the defaults
		 */
		public static ConnectionStateRecovery defaults() {
			return new ConnectionStateRecovery(DEFAULT_MAX_DISCONNECTION_DURATION, true);
		}

	}

	/**
	 * Builder of {@link SocketIOServerOptions}.
	 */
	public static final class Builder {

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private int maxAttachments = DEFAULT_MAX_ATTACHMENTS;

		private Parser parser = Parser.DEFAULT;

		private AdapterFactory adapterFactory = AdapterFactory.IN_MEMORY;

		private int maxDynamicNamespaces = DEFAULT_MAX_DYNAMIC_NAMESPACES;

		private boolean cleanupEmptyChildNamespaces = true;

		private @Nullable ConnectionStateRecovery recovery;

		private ProtocolClock clock = ProtocolClock.system();

		private Builder() {
		}

		/**
		 * Set the time a client has to connect to a namespace after the Engine.IO
		 * handshake before its connection is closed.
		 * @param connectTimeout a positive duration
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			Assert.isTrue(connectTimeout != null && !connectTimeout.isNegative() && !connectTimeout.isZero(),
					"connectTimeout must be positive");
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * Set the maximum number of binary attachments of one packet; a packet announcing
		 * more closes the connection. Only the default parser has attachments.
		 * @param maxAttachments zero or more
		 * @return this builder
		 */
		public Builder maxAttachments(int maxAttachments) {
			Assert.isTrue(maxAttachments >= 0, "maxAttachments must not be negative");
			this.maxAttachments = maxAttachments;
			return this;
		}

		/**
		 * Set how packets are written to and read from Engine.IO messages; the clients
		 * must use the same parser. {@link Parser#DEFAULT} by default.
		 * @param parser the parser
		 * @return this builder
		 */
		public Builder parser(Parser parser) {
			this.parser = Objects.requireNonNull(parser, "parser");
			return this;
		}

		/**
		 * Set what creates each namespace's adapter. The in-memory adapter by default.
		 * @param adapterFactory the factory
		 * @return this builder
		 */
		public Builder adapterFactory(AdapterFactory adapterFactory) {
			this.adapterFactory = Objects.requireNonNull(adapterFactory, "adapterFactory");
			return this;
		}

		/**
		 * Set the maximum number of dynamic namespaces existing at once; connections to
		 * more are refused as an invalid namespace.
		 * @param maxDynamicNamespaces a positive number
		 * @return this builder
		 */
		public Builder maxDynamicNamespaces(int maxDynamicNamespaces) {
			Assert.isTrue(maxDynamicNamespaces > 0, "maxDynamicNamespaces must be positive");
			this.maxDynamicNamespaces = maxDynamicNamespaces;
			return this;
		}

		/**
		 * Set whether a dynamic namespace is removed when its last socket leaves. On by
		 * default.
		 * @param cleanupEmptyChildNamespaces whether empty dynamic namespaces are removed
		 * @return this builder
		 */
		public Builder cleanupEmptyChildNamespaces(boolean cleanupEmptyChildNamespaces) {
			this.cleanupEmptyChildNamespaces = cleanupEmptyChildNamespaces;
			return this;
		}

		/**
		 * Set the connection state recovery settings. Off by default.
		 * @param recovery the settings, or {@code null} to turn recovery off
		 * @return this builder
		 */
		public Builder recovery(@Nullable ConnectionStateRecovery recovery) {
			this.recovery = recovery;
			return this;
		}

		/**
		 * Set the clock that times the connect timeout, acknowledgement timeouts and
		 * recovery expiry; the Engine.IO server it is mounted on should share it. The
		 * system clock by default.
		 * @param clock the clock, e.g. {@code ProtocolClock.of(virtualTimeScheduler)} in
		 * tests
		 * @return this builder
		 */
		public Builder clock(ProtocolClock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * Build the options.
		 * @return the immutable options
		 */
		public SocketIOServerOptions build() {
			return new SocketIOServerOptions(this);
		}

	}

}
