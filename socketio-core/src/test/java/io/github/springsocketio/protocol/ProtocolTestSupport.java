package io.github.springsocketio.protocol;

import java.math.BigDecimal;
import java.math.BigInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builders of JSON trees for the protocol tests.
 */
final class ProtocolTestSupport {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private ProtocolTestSupport() {
	}

	static ArrayNode array(Object... values) {
		ArrayNode array = NODES.arrayNode();
		for (Object value : values) {
			array.add(node(value));
		}
		return array;
	}

	static ObjectNode object(Object... keysAndValues) {
		ObjectNode object = NODES.objectNode();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			object.set((String) keysAndValues[i], node(keysAndValues[i + 1]));
		}
		return object;
	}

	static BinaryNode bin(int... bytes) {
		byte[] data = new byte[bytes.length];
		for (int i = 0; i < bytes.length; i++) {
			data[i] = (byte) bytes[i];
		}
		return BinaryNode.valueOf(data);
	}

	static byte[] bytes(int... bytes) {
		return bin(bytes).binaryValue();
	}

	static JsonNode json(String text) {
		return MAPPER.readTree(text);
	}

	static JsonNode node(Object value) {
		if (value == null) {
			return NODES.nullNode();
		}
		if (value instanceof JsonNode node) {
			return node;
		}
		if (value instanceof String string) {
			return NODES.stringNode(string);
		}
		if (value instanceof Integer number) {
			return NODES.numberNode(number);
		}
		if (value instanceof Long number) {
			return NODES.numberNode(number);
		}
		if (value instanceof Double number) {
			return NODES.numberNode(number);
		}
		if (value instanceof Float number) {
			return NODES.numberNode(number);
		}
		if (value instanceof BigInteger number) {
			return NODES.numberNode(number);
		}
		if (value instanceof BigDecimal number) {
			return NODES.numberNode(number);
		}
		if (value instanceof Boolean bool) {
			return NODES.booleanNode(bool);
		}
		if (value instanceof byte[] data) {
			return BinaryNode.valueOf(data);
		}
		throw new IllegalArgumentException("Unsupported value " + value);
	}

}
