package io.github.springsocketio.javaclient;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The arguments of an event or of an acknowledgement, as JSON trees (binary values as
 * binary nodes), converted to Java types on request through the client's Jackson mapper.
 */
public final class Arguments {

	private final List<JsonNode> values;

	private final JsonMapper mapper;

	Arguments(List<JsonNode> values, JsonMapper mapper) {
		this.values = List.copyOf(values);
		this.mapper = mapper;
	}

	/**
	 * Return the number of arguments.
	 * @return the count
	 */
	public int size() {
		return this.values.size();
	}

	/**
	 * Return an argument converted to a type, e.g. {@code String.class},
	 * {@code byte[].class} or a record.
	 * @param <T> the type
	 * @param index the argument's position, from 0
	 * @param type the type
	 * @return the value, or {@code null} for a JSON {@code null} or a missing argument
	 * @throws tools.jackson.core.JacksonException if the argument does not convert
	 */
	public <T> @Nullable T get(int index, Class<T> type) {
		if (index >= this.values.size()) {
			return null;
		}
		JsonNode node = this.values.get(index);
		return node.isNull() ? null : this.mapper.treeToValue(node, type);
	}

	/**
	 * Return an argument as a JSON tree.
	 * @param index the argument's position, from 0
	 * @return the tree
	 * @throws IndexOutOfBoundsException if there is no such argument
	 */
	public JsonNode json(int index) {
		return this.values.get(index);
	}

	/**
	 * Return all arguments as JSON trees.
	 * @return an unmodifiable list
	 */
	public List<JsonNode> asJson() {
		return this.values;
	}

	@Override
	public String toString() {
		return this.values.toString();
	}

}
