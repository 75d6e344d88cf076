package io.github.springsocketio.protocol;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes Socket.IO packets as {@code socket.io-msgpack-parser} 3.x does: each binary
 * message is one packet, the MessagePack map ({@link Notepack}) of the packet object
 * {@code {type, data, id, nsp}}; binary values anywhere in the data are
 * {@link tools.jackson.databind.node.BinaryNode binary nodes}. Other keys (the client
 * sends {@code options}) are ignored. A text message is refused.
 * <p>
 * Validated as the Node.js parser validates: {@code type} an integer from
 * {@link PacketType#CONNECT} to {@link PacketType#CONNECT_ERROR}, {@code nsp} a string,
 * {@code id} absent or an integer, and the data by type (absent or an object for a
 * connect, absent for a disconnect, a string or an object for a connect error, an array
 * for an event or an acknowledgement). Stricter, as the default parser: an event's array
 * starts with its name, a string that is not a reserved event name, and an
 * acknowledgement id is at most {@link Packet#MAX_ACK_ID} and not negative.
 * <p>
 * Stateless and thread-safe: one instance serves every connection. No exception other
 * than {@link PacketParseException} is thrown for any input; nesting is limited to
 * {@link Notepack#MAX_DEPTH} levels.
 */
public final class MsgpackPacketDecoder implements PacketReader {

	/**
	 * Refuse a text message: this format has binary messages only.
	 * @param text the message
	 * @return never
	 * @throws PacketParseException always
	 */
	@Override
	public @Nullable Packet decodeText(String text) throws PacketParseException {
		throw new PacketParseException("invalid packet: a text message, the msgpack parser reads binary ones");
	}

	/**
	 * Decode a binary message: one whole packet.
	 * @param data the message
	 * @return the packet
	 * @throws PacketParseException if the message is not valid MessagePack or not a
	 * valid packet
	 */
	@Override
	public Packet decodeBinary(byte[] data) throws PacketParseException {
		try {
			return decode(Notepack.decode(data));
		}
		catch (PacketParseException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new PacketParseException("invalid packet: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Return the packet's own type: each binary message is a whole packet.
	 * @param packet a packet that {@link #decodeBinary(byte[])} returned
	 * @return its type
	 */
	@Override
	public PacketType binaryWireType(Packet packet) {
		return packet.type();
	}

	/**
	 * Nothing to drop: no packet spans several messages.
	 */
	@Override
	public void reset() {
	}

	private static Packet decode(JsonNode message) throws PacketParseException {
		if (!(message instanceof ObjectNode)) {
			throw new PacketParseException("invalid packet type");
		}
		long code = integer(message.get(MsgpackPacketEncoder.TYPE), PacketType.CONNECT_ERROR.code());
		if (code < 0) {
			throw new PacketParseException("invalid packet type");
		}
		PacketType type = PacketType.fromCode((int) code);
		JsonNode namespace = message.get(MsgpackPacketEncoder.NSP);
		if (namespace == null || !namespace.isString()) {
			throw new PacketParseException("invalid namespace");
		}
		JsonNode data = message.get(MsgpackPacketEncoder.DATA);
		if (!isValid(type, data)) {
			throw new PacketParseException("invalid payload");
		}
		JsonNode id = message.get(MsgpackPacketEncoder.ID);
		long ackId = Packet.NO_ACK;
		if (id != null) {
			ackId = integer(id, Packet.MAX_ACK_ID);
			if (ackId < 0) {
				throw new PacketParseException("invalid packet id");
			}
		}
		return new Packet(type, namespace.stringValue(), ackId, data);
	}

	private static boolean isValid(PacketType type, @Nullable JsonNode data) {
		return switch (type) {
			case CONNECT -> data == null || data.isObject();
			case DISCONNECT -> data == null;
			case CONNECT_ERROR -> data != null && (data.isString() || data.isObject());
			case EVENT -> data != null && data.isArray() && isEventName(data.get(0));
			default -> data != null && data.isArray();
		};
	}

	private static boolean isEventName(@Nullable JsonNode name) {
		return name != null && name.isString() && !PacketDecoder.RESERVED_EVENTS.contains(name.stringValue());
	}

	/**
	 * Return the value of an integral number from 0 to the maximum (written as an
	 * integer or as a float, as JavaScript's {@code Number.isInteger} accepts), or -1.
	 */
	private static long integer(@Nullable JsonNode node, long max) {
		if (node == null || !node.isNumber()) {
			return -1;
		}
		if (node.isIntegralNumber()) {
			if (!node.canConvertToLong()) {
				return -1;
			}
			long value = node.longValue();
			return (value >= 0 && value <= max) ? value : -1;
		}
		double value = node.doubleValue();
		return (value >= 0 && value <= max && value == Math.rint(value)) ? (long) value : -1;
	}

}
