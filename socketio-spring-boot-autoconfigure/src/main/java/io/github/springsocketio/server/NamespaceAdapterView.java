package io.github.springsocketio.server;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.github.springsocketio.adapter.AdapterNamespace;
import io.github.springsocketio.adapter.PersistedSession;
import io.github.springsocketio.adapter.SocketDetails;
import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.engine.ProtocolClock;
import io.github.springsocketio.protocol.Packet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * A {@link Namespace} as its adapter sees it: encoding, and the local sockets addressed
 * by id. Kept apart so that the namespace's public API is only the Socket.IO one.
 */
final class NamespaceAdapterView implements AdapterNamespace {

	private static final Logger logger = LoggerFactory.getLogger(NamespaceAdapterView.class);

	private final Namespace namespace;

	NamespaceAdapterView(Namespace namespace) {
		this.namespace = namespace;
	}

	@Override
	public String name() {
		return this.namespace.name();
	}

	@Override
	public List<EnginePacket> encode(Packet packet) {
		return this.namespace.encode(packet);
	}

	@Override
	public boolean deliver(String socketId, List<EnginePacket> messages, boolean isVolatile) {
		Socket socket = this.namespace.socket(socketId);
		return socket != null && socket.deliver(messages, isVolatile);
	}

	@Override
	public boolean deliverWithAck(String socketId, List<EnginePacket> messages, long ackId,
			@Nullable Duration timeout, Consumer<JsonNode> onAck) {
		Socket socket = this.namespace.socket(socketId);
		if (socket == null) {
			return false;
		}
		socket.expectAck(ackId, onAck, timeout);
		return socket.deliver(messages, false);
	}

	@Override
	public @Nullable Duration recoveryWindow() {
		return this.namespace.recoveryWindow();
	}

	@Override
	public ProtocolClock clock() {
		return this.namespace.clock();
	}

	@Override
	public @Nullable PersistedSession session(String socketId) {
		Socket socket = this.namespace.socket(socketId);
		String pid = (socket != null) ? socket.pid() : null;
		return (pid != null) ? socket.persistedSession(pid) : null;
	}

	@Override
	public @Nullable SocketDetails describe(String socketId) {
		Socket socket = this.namespace.socket(socketId);
		if (socket == null) {
			return null;
		}
		JsonNode data;
		try {
			data = this.namespace.payloads().toNode(socket.data());
		}
		catch (RuntimeException ex) {
			// what the application keeps in data need not be JSON: other nodes get {} then
			logger.debug("Data of socket {} cannot be written as JSON for another node", socketId, ex);
			data = Payloads.emptyObject();
		}
		return new SocketDetails(socket.id(), HandshakeJson.toJson(socket.handshake()), socket.rooms(), data);
	}

	@Override
	public void serverSideEvent(ArrayNode data, @Nullable Consumer<JsonNode> ack) {
		this.namespace.serverSideEvent(data, ack);
	}

	@Override
	public long nextAckId() {
		return this.namespace.nextAckId();
	}

	@Override
	public void join(String socketId, Set<String> rooms) {
		Socket socket = this.namespace.socket(socketId);
		if (socket != null) {
			socket.join(rooms.toArray(String[]::new));
		}
	}

	@Override
	public void leave(String socketId, Set<String> rooms) {
		Socket socket = this.namespace.socket(socketId);
		if (socket != null) {
			rooms.forEach(socket::leave);
		}
	}

	@Override
	public void disconnect(String socketId, boolean close) {
		Socket socket = this.namespace.socket(socketId);
		if (socket != null) {
			socket.disconnect(close);
		}
	}

	@Override
	public String toString() {
		return "NamespaceAdapterView[" + this.namespace.name() + "]";
	}

}
