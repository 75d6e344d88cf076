package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.github.springsocketio.adapter.BroadcastOptions;
import io.github.springsocketio.adapter.SocketDetails;
import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.protocol.PacketType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parts of the messages nodes exchange, in the Node adapter's shapes and key order:
 * packets ({@code type}, {@code data}, {@code nsp}), broadcast options ({@code rooms},
 * {@code except}, {@code flags}), sockets ({@code id}, {@code handshake}, {@code rooms},
 * {@code data}), and the 6-character ids of adapters and requests.
 */
final class ClusterMessages {

	private static final char[] URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
		.toCharArray();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private ClusterMessages() {
	}

	/**
	 * A random id of 6 URL-safe characters, as {@code uid2(6)}.
	 */
	static String uid() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		char[] id = new char[6];
		for (int i = 0; i < id.length; i++) {
			id[i] = URL_SAFE[random.nextInt(URL_SAFE.length)];
		}
		return new String(id);
	}

	/** An event packet as the Node adapter sends it: type 2 even with binary inside. */
	static ObjectNode packet(Packet packet) {
		ObjectNode node = NODES.objectNode();
		node.put("type", PacketType.EVENT.code());
		node.set("data", packet.data());
		node.put("nsp", packet.namespace());
		return node;
	}

	/**
	 * Read an event packet another node sent, of the namespace it names or (without
	 * {@code nsp}) of the one it was sent to.
	 * @return the packet, or {@code null} when it is not an event of that namespace
	 */
	static @Nullable Packet readEvent(JsonNode node, String namespace) {
		if (!node.isObject()) {
			return null;
		}
		// a packet a Node.js socket emitted to itself with recovery on has no nsp
		JsonNode nsp = node.get("nsp");
		String name = (nsp == null || nsp.isNull()) ? namespace : nsp.asString();
		int type = node.path("type").asInt(-1);
		JsonNode data = node.get("data");
		if (!namespace.equals(name) || (type != PacketType.EVENT.code() && type != PacketType.BINARY_EVENT.code())
				|| !(data instanceof ArrayNode array) || array.isEmpty() || !array.get(0).isString()) {
			return null;
		}
		return Packet.event(namespace, array, Packet.NO_ACK);
	}

	/** Targets only ({@code rooms}, {@code except}), as requests carry them. */
	static ObjectNode targets(BroadcastOptions options) {
		ObjectNode node = NODES.objectNode();
		options.rooms().forEach(node.putArray("rooms")::add);
		options.except().forEach(node.putArray("except")::add);
		return node;
	}

	/** Targets and flags, as broadcasts carry them ({@code local} never leaves a node). */
	static ObjectNode options(BroadcastOptions options, @Nullable Duration timeout) {
		ObjectNode node = targets(options);
		ObjectNode flags = node.putObject("flags");
		if (options.isVolatile()) {
			flags.put("volatile", true);
		}
		if (!options.compress()) {
			flags.put("compress", false);
		}
		if (timeout != null) {
			flags.put("timeout", timeout.toMillis());
		}
		return node;
	}

	/** Read the targets and flags of a message from another node, for local delivery only. */
	static BroadcastOptions readOptions(JsonNode node) {
		JsonNode flags = node.path("flags");
		JsonNode timeout = flags.path("timeout");
		return new BroadcastOptions(strings(node.path("rooms")), strings(node.path("except")),
				flags.path("volatile").asBoolean(false), flags.path("compress").asBoolean(true), true,
				timeout.isNumber() ? Duration.ofMillis(timeout.asLong()) : null);
	}

	/** Room names: strings, and numbers as their text (JavaScript rooms may be numbers). */
	static Set<String> strings(JsonNode array) {
		if (!array.isArray() || array.isEmpty()) {
			return Set.of();
		}
		Set<String> values = new LinkedHashSet<>();
		for (JsonNode element : array) {
			if (element.isString() || element.isNumber()) {
				values.add(element.asString());
			}
		}
		return values;
	}

	static ObjectNode socket(SocketDetails details) {
		ObjectNode node = NODES.objectNode();
		node.put("id", details.id());
		node.set("handshake", details.handshake());
		details.rooms().forEach(node.putArray("rooms")::add);
		node.set("data", details.data());
		return node;
	}

	static @Nullable SocketDetails readSocket(JsonNode node) {
		JsonNode id = node.path("id");
		if (!id.isString()) {
			return null;
		}
		JsonNode data = node.get("data");
		return new SocketDetails(id.asString(), node.path("handshake"), strings(node.path("rooms")),
				(data != null) ? data : NODES.nullNode());
	}

}
