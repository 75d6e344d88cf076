package io.github.springsocketio.adapter.redis;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Binary values in the JSON messages of the Redis adapter (requests and answers other
 * than broadcasts), written as a Node.js node writes them: {@code JSON.stringify} turns
 * a {@code Buffer} into {@code {"type":"Buffer","data":[bytes]}}. Read back, an object
 * of exactly that shape becomes binary again, so a {@code byte[]} sent with
 * {@code serverSideEmit} arrives as one, from a Java node or a Node.js node.
 */
final class BufferJson {

	private static final String TYPE = "type";

	private static final String DATA = "data";

	private static final String BUFFER = "Buffer";

	private BufferJson() {
	}

	/**
	 * Return a tree whose binary values are written as Node.js writes a Buffer.
	 * @param node the tree, not modified
	 * @return the same tree if it holds no binary value, else a copy
	 */
	static JsonNode write(JsonNode node) {
		if (node instanceof BinaryNode binary) {
			ObjectNode buffer = JsonNodeFactory.instance.objectNode();
			buffer.put(TYPE, BUFFER);
			ArrayNode data = buffer.putArray(DATA);
			for (byte b : binary.binaryValue()) {
				data.add(b & 0xFF);
			}
			return buffer;
		}
		if (node instanceof ArrayNode array) {
			ArrayNode copy = null;
			for (int i = 0; i < array.size(); i++) {
				JsonNode element = array.get(i);
				JsonNode written = write(element);
				if (written != element && copy == null) {
					copy = array.deepCopy();
				}
				if (copy != null) {
					copy.set(i, written);
				}
			}
			return (copy != null) ? copy : array;
		}
		if (node instanceof ObjectNode object) {
			ObjectNode copy = null;
			for (Map.Entry<String, JsonNode> property : object.properties()) {
				JsonNode written = write(property.getValue());
				if (written != property.getValue() && copy == null) {
					copy = object.deepCopy();
				}
				if (copy != null) {
					copy.set(property.getKey(), written);
				}
			}
			return (copy != null) ? copy : object;
		}
		return node;
	}

	/**
	 * Turn the Node.js form of Buffers in a freshly parsed tree back into binary values.
	 * @param node the tree, changed in place
	 * @return the tree, or a binary value if the root itself was a Buffer
	 */
	static JsonNode read(JsonNode node) {
		byte[] bytes = bufferBytes(node);
		if (bytes != null) {
			return JsonNodeFactory.instance.binaryNode(bytes);
		}
		if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				JsonNode element = array.get(i);
				JsonNode read = read(element);
				if (read != element) {
					array.set(i, read);
				}
			}
		}
		else if (node instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> property : object.properties()) {
				JsonNode read = read(property.getValue());
				if (read != property.getValue()) {
					// an existing key: not a structural change of the map being iterated
					object.set(property.getKey(), read);
				}
			}
		}
		return node;
	}

	/** The bytes of {@code {"type":"Buffer","data":[0-255...]}}, or {@code null}. */
	private static byte @Nullable [] bufferBytes(JsonNode node) {
		if (!(node instanceof ObjectNode object) || object.size() != 2 || !(object.get(DATA) instanceof ArrayNode data)) {
			return null;
		}
		JsonNode type = object.get(TYPE);
		if (type == null || !type.isString() || !BUFFER.equals(type.asString())) {
			return null;
		}
		byte[] bytes = new byte[data.size()];
		for (int i = 0; i < bytes.length; i++) {
			JsonNode value = data.get(i);
			if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0 || value.asInt() > 255) {
				return null;
			}
			bytes[i] = (byte) value.asInt();
		}
		return bytes;
	}

}
