package io.github.springsocketio.protocol;

import org.jspecify.annotations.Nullable;

/**
 * Reads the Socket.IO packets of one connection from the text and binary messages
 * that Engine.IO delivers, in order: the inbound half of a parser.
 * {@link PacketDecoder} reads the default format (text packets followed by their binary
 * attachments), {@link MsgpackPacketDecoder} that of {@code socket.io-msgpack-parser}
 * (one binary message per packet).
 * <p>
 * No exception other than {@link PacketParseException} is thrown for any input; the
 * connection the message came from is then expected to be closed.
 */
public interface PacketReader {

	/**
	 * Decode a text message.
	 * @param text the message
	 * @return the packet, or {@code null} when it awaits more messages
	 * @throws PacketParseException if the message is not a valid packet in this format
	 */
	@Nullable Packet decodeText(String text) throws PacketParseException;

	/**
	 * Decode a binary message. The array may be kept, not copied.
	 * @param data the message
	 * @return the packet, or {@code null} when it awaits more messages
	 * @throws PacketParseException if the message is not valid in this format here
	 */
	@Nullable Packet decodeBinary(byte[] data) throws PacketParseException;

	/**
	 * Return the type a packet that {@link #decodeBinary(byte[])} completed had on the
	 * wire, as reported to listeners: {@link PacketType#BINARY_EVENT} or
	 * {@link PacketType#BINARY_ACK} for a packet reassembled from attachments, the
	 * packet's own type where a binary message is a whole packet.
	 * @param packet a packet that {@link #decodeBinary(byte[])} returned
	 * @return its type on the wire
	 */
	PacketType binaryWireType(Packet packet);

	/**
	 * Drop any partial packet.
	 */
	void reset();

}
