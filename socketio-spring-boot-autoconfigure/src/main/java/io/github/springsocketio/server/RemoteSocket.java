package io.github.springsocketio.server;

import java.util.Map;
import java.util.Set;

import io.github.springsocketio.adapter.SocketDetails;
import org.jspecify.annotations.Nullable;

/**
 * A socket that {@code fetchSockets()} found, on this node or on another node of the
 * cluster: a snapshot of its id, handshake, rooms and data, and the operations that
 * reach it wherever it is (on another node they go through the adapter, as the
 * reference's {@code RemoteSocket} does).
 */
public final class RemoteSocket {

	private final Namespace namespace;

	private final String id;

	private final Handshake handshake;

	private final Set<String> rooms;

	private final Map<String, Object> data;

	private final @Nullable Socket local;

	private RemoteSocket(Namespace namespace, String id, Handshake handshake, Set<String> rooms,
			Map<String, Object> data, @Nullable Socket local) {
		this.namespace = namespace;
		this.id = id;
		this.handshake = handshake;
		this.rooms = rooms;
		this.data = data;
		this.local = local;
	}

	static RemoteSocket local(Socket socket) {
		return new RemoteSocket(socket.namespace(), socket.id(), socket.handshake(), socket.rooms(), socket.data(),
				socket);
	}

	@SuppressWarnings("unchecked")
	static RemoteSocket remote(Namespace namespace, SocketDetails details) {
		Map<String, Object> data = details.data().isObject()
				? namespace.payloads().convert(details.data(), Map.class) : Map.of();
		return new RemoteSocket(namespace, details.id(), HandshakeJson.fromJson(details.handshake()),
				details.rooms(), data, null);
	}

	/**
	 * Return the socket id.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Return what the client presented when it connected; for a socket of another node
	 * without principal, and with the address unresolved.
	 * @return the handshake
	 */
	public Handshake handshake() {
		return this.handshake;
	}

	/**
	 * Return the socket's rooms when it was fetched, its own id included.
	 * @return the rooms
	 */
	public Set<String> rooms() {
		return this.rooms;
	}

	/**
	 * Return the socket's data: the live map for a local socket, a copy for another
	 * node's.
	 * @return the data
	 */
	public Map<String, Object> data() {
		return this.data;
	}

	/**
	 * Return whether the socket is connected to this node.
	 * @return {@code true} for a local socket
	 */
	public boolean isLocal() {
		return this.local != null;
	}

	/**
	 * Return the socket itself when it is connected to this node.
	 * @return the socket, or {@code null} for another node's
	 */
	public @Nullable Socket localSocket() {
		return this.local;
	}

	/**
	 * Emit an event to this socket.
	 * @param event the event name
	 * @param args the arguments
	 */
	public void emit(String event, @Nullable Object... args) {
		if (this.local != null) {
			this.local.emit(event, args);
		}
		else {
			this.namespace.to(this.id).emit(event, args);
		}
	}

	/**
	 * Make this socket join rooms.
	 * @param rooms the rooms
	 */
	public void join(String... rooms) {
		if (this.local != null) {
			this.local.join(rooms);
		}
		else {
			this.namespace.in(this.id).socketsJoin(rooms);
		}
	}

	/**
	 * Make this socket leave rooms.
	 * @param rooms the rooms
	 */
	public void leave(String... rooms) {
		if (this.local != null) {
			for (String room : rooms) {
				this.local.leave(room);
			}
		}
		else {
			this.namespace.in(this.id).socketsLeave(rooms);
		}
	}

	/**
	 * Disconnect this socket.
	 * @param close whether to close its whole connection
	 */
	public void disconnect(boolean close) {
		if (this.local != null) {
			this.local.disconnect(close);
		}
		else {
			this.namespace.in(this.id).disconnectSockets(close);
		}
	}

	@Override
	public String toString() {
		return "RemoteSocket[" + this.id + (isLocal() ? ", local]" : "]");
	}

}
