package io.github.springsocketio.adapter.redis;

import org.jspecify.annotations.Nullable;

/**
 * The {@code type} of the messages of {@code ClusterAdapter} (socket.io-adapter 2.5),
 * which the Redis Streams adapter sends: numbered as there.
 */
enum ClusterMessageType {

	/** A node started (heartbeat adapters only). */
	INITIAL_HEARTBEAT(1),

	/** A node is alive (heartbeat adapters only). */
	HEARTBEAT(2),

	/** A broadcast; with a {@code requestId}, one expecting acknowledgements. */
	BROADCAST(3),

	/** {@code socketsJoin}. */
	SOCKETS_JOIN(4),

	/** {@code socketsLeave}. */
	SOCKETS_LEAVE(5),

	/** {@code disconnectSockets}. */
	DISCONNECT_SOCKETS(6),

	/** {@code fetchSockets}. */
	FETCH_SOCKETS(7),

	/** A node's sockets, answering {@code fetchSockets}. */
	FETCH_SOCKETS_RESPONSE(8),

	/** {@code serverSideEmit}. */
	SERVER_SIDE_EMIT(9),

	/** A node's acknowledgement of a {@code serverSideEmit}. */
	SERVER_SIDE_EMIT_RESPONSE(10),

	/** How many clients a node sent a broadcast expecting acknowledgements to. */
	BROADCAST_CLIENT_COUNT(11),

	/** One client's acknowledgement of such a broadcast. */
	BROADCAST_ACK(12),

	/** A node's adapter closed (heartbeat adapters only). */
	ADAPTER_CLOSE(13);

	private final int code;

	ClusterMessageType(int code) {
		this.code = code;
	}

	int code() {
		return this.code;
	}

	/**
	 * Return whether the message's {@code data} may hold binary, so is written as
	 * base64 msgpack when it does (else as JSON).
	 */
	boolean mayContainBinary() {
		return this == BROADCAST || this == FETCH_SOCKETS_RESPONSE || this == SERVER_SIDE_EMIT
				|| this == SERVER_SIDE_EMIT_RESPONSE || this == BROADCAST_ACK;
	}

	static @Nullable ClusterMessageType of(int code) {
		for (ClusterMessageType type : values()) {
			if (type.code == code) {
				return type;
			}
		}
		return null;
	}

}
