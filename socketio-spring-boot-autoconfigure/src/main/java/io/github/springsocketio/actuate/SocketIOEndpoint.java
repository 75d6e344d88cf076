package io.github.springsocketio.actuate;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.github.springsocketio.engine.EngineIoHandlerMapping;
import io.github.springsocketio.engine.EngineIoOptions;
import io.github.springsocketio.engine.EngineIoServer;
import io.github.springsocketio.engine.EngineTransport;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.Socket;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.server.SocketIOServerOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.web.cors.CorsConfiguration;

/**
 * The {@code socketio} endpoint: namespaces, rooms and sockets of this node, the
 * settings in force, and disconnection of one socket.
 * <p>
 * A namespace is selected by its name without the leading slash ({@code chat} for
 * {@code /chat}, {@code a%2Fb} for {@code /a/b}); the main namespace {@code /} is
 * {@value #MAIN_NAMESPACE_SELECTOR}. A selector that starts with a slash is taken as
 * the exact name ({@code %2F_} for a namespace {@code /_}). Rooms leave out each
 * socket's own room (the one named after its id).
 */
@Endpoint(id = "socketio")
public final class SocketIOEndpoint {

	/** Selector of the main namespace {@code /}. */
	public static final String MAIN_NAMESPACE_SELECTOR = "_";

	private final SocketIOServer server;

	private final @Nullable EngineIoServer engine;

	private final @Nullable EngineIoHandlerMapping mapping;

	/**
	 * Create the endpoint.
	 * @param server the Socket.IO server
	 * @param engine the Engine.IO server it is mounted on, for its settings, if known
	 * @param mapping the mapping that mounts it, for its path and CORS settings, if known
	 */
	public SocketIOEndpoint(SocketIOServer server, @Nullable EngineIoServer engine,
			@Nullable EngineIoHandlerMapping mapping) {
		this.server = server;
		this.engine = (engine != null) ? engine : (mapping != null) ? mapping.getServer() : null;
		this.mapping = mapping;
	}

	/**
	 * Describe the server: clients, namespaces with their sockets and rooms, settings.
	 * @return the description
	 */
	@ReadOperation
	public SocketIODescriptor socketIO() {
		Map<String, NamespaceDescriptor> namespaces = new TreeMap<>();
		int sockets = 0;
		for (Namespace namespace : this.server.namespaces()) {
			List<Socket> members = List.copyOf(namespace.sockets().values());
			sockets += members.size();
			namespaces.put(namespace.name(),
					new NamespaceDescriptor(members.size(), transports(members), rooms(members)));
		}
		Map<String, Integer> transports = new LinkedHashMap<>();
		for (EngineTransport transport : EngineTransport.values()) {
			transports.put(transport.queryValue(), this.server.clientCount(transport));
		}
		return new SocketIODescriptor(this.server.clientCount(), sockets, transports,
				adapterOf(this.server.sockets()), namespaces, settings());
	}

	/**
	 * Describe one namespace and its sockets.
	 * @param namespace the namespace's selector
	 * @return the description, or {@code null} (404) if there is no such namespace
	 */
	@ReadOperation
	public @Nullable NamespaceDetailsDescriptor namespace(@Selector String namespace) {
		Namespace target = find(namespace);
		if (target == null) {
			return null;
		}
		List<Socket> members = new ArrayList<>(target.sockets().values());
		members.sort(Comparator.comparing((Socket socket) -> socket.handshake().issued()).thenComparing(Socket::id));
		List<SocketDescriptor> sockets = members.stream().map(SocketIOEndpoint::describe).toList();
		return new NamespaceDetailsDescriptor(target.name(), adapterOf(target), transports(members), rooms(members),
				sockets);
	}

	/**
	 * Disconnect a socket from its namespace: its client sees
	 * {@code io server disconnect}.
	 * @param namespace the namespace's selector
	 * @param id the socket id
	 * @param close whether to close the socket's whole connection (every namespace)
	 * @return the socket as it was, or {@code null} if there is no such socket (answered
	 * {@code 404} over HTTP by the {@link SocketIOEndpointWebExtension})
	 */
	@DeleteOperation
	public @Nullable SocketDescriptor disconnect(@Selector String namespace, @Selector String id,
			@Nullable Boolean close) {
		Namespace target = find(namespace);
		Socket socket = (target != null) ? target.socket(id) : null;
		if (socket == null) {
			return null;
		}
		SocketDescriptor descriptor = describe(socket);
		socket.disconnect(Boolean.TRUE.equals(close));
		return descriptor;
	}

	/**
	 * Return the namespace name a selector stands for.
	 * @param selector the selector
	 * @return the namespace name
	 */
	static String namespaceName(String selector) {
		if (selector.startsWith("/")) {
			return selector;
		}
		return MAIN_NAMESPACE_SELECTOR.equals(selector) ? SocketIOServer.MAIN_NAMESPACE : "/" + selector;
	}

	private @Nullable Namespace find(String selector) {
		String name = namespaceName(selector);
		for (Namespace namespace : this.server.namespaces()) {
			if (namespace.name().equals(name)) {
				return namespace;
			}
		}
		return null;
	}

