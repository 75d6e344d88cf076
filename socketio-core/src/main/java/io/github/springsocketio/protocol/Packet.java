package io.github.springsocketio.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * One Socket.IO packet. The data is a JSON tree; binary values anywhere in it are
 * {@link tools.jackson.databind.node.BinaryNode binary nodes}.
 * <p>
 * A decoded packet that carried binary attachments has the type {@link PacketType#EVENT}
 * or {@link PacketType#ACK}, like in the reference implementation: whether a packet is
 * sent as {@link PacketType#BINARY_EVENT} or {@link PacketType#BINARY_ACK} depends only
 * on its data.
 *
 * @param type the packet type
 * @param namespace the namespace, {@code "/"} by default; for Engine.IO v3 clients it
 * may carry a query, such as {@code "/chat?token=1"}
 * @param ackId the acknowledgement id, or {@link #NO_ACK}
 * @param data the payload, or {@code null}
 */
public record Packet(PacketType type, String namespace, long ackId, @Nullable JsonNode data) {

	/** The {@link #ackId()} of a packet without acknowledgement id. */
	public static final long NO_ACK = -1;

	/** The largest acknowledgement id: {@code 2^53 - 1}, the largest safe JavaScript integer. */
	public static final long MAX_ACK_ID = (1L << 53) - 1;

	/** The default namespace. */
	public static final String DEFAULT_NAMESPACE = "/";

	/**
	 * Create a new packet.
	 * @param type the packet type
	 * @param namespace the namespace
	 * @param ackId the acknowledgement id, or {@link #NO_ACK}
	 * @param data the payload, or {@code null}
	 * @throws IllegalArgumentException if the acknowledgement id is neither
	 * {@link #NO_ACK} nor in {@code [0, MAX_ACK_ID]}
	 */
	public Packet {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(namespace, "namespace");
		if (ackId < NO_ACK || ackId > MAX_ACK_ID) {
			throw new IllegalArgumentException("Invalid ack id " + ackId);
		}
	}

	/**
	 * Return whether the packet has an acknowledgement id.
	 * @return {@code true} if {@link #ackId()} is not {@link #NO_ACK}
	 */
	public boolean hasAck() {
		return this.ackId >= 0;
	}

	/**
	 * Create a {@link PacketType#CONNECT} packet.
	 * @param namespace the namespace
	 * @param data the payload (an object), or {@code null}
	 * @return the packet
	 */
	public static Packet connect(String namespace, @Nullable JsonNode data) {
		return new Packet(PacketType.CONNECT, namespace, NO_ACK, data);
	}

	/**
	 * Create a {@link PacketType#CONNECT_ERROR} packet.
	 * @param namespace the namespace
	 * @param data the payload, usually an object with a {@code message} property
	 * @return the packet
	 */
	public static Packet connectError(String namespace, JsonNode data) {
		return new Packet(PacketType.CONNECT_ERROR, namespace, NO_ACK, Objects.requireNonNull(data, "data"));
	}

	/**
	 * Create a {@link PacketType#DISCONNECT} packet.
	 * @param namespace the namespace
	 * @return the packet
	 */
	public static Packet disconnect(String namespace) {
		return new Packet(PacketType.DISCONNECT, namespace, NO_ACK, null);
	}

	/**
	 * Create an {@link PacketType#EVENT} packet. It is sent as a
	 * {@link PacketType#BINARY_EVENT} if its data contains binary nodes.
	 * @param namespace the namespace
	 * @param data the event name followed by its arguments
	 * @param ackId the acknowledgement id, or {@link #NO_ACK}
	 * @return the packet
	 */
	public static Packet event(String namespace, ArrayNode data, long ackId) {
		return new Packet(PacketType.EVENT, namespace, ackId, Objects.requireNonNull(data, "data"));
	}

	/**
	 * Create an {@link PacketType#ACK} packet. It is sent as a
	 * {@link PacketType#BINARY_ACK} if its data contains binary nodes.
	 * @param namespace the namespace
	 * @param data the acknowledgement arguments
	 * @param ackId the acknowledgement id
	 * @return the packet
	 */
	public static Packet ack(String namespace, ArrayNode data, long ackId) {
		return new Packet(PacketType.ACK, namespace, ackId, Objects.requireNonNull(data, "data"));
	}

}
