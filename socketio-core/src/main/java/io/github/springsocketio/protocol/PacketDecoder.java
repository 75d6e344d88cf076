package io.github.springsocketio.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes Socket.IO packets and reassembles binary packets from their attachments,
 * validating them as the reference {@code socket.io-parser} does.
 * <p>
 * A {@link PacketType#BINARY_EVENT} or {@link PacketType#BINARY_ACK} text announces
 * its number of attachments; the following binary messages fill them, then the
 * placeholders {@code {"_placeholder":true,"num":N}} anywhere in the tree are replaced
 * by {@link BinaryNode binary nodes} and the packet is returned as an
 * {@link PacketType#EVENT} or {@link PacketType#ACK}.
 * <p>
 * No exception other than {@link PacketParseException} is thrown for any input; after
 * one, the decoder is {@link #reset() reset}. JSON nested deeper than the configured
 * limit is refused before it is parsed.
 * <p>
 * Stateful: one instance per connection, not thread-safe.
 */
public final class PacketDecoder implements PacketReader {

	/** The default maximum number of attachments of a binary packet. */
	public static final int DEFAULT_MAX_ATTACHMENTS = 10;

	/** The default maximum nesting depth of the JSON data. */
	public static final int DEFAULT_MAX_NESTING_DEPTH = 128;

	/** The largest maximum nesting depth that can be configured. */
	public static final int MAX_NESTING_DEPTH_LIMIT = 1000;

	/** Event names with a special meaning, which a client must not send. */
	public static final Set<String> RESERVED_EVENTS = Set.of("connect", "connect_error", "disconnect",
			"disconnecting", "newListener", "removeListener");

	private static final char ATTACHMENTS_SEPARATOR = '-';

	private static final char NAMESPACE_START = '/';

	private static final char NAMESPACE_SEPARATOR = ',';

	private final JsonMapper mapper;

	private final int maxAttachments;

	private final int maxNestingDepth;

	private @Nullable Packet pending;

	private final List<byte[]> attachments = new ArrayList<>();

	private int expectedAttachments;

	/**
	 * Create a new decoder with the {@link #DEFAULT_MAX_NESTING_DEPTH default nesting
	 * limit}.
	 * @param mapper the mapper that parses the JSON data
	 * @param maxAttachments the maximum number of attachments of a binary packet
	 */
	public PacketDecoder(JsonMapper mapper, int maxAttachments) {
		this(mapper, maxAttachments, DEFAULT_MAX_NESTING_DEPTH);
	}

	/**
	 * Create a new decoder.
	 * @param mapper the mapper that parses the JSON data
	 * @param maxAttachments the maximum number of attachments of a binary packet
	 * @param maxNestingDepth the maximum nesting depth of arrays and objects in the
	 * JSON data, from 1 to {@link #MAX_NESTING_DEPTH_LIMIT} (the stream read constraints
	 * of the mapper apply as well)
	 */
	public PacketDecoder(JsonMapper mapper, int maxAttachments, int maxNestingDepth) {
		this.mapper = Objects.requireNonNull(mapper, "mapper");
		if (maxAttachments < 0) {
			throw new IllegalArgumentException("maxAttachments must not be negative");
		}
		if (maxNestingDepth < 1 || maxNestingDepth > MAX_NESTING_DEPTH_LIMIT) {
			throw new IllegalArgumentException("maxNestingDepth must be between 1 and " + MAX_NESTING_DEPTH_LIMIT);
		}
		this.maxAttachments = maxAttachments;
		this.maxNestingDepth = maxNestingDepth;
	}

	/**
	 * Decode a text message.
	 * @param text the message
	 * @return the packet, or {@code null} when it awaits binary attachments
	 * @throws PacketParseException if the message is not a valid packet, or if a binary
	 * packet is awaiting attachments
	 */
	@Override
	public @Nullable Packet decodeText(String text) throws PacketParseException {
		Objects.requireNonNull(text, "text");
		try {
			if (this.pending != null) {
				throw new PacketParseException("got plaintext data when reconstructing a packet");
			}
			return parse(text);
		}
		catch (PacketParseException ex) {
			reset();
			throw ex;
		}
		catch (RuntimeException ex) {
			reset();
			throw new PacketParseException("invalid packet: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Decode a binary message: the next attachment of the pending binary packet. The
	 * array is kept, not copied.
	 * @param data the message
	 * @return the completed packet, or {@code null} while more attachments are awaited
	 * @throws PacketParseException if no binary packet is awaiting attachments, or if
	 * the completed packet has an invalid placeholder
	 */
	@Override
	public @Nullable Packet decodeBinary(byte[] data) throws PacketParseException {
		Objects.requireNonNull(data, "data");
		try {
			Packet packet = this.pending;
			if (packet == null) {
				throw new PacketParseException("got binary data when not reconstructing a packet");
			}
			this.attachments.add(data);
			if (this.attachments.size() < this.expectedAttachments) {
				return null;
			}
			byte[][] buffers = this.attachments.toArray(new byte[0][]);
			reset();
			return reconstruct(packet, buffers);
		}
		catch (PacketParseException ex) {
			reset();
			throw ex;
		}
		catch (RuntimeException ex) {
			reset();
			throw new PacketParseException("invalid packet: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Return {@link PacketType#BINARY_ACK} for an acknowledgement and
	 * {@link PacketType#BINARY_EVENT} for an event: binary messages complete
	 * reassembled binary packets only.
	 * @param packet a packet that {@link #decodeBinary(byte[])} returned
	 * @return its type on the wire
	 */
	@Override
	public PacketType binaryWireType(Packet packet) {
		return packet.type().isAck() ? PacketType.BINARY_ACK : PacketType.BINARY_EVENT;
	}

	/**
	 * Return whether a binary packet is waiting for attachments.
	 * @return {@code true} if the next message must be binary
	 */
	public boolean isAwaitingAttachments() {
		return this.pending != null;
	}

	/**
	 * Drop any partial packet.
	 */
	@Override
	public void reset() {
		this.pending = null;
		this.attachments.clear();
		this.expectedAttachments = 0;
	}

	private @Nullable Packet parse(String text) throws PacketParseException {
		int length = text.length();
		if (length == 0) {
			throw new PacketParseException("empty packet");
		}
		char code = text.charAt(0);
		PacketType type = isDigit(code) ? PacketType.fromCode(code - '0') : null;
		if (type == null) {
			throw new PacketParseException("unknown packet type " + code);
		}
		int position = 1;
		int attachmentCount = 0;
		if (type.isBinary()) {
			int start = position;
			while (position < length && isDigit(text.charAt(position))) {
				position++;
			}
			if (position == start || position == length || text.charAt(position) != ATTACHMENTS_SEPARATOR) {
				throw new PacketParseException("Illegal attachments");
			}
			long count = parseDigits(text, start, position, this.maxAttachments);
			if (count < 0) {
				throw new PacketParseException("too many attachments");
			}
			attachmentCount = (int) count;
			position++;
		}
		String namespace = Packet.DEFAULT_NAMESPACE;
		if (position < length && text.charAt(position) == NAMESPACE_START) {
			int end = text.indexOf(NAMESPACE_SEPARATOR, position);
			if (end < 0) {
				namespace = text.substring(position);
				position = length;
			}
			else {
				namespace = text.substring(position, end);
				position = end + 1;
			}
		}
		long ackId = Packet.NO_ACK;
		int start = position;
		while (position < length && isDigit(text.charAt(position))) {
			position++;
		}
		if (position > start) {
			ackId = parseDigits(text, start, position, Packet.MAX_ACK_ID);
			if (ackId < 0) {
				throw new PacketParseException("invalid ack id");
			}
		}
		JsonNode data = (position < length) ? parseJson(text, position) : null;
		validate(type, data);
		if (data == null && type.isAck()) {
			// an acknowledgement without arguments
			data = this.mapper.createArrayNode();
		}
		if (!type.isBinary()) {
			return new Packet(type, namespace, ackId, data);
		}
		Packet packet = new Packet(type.isEvent() ? PacketType.EVENT : PacketType.ACK, namespace, ackId, data);
		if (attachmentCount == 0) {
			return reconstruct(packet, new byte[0][]);
		}
		// the attachments are collected as they come: the announced count allocates nothing
		this.pending = packet;
		this.expectedAttachments = attachmentCount;
		return null;
	}

	private JsonNode parseJson(String text, int offset) throws PacketParseException {
		checkNestingDepth(text, offset);
		try (JsonParser parser = this.mapper.createParser(text.substring(offset))) {
			JsonNode node = this.mapper.readTree(parser);
			if (node == null || node.isMissingNode()) {
				throw new PacketParseException("invalid payload");
			}
			if (parser.nextToken() != null) {
				throw new PacketParseException("invalid payload: trailing data");
			}
			return node;
		}
		catch (RuntimeException ex) {
			// JacksonException and anything else the JSON layer may throw
			throw new PacketParseException("invalid payload: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Refuse JSON nested too deeply before parsing it, so that neither the parser nor
	 * the tree walks can exhaust the stack whatever the mapper's constraints.
	 */
	private void checkNestingDepth(String text, int offset) throws PacketParseException {
		int depth = 0;
		boolean inString = false;
		for (int i = offset, length = text.length(); i < length; i++) {
			char c = text.charAt(i);
			if (inString) {
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					inString = false;
				}
			}
			else if (c == '"') {
				inString = true;
			}
			else if (c == '[' || c == '{') {
				if (++depth > this.maxNestingDepth) {
					throw new PacketParseException(
							"invalid payload: nesting depth exceeds " + this.maxNestingDepth);
				}
			}
			else if (c == ']' || c == '}') {
				depth--;
			}
		}
	}

	private static void validate(PacketType type, @Nullable JsonNode data) throws PacketParseException {
		boolean valid = switch (type) {
			case CONNECT -> data == null || data.isObject();
			case DISCONNECT -> data == null;
			case CONNECT_ERROR -> data == null || data.isString() || data.isObject();
			case EVENT, BINARY_EVENT -> data != null && data.isArray() && isEventName(data.get(0));
			case ACK, BINARY_ACK -> data == null || data.isArray();
		};
		if (!valid) {
			throw new PacketParseException("invalid payload");
		}
	}

	private static boolean isEventName(@Nullable JsonNode name) {
		return name != null && name.isString() && !RESERVED_EVENTS.contains(name.stringValue());
	}

	private static Packet reconstruct(Packet packet, byte[][] buffers) throws PacketParseException {
		JsonNode data = packet.data();
		if (data == null) {
			return packet;
		}
		JsonNode result = replacePlaceholders(data, buffers);
		return (result != data) ? new Packet(packet.type(), packet.namespace(), packet.ackId(), result) : packet;
	}

	/**
	 * Replace the placeholders in a tree, in place, and return the tree or its
	 * replacement. The depth is bounded by the nesting check.
	 */
	private static JsonNode replacePlaceholders(JsonNode node, byte[][] buffers) throws PacketParseException {
		if (node instanceof ObjectNode object) {
			JsonNode marker = object.get(JsonText.PLACEHOLDER);
			if (marker != null && marker.isBoolean() && marker.booleanValue()) {
				return BinaryNode.valueOf(buffers[attachmentIndex(object.get(JsonText.NUM), buffers.length)]);
			}
			List<String> names = null;
			List<JsonNode> replacements = null;
			for (Map.Entry<String, JsonNode> property : object.properties()) {
				JsonNode value = property.getValue();
				JsonNode replacement = replacePlaceholders(value, buffers);
				if (replacement != value) {
					if (names == null) {
						names = new ArrayList<>();
						replacements = new ArrayList<>();
					}
					names.add(property.getKey());
					replacements.add(replacement);
				}
			}
			if (names != null) {
				for (int i = 0; i < names.size(); i++) {
					object.set(names.get(i), replacements.get(i));
				}
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0, size = array.size(); i < size; i++) {
				JsonNode element = array.get(i);
				JsonNode replacement = replacePlaceholders(element, buffers);
				if (replacement != element) {
					array.set(i, replacement);
				}
			}
		}
		return node;
	}

	private static int attachmentIndex(@Nullable JsonNode num, int count) throws PacketParseException {
		if (num != null && num.isNumber()) {
			double value = num.doubleValue();
			if (value >= 0 && value < count && value == Math.rint(value)) {
				return (int) value;
			}
		}
		throw new PacketParseException("illegal attachments");
	}

	/**
	 * Parse consecutive ASCII digits.
	 * @return the value, or -1 if it exceeds the maximum
	 */
	private static long parseDigits(String text, int start, int end, long max) {
		long value = 0;
		for (int i = start; i < end; i++) {
			value = value * 10 + (text.charAt(i) - '0');
			if (value > max) {
				return -1;
			}
		}
		return value;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