	private static Map<String, Integer> transports(List<Socket> sockets) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (EngineTransport transport : EngineTransport.values()) {
			counts.put(transport.queryValue(), 0);
		}
		for (Socket socket : sockets) {
			counts.merge(socket.transport(), 1, Integer::sum);
		}
		return counts;
	}

	private static Map<String, Integer> rooms(List<Socket> sockets) {
		Map<String, Integer> sizes = new TreeMap<>();
		for (Socket socket : sockets) {
			for (String room : socket.rooms()) {
				if (!room.equals(socket.id())) {
					sizes.merge(room, 1, Integer::sum);
				}
			}
		}
		return sizes;
	}

	private static SocketDescriptor describe(Socket socket) {
		List<String> rooms = new ArrayList<>(new TreeSet<>(socket.rooms()));
		rooms.remove(socket.id());
		InetSocketAddress address = socket.handshake().address();
		return new SocketDescriptor(socket.id(), socket.transport(), rooms, socket.handshake().issued(),
				(address != null) ? address.getHostString() + ":" + address.getPort() : null);
	}

	private static String adapterOf(Namespace namespace) {
		return namespace.adapter().getClass().getName();
	}

	private @Nullable SettingsDescriptor settings() {
		EngineIoServer engine = this.engine;
		if (engine == null) {
			return null;
		}
		EngineIoOptions options = engine.options();
		SocketIOServerOptions serverOptions = this.server.options();
		List<String> transports = options.transports()
			.stream()
			.sorted()
			.map(EngineTransport::queryValue)
			.toList();
		CorsDescriptor cors = null;
		String path = null;
		if (this.mapping != null) {
			path = this.mapping.getPath() + "/";
			CorsConfiguration configuration = this.mapping.getCorsConfiguration();
			if (configuration != null) {
				cors = new CorsDescriptor(orEmpty(configuration.getAllowedOrigins()),
						orEmpty(configuration.getAllowedOriginPatterns()), configuration.getAllowCredentials());
			}
		}
		return new SettingsDescriptor(path, transports, options.allowUpgrades(), options.allowEio3(),
				options.pingInterval(), options.pingTimeout(), options.upgradeTimeout(),
				serverOptions.connectTimeout(), options.maxHttpBufferSize(), options.maxOutboundPackets(),
				serverOptions.maxAttachments(), cors);
	}

	private static List<String> orEmpty(@Nullable List<String> values) {
		return (values != null) ? List.copyOf(values) : List.of();
	}

	/**
	 * The whole server, on this node.
	 *
	 * @param clients connected clients (Engine.IO connections)
	 * @param sockets connected sockets, every namespace
	 * @param transports connected clients by the transport they use now
	 * @param adapter class of the main namespace's adapter
	 * @param namespaces every namespace by name
	 * @param settings settings in force, or {@code null} when the Engine.IO server is
	 * unknown
	 */
	public record SocketIODescriptor(int clients, int sockets, Map<String, Integer> transports, String adapter,
			Map<String, NamespaceDescriptor> namespaces,
			@Nullable SettingsDescriptor settings) implements OperationResponseBody {
	}

	/**
	 * A namespace in the server's description.
	 *
	 * @param sockets connected sockets
	 * @param transports sockets by the transport they use now
	 * @param rooms rooms with their number of sockets, without each socket's own room
	 */
	public record NamespaceDescriptor(int sockets, Map<String, Integer> transports, Map<String, Integer> rooms) {
	}

	/**
	 * One namespace with its sockets.
	 *
	 * @param name the namespace name
	 * @param adapter class of its adapter
	 * @param transports sockets by the transport they use now
	 * @param rooms rooms with their number of sockets, without each socket's own room
	 * @param sockets the sockets, oldest first
	 */
	public record NamespaceDetailsDescriptor(String name, String adapter, Map<String, Integer> transports,
			Map<String, Integer> rooms, List<SocketDescriptor> sockets) implements OperationResponseBody {
	}

	/**
	 * One socket.
	 *
	 * @param id the socket id
	 * @param transport the transport its connection uses now
	 * @param rooms its rooms, without its own
	 * @param handshakeTime when its connection was opened
	 * @param address the client's address ({@code host:port}), if known
	 */
	public record SocketDescriptor(String id, String transport, List<String> rooms, Instant handshakeTime,
			@Nullable String address) implements OperationResponseBody {
	}

	/**
	 * Settings in force.
	 *
	 * @param path mount path, or {@code null} if unknown
	 * @param transports allowed transports
	 * @param allowUpgrades whether polling clients may upgrade to WebSocket
	 * @param allowEio3 whether Engine.IO 3 clients (socket.io-client 2.x) are accepted
	 * @param pingInterval heartbeat interval
	 * @param pingTimeout time a client has to answer a heartbeat
	 * @param upgradeTimeout time an upgrade may take
	 * @param connectTimeout time a client has to join a namespace
	 * @param maxHttpBufferSize maximum message and polling payload size, in bytes
	 * @param maxOutboundPackets outbound queue bound per client
	 * @param maxAttachments maximum binary attachments per packet
	 * @param cors CORS settings, or {@code null} for none
	 */
	public record SettingsDescriptor(@Nullable String path, List<String> transports, boolean allowUpgrades,
			boolean allowEio3, Duration pingInterval, Duration pingTimeout, Duration upgradeTimeout,
			Duration connectTimeout, long maxHttpBufferSize, int maxOutboundPackets, int maxAttachments,
			@Nullable CorsDescriptor cors) {
	}

	/**
	 * CORS settings of the mount path.
	 *
	 * @param allowedOrigins allowed origins
	 * @param allowedOriginPatterns allowed origin patterns
	 * @param allowCredentials whether credentials are allowed, if set
	 */
	public record CorsDescriptor(List<String> allowedOrigins, List<String> allowedOriginPatterns,
			@Nullable Boolean allowCredentials) {
	}

}
