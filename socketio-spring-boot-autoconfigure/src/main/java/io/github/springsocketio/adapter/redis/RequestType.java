package io.github.springsocketio.adapter.redis;

import org.jspecify.annotations.Nullable;

/**
 * The {@code type} of the requests and responses nodes exchange, numbered as the Node
 * adapter numbers them.
 */
enum RequestType {

	/** Socket ids in rooms (legacy {@code allSockets}). */
	SOCKETS(0),

	/** Every room of every node. */
	ALL_ROOMS(1),

	/** {@code socketsJoin}. */
	REMOTE_JOIN(2),

	/** {@code socketsLeave}. */
	REMOTE_LEAVE(3),

	/** {@code disconnectSockets}. */
	REMOTE_DISCONNECT(4),

	/** {@code fetchSockets}. */
	REMOTE_FETCH(5),

	/** {@code serverSideEmit}, and the answers to it. */
	SERVER_SIDE_EMIT(6),

	/** A broadcast expecting acknowledgements (msgpack). */
	BROADCAST(7),

	/** How many clients a node sent such a broadcast to. */
	BROADCAST_CLIENT_COUNT(8),

	/** One client's acknowledgement of such a broadcast (msgpack). */
	BROADCAST_ACK(9);

	private final int code;

	RequestType(int code) {
		this.code = code;
	}

	int code() {
		return this.code;
	}

	static @Nullable RequestType of(int code) {
		for (RequestType type : values()) {
			if (type.code == code) {
				return type;
			}
		}
		return null;
	}

}
