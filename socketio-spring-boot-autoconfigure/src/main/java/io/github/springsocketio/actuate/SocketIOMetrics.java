package io.github.springsocketio.actuate;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.engine.EngineTransport;
import io.github.springsocketio.protocol.PacketType;
import io.github.springsocketio.server.DisconnectReason;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.Socket;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.server.SocketIOServerListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.util.Assert;

/**
 * Micrometer meters of a {@link SocketIOServer}:
 * <ul>
 * <li>{@code socketio.clients} (gauge, tag {@code transport}): connected clients by
 * the transport they use now;</li>
 * <li>{@code socketio.sockets} (gauge, tag {@code namespace}): connected sockets;</li>
 * <li>{@code socketio.connects} (counter, tag {@code namespace}) and
 * {@code socketio.disconnects} (counter, tags {@code namespace}, {@code reason}, the
 * reference's reason names such as {@code transport close});</li>
 * <li>{@code socketio.packets} (counter, tags {@code direction} {@code in}/{@code out},
 * {@code type} such as {@code event}) and {@code socketio.bytes} (counter, tag
 * {@code direction}): Socket.IO packets and their data bytes, without Engine.IO
 * framing and heartbeats; a broadcast counts once per recipient;</li>
 * <li>{@code socketio.ack.duration} (timer, tag {@code namespace}): round trips of
 * acknowledgements the server asked clients for;</li>
 * <li>{@code socketio.handler.errors} (counter, tags {@code namespace}, {@code event},
 * {@code exception}): event listeners that threw or failed.</li>
 * </ul>
 * The first {@code maxNamespaceTags} namespaces seen get their own {@code namespace}
 * tag value (their name); later ones, typically dynamic namespaces, share
 * {@value #OTHER_NAMESPACES}, so the number of time series stays bounded.
 */
public final class SocketIOMetrics implements MeterBinder {

	/** Default number of namespaces tagged by name. */
	public static final int DEFAULT_MAX_NAMESPACE_TAGS = 100;

	/** Tag value shared by the namespaces beyond the limit. */
	public static final String OTHER_NAMESPACES = "_other";

	private final SocketIOServer server;

	private final int maxNamespaceTags;

	/**
	 * Create the binder with {@value #DEFAULT_MAX_NAMESPACE_TAGS} namespace tags at most.
	 * @param server the server to observe
	 */
	public SocketIOMetrics(SocketIOServer server) {
		this(server, DEFAULT_MAX_NAMESPACE_TAGS);
	}

	/**
	 * Create the binder.
	 * @param server the server to observe
	 * @param maxNamespaceTags how many namespaces are tagged by name
	 */
	public SocketIOMetrics(SocketIOServer server, int maxNamespaceTags) {
		Assert.isTrue(maxNamespaceTags >= 0, "maxNamespaceTags must not be negative");
		this.server = server;
		this.maxNamespaceTags = maxNamespaceTags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.server.addListener(new Recorder(registry));
	}

	/**
	 * Records the server's events in one registry.
	 */
	private final class Recorder implements SocketIOServerListener {

		private static final PacketType[] TYPES = PacketType.values();

		private final MeterRegistry registry;

		private final Counter[] packetsIn = new Counter[TYPES.length];

		private final Counter[] packetsOut = new Counter[TYPES.length];

		private final Counter bytesIn;

		private final Counter bytesOut;

		/** Namespace names tagged by name. */
		private final Set<String> tagged = ConcurrentHashMap.newKeySet();

		private volatile boolean otherRegistered;

		private final Map<String, Counter> connects = new ConcurrentHashMap<>();

		private final Map<String, Counter[]> disconnects = new ConcurrentHashMap<>();

		private final Map<String, Timer> ackTimers = new ConcurrentHashMap<>();

		private final Map<String, Counter> errors = new ConcurrentHashMap<>();

		Recorder(MeterRegistry registry) {
			this.registry = registry;
			SocketIOServer server = SocketIOMetrics.this.server;
			for (EngineTransport transport : EngineTransport.values()) {
				Gauge.builder("socketio.clients", server, (s) -> s.clientCount(transport))
					.description("Connected Socket.IO clients (Engine.IO connections) by current transport")
					.tag("transport", transport.queryValue())
					.register(registry);
			}
			for (PacketType type : TYPES) {
				this.packetsIn[type.ordinal()] = packets("in", type);
				this.packetsOut[type.ordinal()] = packets("out", type);
			}
			this.bytesIn = bytes("in");
			this.bytesOut = bytes("out");
			for (Namespace namespace : server.namespaces()) {
				tagOf(namespace);
			}
		}

