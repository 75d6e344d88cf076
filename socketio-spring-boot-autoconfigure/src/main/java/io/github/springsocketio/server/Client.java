package io.github.springsocketio.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.engine.EngineSession;
import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.protocol.PacketParseException;
import io.github.springsocketio.protocol.PacketReader;
import io.github.springsocketio.protocol.PacketType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * One Engine.IO session carrying the sockets of several namespaces (multiplexing).
 * Its packets arrive serialized, in order, from the Engine.IO layer.
 */
final class Client {

	private static final Logger logger = LoggerFactory.getLogger(Client.class);

	private static final String ROOT = "/";

	private final SocketIOServer server;

	private final EngineSession connection;

	private final PacketReader decoder;

	private final Map<String, Socket> sockets = new ConcurrentHashMap<>();

	private final Map<String, Boolean> connecting = new ConcurrentHashMap<>();

	private volatile @Nullable Disposable connectTimeout;

	/** Bytes of the inbound packet being reassembled, counted for listeners only. */
	private long inboundBytes;

	Client(SocketIOServer server, EngineSession connection) {
		this.server = server;
		this.connection = connection;
		this.decoder = server.codec().newReader();
	}

	EngineSession connection() {
		return this.connection;
	}

	boolean isLegacy() {
		return this.connection.protocolVersion() < 4;
	}

	String transportName() {
		return this.connection.transport().queryValue();
	}

	void onOpen() {
		if (isLegacy()) {
			// socket.io-client 2.x never sends a CONNECT for the main namespace
			connect(ROOT, Payloads.emptyObject());
		}
		else {
			this.connectTimeout = this.server.options().clock().schedule(() -> {
				if (this.sockets.isEmpty() && this.connecting.isEmpty()) {
					logger.debug("No namespace joined in time on {}, closing", this.connection.id());
					this.connection.close();
				}
			}, this.server.options().connectTimeout());
		}
	}

	void onText(String text) {
		if (!this.server.listeners().isEmpty()) {
			this.inboundBytes += ServerListeners.utf8Length(text);
		}
		try {
			Packet packet = this.decoder.decodeText(text);
			if (packet != null) {
				received(packet.type());
				onPacket(packet);
			}
		}
		catch (PacketParseException ex) {
			onParseError(ex);
		}
	}

	void onBinary(byte[] data) {
		if (!this.server.listeners().isEmpty()) {
			this.inboundBytes += data.length;
		}
		try {
			Packet packet = this.decoder.decodeBinary(data);
			if (packet != null) {
				// reassembled packets are typed EVENT or ACK; report them as they came
				received(this.decoder.binaryWireType(packet));
				onPacket(packet);
			}
		}
		catch (PacketParseException ex) {
			onParseError(ex);
		}
	}

	private void onParseError(PacketParseException ex) {
		logger.debug("Invalid packet on {}: {}", this.connection.id(), ex.getMessage());
		closeSockets(DisconnectReason.PARSE_ERROR);
		this.connection.close();
	}

	private void received(PacketType type) {
		long bytes = this.inboundBytes;
		this.inboundBytes = 0;
		this.server.listeners().packetReceived(type, bytes);
	}

	private void onPacket(Packet packet) {
		if (packet.type() == PacketType.CONNECT) {
			onConnectPacket(packet);
			return;
		}
		Socket socket = this.sockets.get(packet.namespace());
		if (socket != null) {
			socket.onPacket(packet);
		}
		else {
			logger.debug("Packet for namespace {} without a socket on {}", packet.namespace(), this.connection.id());
		}
	}

	private void onConnectPacket(Packet packet) {
		String name = packet.namespace();
		JsonNode auth = packet.data();
		if (isLegacy()) {
			int query = name.indexOf('?');
			if (query >= 0) {
				auth = queryAsObject(name.substring(query));
				name = name.substring(0, query);
			}
		}
		connect(name, (auth != null && auth.isObject()) ? auth : Payloads.emptyObject());
	}

	private static ObjectNode queryAsObject(String query) {
		ObjectNode object = JsonNodeFactory.instance.objectNode();
		UriComponentsBuilder.fromUriString(query)
			.build()
			.getQueryParams()
			.forEach((key, values) -> object.put(key,
					values.isEmpty() || values.get(0) == null ? "" : decode(values.get(0))));
		return object;
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	private void connect(String name, JsonNode auth) {
		if (this.sockets.containsKey(name) || this.connecting.putIfAbsent(name, Boolean.TRUE) != null) {
			logger.debug("Already connected to {} on {}", name, this.connection.id());
			return;
		}
		Namespace namespace = this.server.namespaceFor(name);
		if (namespace == null) {
			this.connecting.remove(name);
			// the reference sends this object to every client version, 2.x included
			send(Packet.connectError(name, Payloads.emptyObject().put("message", Namespace.INVALID_NAMESPACE)));
			return;
		}
		namespace.add(this, auth, (socket) -> {
			this.connecting.remove(name);
			if (socket != null) {
				this.sockets.put(name, socket);
				Disposable timeout = this.connectTimeout;
				if (timeout != null) {
					timeout.dispose();
				}
			}
		});
	}

	boolean isConnected() {
		return this.connection.isOpen();
	}

	void send(Packet packet) {
		send(this.server.encode(packet), false);
	}

	boolean send(List<EnginePacket> messages, boolean isVolatile) {
		boolean queued = this.connection.send(messages, isVolatile);
		if (queued) {
			this.server.listeners().packetSent(messages);
		}
		return queued;
	}

	void remove(Socket socket) {
		this.sockets.remove(socket.namespace().name(), socket);
	}

	/** {@code socket.disconnect(true)}: every socket leaves, then the connection closes. */
	void disconnectAll() {
		for (Socket socket : List.copyOf(this.sockets.values())) {
			socket.disconnect(false);
		}
		this.connection.close();
	}

	void onClose(DisconnectReason reason) {
		Disposable timeout = this.connectTimeout;
		if (timeout != null) {
			timeout.dispose();
		}
		this.decoder.reset();
		closeSockets(reason);
	}

	void closeSockets(DisconnectReason reason) {
		for (Socket socket : List.copyOf(this.sockets.values())) {
			socket.onClose(reason);
		}
	}

}
