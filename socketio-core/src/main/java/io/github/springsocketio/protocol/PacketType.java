package io.github.springsocketio.protocol;

import org.jspecify.annotations.Nullable;

/**
 * The Socket.IO packet types and their numeric codes.
 */
public enum PacketType {

	/** Connection to a namespace (request or acceptance). */
	CONNECT(0),

	/** Disconnection from a namespace. */
	DISCONNECT(1),

	/** An event with JSON arguments. */
	EVENT(2),

	/** An acknowledgement with JSON arguments. */
	ACK(3),

	/** Refusal of a connection to a namespace. */
	CONNECT_ERROR(4),

	/** An event whose arguments include binary attachments. */
	BINARY_EVENT(5),

	/** An acknowledgement whose arguments include binary attachments. */
	BINARY_ACK(6);

	private static final PacketType[] BY_CODE = values();

	private final int code;

	PacketType(int code) {
		this.code = code;
	}

	/**
	 * Return the numeric code written on the wire.
	 * @return the code, 0 to 6
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Return the type with the given code.
	 * @param code the numeric code
	 * @return the type, or {@code null} if the code is unknown
	 */
	public static @Nullable PacketType fromCode(int code) {
		return (code >= 0 && code < BY_CODE.length) ? BY_CODE[code] : null;
	}

	/**
	 * Return whether this type is {@link #EVENT} or {@link #BINARY_EVENT}.
	 * @return {@code true} for an event
	 */
	public boolean isEvent() {
		return this == EVENT || this == BINARY_EVENT;
	}

	/**
	 * Return whether this type is {@link #ACK} or {@link #BINARY_ACK}.
	 * @return {@code true} for an acknowledgement
	 */
	public boolean isAck() {
		return this == ACK || this == BINARY_ACK;
	}

	/**
	 * Return whether this type is {@link #BINARY_EVENT} or {@link #BINARY_ACK}.
	 * @return {@code true} for a type announcing binary attachments
	 */
	public boolean isBinary() {
		return this == BINARY_EVENT || this == BINARY_ACK;
	}

}
