package io.github.springsocketio.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes Socket.IO packets as {@code socket.io-msgpack-parser} 3.x does: each packet is
 * one binary message, the MessagePack map ({@link Notepack}) of the packet object
 * {@code {type, data, id, nsp}}. Binary nodes stay in place as MessagePack {@code bin}:
 * there are no attachments, and no {@link PacketType#BINARY_EVENT} or
 * {@link PacketType#BINARY_ACK} types ({@link PacketType#EVENT} and
 * {@link PacketType#ACK} are written instead).
 * <p>
 * The keys are written in the order of the packets of the Node.js server, so that the
 * bytes are the same: {@code type, data, nsp} for a connect and a connect error,
 * {@code type, nsp} for a disconnect, {@code type, data[, id], nsp} for an event and
 * {@code id, type, data, nsp} for an acknowledgement. {@code data} is left out when the
 * packet has none, {@code id} when it has no acknowledgement id. The namespace is written
 * as it is: this format needs no separator.
 * <p>
 * Thread-safe.
 */
public final class MsgpackPacketEncoder {

	static final String TYPE = "type";

	static final String DATA = "data";

	static final String ID = "id";

	static final String NSP = "nsp";

	/** Where the first key starts: after the one-byte fixmap header. */
	private static final int FIRST_KEY = 1;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final JsonMapper mapper;

	/**
	 * Create a new encoder.
	 * @param mapper the mapper converting the values of POJO nodes
	 */
	public MsgpackPacketEncoder(JsonMapper mapper) {
		this.mapper = Objects.requireNonNull(mapper, "mapper");
	}

	/**
	 * Encode a packet.
	 * @param packet the packet
	 * @return its one binary message
	 * @throws IllegalArgumentException if the data is nested more than
	 * {@link Notepack#MAX_DEPTH} levels deep or holds a value that cannot be converted
	 */
	public byte[] encode(Packet packet) {
		Objects.requireNonNull(packet, "packet");
		PacketType type = wireType(packet.type());
		JsonNode data = packet.data();
		boolean hasData = data != null && !data.isNull() && !data.isMissingNode();
		ObjectNode message = NODES.objectNode();
		if (type == PacketType.ACK && packet.hasAck()) {
			message.put(ID, packet.ackId());
		}
		message.put(TYPE, type.code());
		if (hasData) {
			message.set(DATA, data);
		}
		if (type != PacketType.ACK && packet.hasAck()) {
			message.put(ID, packet.ackId());
		}
		message.put(NSP, packet.namespace());
		return Notepack.encode(message, this.mapper);
	}

	private static PacketType wireType(PacketType type) {
		return switch (type) {
			case BINARY_EVENT -> PacketType.EVENT;
			case BINARY_ACK -> PacketType.ACK;
			default -> type;
		};
	}

	/**
	 * Return the type of a packet this encoder wrote, without decoding the rest of it
	 * (for metrics).
	 * @param message a message from {@link #encode(Packet)}
	 * @return the packet type, or {@code null} if the message is not laid out as this
	 * encoder lays it out
	 */
	public static @Nullable PacketType typeOf(byte[] message) {
		int position = FIRST_KEY;
		if (message.length == 0 || (message[0] & 0xf0) != 0x80) {
			return null;
		}
		if (isKey(message, position, ID)) {
			// an acknowledgement: its id comes first
			position = skipUnsignedInteger(message, position + 1 + ID.length());
		}
		if (position < 0 || !isKey(message, position, TYPE)) {
			return null;
		}
		position += 1 + TYPE.length();
		return (position < message.length) ? PacketType.fromCode(message[position]) : null;
	}

	/** Whether a fixstr holding the (ASCII) key starts at the position. */
	private static boolean isKey(byte[] message, int position, String key) {
		int length = key.length();
		if (position + length >= message.length || message[position] != (byte) (0xa0 | length)) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (message[position + 1 + i] != key.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/** The position after the unsigned integer at the position, or -1 if there is none. */
	private static int skipUnsignedInteger(byte[] message, int position) {
		if (position >= message.length) {
			return -1;
		}
		int prefix = message[position] & 0xff;
		int length = (prefix < 0x80) ? 0 : switch (prefix) {
			case 0xcc -> 1;
			case 0xcd -> 2;
			case 0xce -> 4;
			case 0xcf -> 8;
			default -> -1;
		};
		return (length < 0) ? -1 : position + 1 + length;
	}

}
