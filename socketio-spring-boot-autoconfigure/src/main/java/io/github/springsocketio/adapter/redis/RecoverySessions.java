package io.github.springsocketio.adapter.redis;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.springsocketio.adapter.PersistedSession;
import io.github.springsocketio.protocol.Notepack;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sessions kept in Redis for connection state recovery, in the Node Redis Streams
 * adapter's form: base64 of the msgpack map {@code {sid, pid, rooms, data}}.
 */
final class RecoverySessions {

	private static final Logger logger = LoggerFactory.getLogger(RecoverySessions.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RecoverySessions() {
	}

	static String encode(PersistedSession session) {
		ObjectNode node = JsonNodeFactory.instance.objectNode();
		node.put("sid", session.sid());
		node.put("pid", session.pid());
		session.rooms().forEach(node.putArray("rooms")::add);
		node.set("data", JSON.valueToTree(session.data()));
		return Base64.getEncoder().encodeToString(Notepack.encode(node, JSON));
	}

	/**
	 * Read a stored session.
	 * @return the session, or {@code null} when malformed
	 */
	@SuppressWarnings("unchecked")
	static @Nullable PersistedSession decode(String stored) {
		try {
			JsonNode node = Notepack.decode(Base64.getDecoder().decode(stored));
			JsonNode sid = node.path("sid");
			JsonNode pid = node.path("pid");
			if (!sid.isString() || !pid.isString()) {
				return null;
			}
			JsonNode data = node.path("data");
			Map<String, Object> values = data.isObject() ? JSON.treeToValue(data, LinkedHashMap.class)
					: new LinkedHashMap<>();
			values.values().removeIf(java.util.Objects::isNull);
			return new PersistedSession(sid.asString(), pid.asString(), ClusterMessages.strings(node.path("rooms")),
					values);
		}
		catch (IllegalArgumentException | JacksonException ex) {
			logger.debug("Redis Streams adapter ignored a malformed session", ex);
			return null;
		}
	}

}