		private Counter packets(String direction, PacketType type) {
			return Counter.builder("socketio.packets")
				.description("Socket.IO packets received (in) and queued for clients (out)")
				.tag("direction", direction)
				.tag("type", type.name().toLowerCase(Locale.ROOT))
				.register(this.registry);
		}

		private Counter bytes(String direction) {
			return Counter.builder("socketio.bytes")
				.description("Data bytes of Socket.IO packets received (in) and queued for clients (out)")
				.baseUnit("bytes")
				.tag("direction", direction)
				.register(this.registry);
		}

		/**
		 * Return the tag value of a namespace, registering its sockets gauge on first
		 * sight.
		 */
		private String tagOf(Namespace namespace) {
			String name = namespace.name();
			if (this.tagged.contains(name)) {
				return name;
			}
			if (this.otherRegistered && this.tagged.size() >= SocketIOMetrics.this.maxNamespaceTags) {
				return OTHER_NAMESPACES;
			}
			synchronized (this) {
				if (this.tagged.contains(name)) {
					return name;
				}
				if (this.tagged.size() < SocketIOMetrics.this.maxNamespaceTags) {
					Gauge.builder("socketio.sockets", namespace, (ns) -> ns.sockets().size())
						.description("Connected Socket.IO sockets by namespace")
						.tag("namespace", name)
						.register(this.registry);
					this.tagged.add(name);
					return name;
				}
				if (!this.otherRegistered) {
					Gauge.builder("socketio.sockets", SocketIOMetrics.this.server, this::otherSockets)
						.description("Connected Socket.IO sockets by namespace")
						.tag("namespace", OTHER_NAMESPACES)
						.register(this.registry);
					this.otherRegistered = true;
				}
				return OTHER_NAMESPACES;
			}
		}

		private double otherSockets(SocketIOServer server) {
			int count = 0;
			for (Namespace namespace : server.namespaces()) {
				if (!this.tagged.contains(namespace.name())) {
					count += namespace.sockets().size();
				}
			}
			return count;
		}

		@Override
		public void onSocketConnected(Socket socket) {
			String tag = tagOf(socket.namespace());
			this.connects.computeIfAbsent(tag, (key) -> Counter.builder("socketio.connects")
				.description("Sockets connected to a namespace")
				.tag("namespace", key)
				.register(this.registry)).increment();
		}

		@Override
		public void onSocketDisconnected(Socket socket, DisconnectReason reason) {
			String tag = tagOf(socket.namespace());
			Counter[] byReason = this.disconnects.computeIfAbsent(tag,
					(key) -> new Counter[DisconnectReason.values().length]);
			Counter counter = byReason[reason.ordinal()];
			if (counter == null) {
				counter = Counter.builder("socketio.disconnects")
					.description("Sockets disconnected from a namespace, by reason")
					.tag("namespace", tag)
					.tag("reason", reason.description())
					.register(this.registry);
				byReason[reason.ordinal()] = counter;
			}
			counter.increment();
		}

		@Override
		public void onPacketReceived(PacketType type, long bytes) {
			this.packetsIn[type.ordinal()].increment();
			this.bytesIn.increment(bytes);
		}

		@Override
		public void onPacketSent(PacketType type, long bytes) {
			this.packetsOut[type.ordinal()].increment();
			this.bytesOut.increment(bytes);
		}

		@Override
		public void onAckReceived(Socket socket, long nanos) {
			String tag = tagOf(socket.namespace());
			this.ackTimers.computeIfAbsent(tag, (key) -> Timer.builder("socketio.ack.duration")
				.description("Round trips of acknowledgements requested by the server")
				.tag("namespace", key)
				.register(this.registry)).record(nanos, TimeUnit.NANOSECONDS);
		}

		@Override
		public void onHandlerError(Socket socket, String event, Throwable error) {
			String tag = tagOf(socket.namespace());
			String exception = error.getClass().getSimpleName();
			if (exception.isEmpty()) {
				exception = error.getClass().getName();
			}
			String exceptionTag = exception;
			this.errors.computeIfAbsent(tag + '\n' + event + '\n' + exception, (key) -> Counter
				.builder("socketio.handler.errors")
				.description("Event listeners that threw or whose result failed")
				.tag("namespace", tag)
				.tag("event", event)
				.tag("exception", exceptionTag)
				.register(this.registry)).increment();
		}

	}

}
