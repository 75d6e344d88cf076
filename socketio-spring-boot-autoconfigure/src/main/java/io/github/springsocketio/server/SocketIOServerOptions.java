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
 *
 * @param connectTimeout time a client has to connect to a namespace after the
 * Engine.IO handshake
 * @param maxAttachments maximum number of binary attachments of one packet
 * @param adapterFactory creates each namespace's adapter
 * @param maxDynamicNamespaces maximum number of dynamic namespaces existing at once
 * @param cleanupEmptyChildNamespaces whether a dynamic namespace is removed when its last
 * socket leaves
 * @param recovery connection state recovery settings, or {@code null} when it is off
 * @param clock the timers and time of the connect timeout, acknowledgement timeouts and
 * recovery expiry
 */
public record SocketIOServerOptions(Duration connectTimeout, int maxAttachments, AdapterFactory adapterFactory,
		int maxDynamicNamespaces, boolean cleanupEmptyChildNamespaces, @Nullable ConnectionStateRecovery recovery,
		ProtocolClock clock) {

	/** Default maximum number of dynamic namespaces. */
	public static final int DEFAULT_MAX_DYNAMIC_NAMESPACES = 1000;

	/** Default connect timeout. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(45);

	/**
	 * Validate the settings.
	 */
	public SocketIOServerOptions {
		Assert.isTrue(!connectTimeout.isNegative() && !connectTimeout.isZero(), "connectTimeout must be positive");
		Assert.isTrue(maxAttachments >= 0, "maxAttachments must not be negative");
		Objects.requireNonNull(adapterFactory, "adapterFactory");
		Assert.isTrue(maxDynamicNamespaces > 0, "maxDynamicNamespaces must be positive");
		Objects.requireNonNull(clock, "clock");
	}

	/**
	 * Create options on the system clock.
	 * @param connectTimeout time a client has to connect to a namespace
	 * @param maxAttachments maximum number of binary attachments of one packet
	 * @param adapterFactory creates each namespace's adapter
	 * @param maxDynamicNamespaces maximum number of dynamic namespaces existing at once
	 * @param cleanupEmptyChildNamespaces whether a dynamic namespace is removed when its
	 * last socket leaves
	 * @param recovery connection state recovery settings, or {@code null} when it is off
	 */
	public SocketIOServerOptions(Duration connectTimeout, int maxAttachments, AdapterFactory adapterFactory,
			int maxDynamicNamespaces, boolean cleanupEmptyChildNamespaces, @Nullable ConnectionStateRecovery recovery) {
		this(connectTimeout, maxAttachments, adapterFactory, maxDynamicNamespaces, cleanupEmptyChildNamespaces,
				recovery, ProtocolClock.system());
	}

	/**
	 * Create options with the default namespace limits.
	 * @param connectTimeout time a client has to connect to a namespace
	 * @param maxAttachments maximum number of binary attachments of one packet
	 * @param adapterFactory creates each namespace's adapter
	 */
	public SocketIOServerOptions(Duration connectTimeout, int maxAttachments, AdapterFactory adapterFactory) {
		this(connectTimeout, maxAttachments, adapterFactory, DEFAULT_MAX_DYNAMIC_NAMESPACES, true, null);
	}

	/**
	 * Return these options with another clock.
	 * @param clock the timers and time of protocol timing
	 * @return new options
	 */
	public SocketIOServerOptions withClock(ProtocolClock clock) {
		return new SocketIOServerOptions(this.connectTimeout, this.maxAttachments, this.adapterFactory,
				this.maxDynamicNamespaces, this.cleanupEmptyChildNamespaces, this.recovery, clock);
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
			Assert.isTrue(!maxDisconnectionDuration.isNegative() && !maxDisconnectionDuration.isZero(),
					"maxDisconnectionDuration must be positive");
		}

	}

	/**
	 * Return the defaults.
	 * @return default settings with the in-memory adapter
	 */
	public static SocketIOServerOptions defaults() {
		return new SocketIOServerOptions(DEFAULT_CONNECT_TIMEOUT, PacketDecoder.DEFAULT_MAX_ATTACHMENTS,
				AdapterFactory.IN_MEMORY);
	}

}
