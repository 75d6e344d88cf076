package io.github.springsocketio.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes Socket.IO packets as the reference {@code socket.io-parser} does:
 * {@code <type>[<attachments>-][<namespace>,][<ack id>][<JSON>]}.
 * <p>
 * The binary nodes of an event or acknowledgement are sent as attachments: the packet
 * becomes a {@link PacketType#BINARY_EVENT} or {@link PacketType#BINARY_ACK} and each
 * binary node is replaced in the JSON text by {@code {"_placeholder":true,"num":N}},
 * numbered in document order. The packet's tree is never modified.
 * <p>
 * The JSON text is written as {@code JSON.stringify} writes it. The mapper only converts
 * the values of {@link tools.jackson.databind.node.POJONode POJO nodes}.
 * <p>
 * Thread-safe.
 */
public final class PacketEncoder {

	private static final char ATTACHMENTS_SEPARATOR = '-';

	private static final char NAMESPACE_SEPARATOR = ',';

	private final JsonMapper mapper;

	/**
	 * Create a new encoder.
	 * @param mapper the mapper converting the values of POJO nodes
	 */
	public PacketEncoder(JsonMapper mapper) {
		this.mapper = Objects.requireNonNull(mapper, "mapper");
	}

	/**
	 * Encode a packet.
	 * @param packet the packet
	 * @return its text message and the binary attachments that follow it
	 * @throws IllegalArgumentException if the namespace does not start with {@code /}
	 * or contains a comma, if a packet other than an event or acknowledgement contains
	 * binary data, or if the data is nested more than 1000 levels deep
	 */
	public EncodedPacket encode(Packet packet) {
		Objects.requireNonNull(packet, "packet");
		PacketType type = packet.type();
		String namespace = packet.namespace();
		checkNamespace(namespace);
		boolean binaryAllowed = type.isEvent() || type.isAck();
		List<byte[]> attachments = binaryAllowed ? new ArrayList<>(0) : null;
		JsonNode data = packet.data();
		StringBuilder json = null;
		if (data != null && !data.isNull() && !data.isMissingNode()) {
			json = new StringBuilder(64);
			JsonText.write(data, this.mapper, attachments, json);
		}
		if (binaryAllowed) {
			boolean binary = !attachments.isEmpty();
			if (type.isEvent()) {
				type = binary ? PacketType.BINARY_EVENT : PacketType.EVENT;
			}
			else {
				type = binary ? PacketType.BINARY_ACK : PacketType.ACK;
			}
		}
		StringBuilder text = new StringBuilder(16 + namespace.length() + ((json != null) ? json.length() : 0));
		text.append(type.code());
		if (type.isBinary()) {
			text.append(attachments.size()).append(ATTACHMENTS_SEPARATOR);
		}
		if (!namespace.isEmpty() && !Packet.DEFAULT_NAMESPACE.equals(namespace)) {
			text.append(namespace).append(NAMESPACE_SEPARATOR);
		}
		if (packet.hasAck()) {
			text.append(packet.ackId());
		}
		if (json != null) {
			text.append(json);
		}
		return new EncodedPacket(text.toString(), (attachments != null) ? attachments : List.of());
	}

	private static void checkNamespace(String namespace) {
		if (!namespace.isEmpty()
				&& (namespace.charAt(0) != '/' || namespace.indexOf(NAMESPACE_SEPARATOR) >= 0)) {
			throw new IllegalArgumentException("Invalid namespace '" + namespace + "'");
		}
	}

}
