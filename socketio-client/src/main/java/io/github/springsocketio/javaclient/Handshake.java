package io.github.springsocketio.javaclient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data of the Engine.IO open packet.
 */
record Handshake(String sid, List<String> upgrades, Duration pingInterval, Duration pingTimeout, long maxPayload) {

	static Handshake parse(JsonMapper mapper, String text) {
		JsonNode json = mapper.readTree(text);
		JsonNode sid = json.get("sid");
		if (sid == null || !sid.isString()) {
			throw new IllegalArgumentException("open packet without sid: " + text);
		}
		List<String> upgrades = new ArrayList<>();
		JsonNode list = json.get("upgrades");
		if (list != null && list.isArray()) {
			list.forEach((upgrade) -> upgrades.add(upgrade.asString()));
		}
		return new Handshake(sid.stringValue(), List.copyOf(upgrades), Duration.ofMillis(json.path("pingInterval").asLong(25000)),
				Duration.ofMillis(json.path("pingTimeout").asLong(20000)), json.path("maxPayload").asLong(1_000_000));
	}

}
