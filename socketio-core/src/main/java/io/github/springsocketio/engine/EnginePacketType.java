package io.github.springsocketio.engine;

import org.jspecify.annotations.Nullable;

/**
 * Engine.IO packet types, identified on the wire by one digit.
 */
public enum EnginePacketType {

	/** Sent by the server when a session opens; carries the handshake data. */
	OPEN('0'),

	/** Requests the closing of the transport. */
	CLOSE('1'),

	/** Heartbeat request (server to client in v4, client to server in v3). */
	PING('2'),

	/** Heartbeat answer. */
	PONG('3'),

	/** An application message, text or binary. */
	MESSAGE('4'),

	/** Completes the upgrade from polling to WebSocket. */
	UPGRADE('5'),

	/** Does nothing; releases a pending long-polling request during an upgrade. */
	NOOP('6');

	private static final EnginePacketType[] BY_CODE = values();

	private final char code;

	EnginePacketType(char code) {
		this.code = code;
	}

	/**
	 * Return the digit that identifies this type on the wire.
	 * @return the type's code
	 */
	public char code() {
		return this.code;
	}

	/**
	 * Return the type identified by a wire digit.
	 * @param code the digit
	 * @return the type, or {@code null} for an unknown code
	 */
	public static @Nullable EnginePacketType fromCode(int code) {
		int index = code - '0';
		return (index >= 0 && index < BY_CODE.length) ? BY_CODE[index] : null;
	}

}
