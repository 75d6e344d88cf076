package io.github.springsocketio.server;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts between application values and the JSON trees that packets carry, with
 * the application's {@link JsonMapper}. {@code byte[]} values become binary
 * attachments.
 */
final class Payloads {

	private final JsonMapper mapper;

	Payloads(JsonMapper mapper) {
		this.mapper = mapper;
	}

	JsonMapper mapper() {
		return this.mapper;
	}

	JsonNode toNode(@Nullable Object value) {
		if (value == null) {
			return JsonNodeFactory.instance.nullNode();
		}
		if (value instanceof JsonNode node) {
			return node;
		}
		if (value instanceof byte[] bytes) {
			return JsonNodeFactory.instance.binaryNode(bytes);
		}
		// through a token buffer rather than valueToTree, so that byte[] anywhere in the
		// value becomes a BinaryNode (an attachment) instead of a POJONode
		try (JsonParser parser = this.mapper.writeValueIntoBuffer(value).asParser()) {
			JsonNode node = this.mapper.readTree(parser);
			return (node != null) ? node : JsonNodeFactory.instance.nullNode();
		}
	}

	ArrayNode toArgs(@Nullable Object @Nullable... values) {
		ArrayNode args = JsonNodeFactory.instance.arrayNode();
		if (values != null) {
			for (Object value : values) {
				args.add(toNode(value));
			}
		}
		return args;
	}

	ArrayNode eventData(String event, ArrayNode args) {
		ArrayNode data = JsonNodeFactory.instance.arrayNode(args.size() + 1);
		data.add(event);
		data.addAll(args);
		return data;
	}

	<T> T convert(JsonNode node, Class<T> type) {
		if (type == byte[].class && node instanceof BinaryNode binary) {
			return type.cast(binary.binaryValue());
		}
		return this.mapper.treeToValue(node, type);
	}

	static ObjectNode emptyObject() {
		return JsonNodeFactory.instance.objectNode();
	}

}
