package io.github.springsocketio.server;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A {@link Handshake} in the form the reference gives {@code socket.handshake}, which
 * is what nodes exchange for {@code fetchSockets}: {@code headers} (lower-case names),
 * {@code time} (as JavaScript's {@code Date.toString()}), {@code address},
 * {@code xdomain}, {@code secure}, {@code issued} (epoch ms), {@code url},
 * {@code query} and {@code auth}.
 */
final class HandshakeJson {

	/** JavaScript's {@code Date.prototype.toString()}. */
	private static final DateTimeFormatter JS_DATE = DateTimeFormatter
		.ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT'xx '('zzzz')'", Locale.ENGLISH);

	private HandshakeJson() {
	}

	static ObjectNode toJson(Handshake handshake) {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		ObjectNode json = nodes.objectNode();
		ObjectNode headers = json.putObject("headers");
		for (Map.Entry<String, List<String>> header : handshake.headers().headerSet()) {
			String name = header.getKey().toLowerCase(Locale.ROOT);
			List<String> values = header.getValue();
			if ("set-cookie".equals(name)) {
				ArrayNode array = headers.putArray(name);
				values.forEach(array::add);
			}
			else {
				headers.put(name, String.join(", ", values));
			}
		}
		json.put("time", JS_DATE.format(handshake.issued().atZone(ZoneId.systemDefault())));
		InetSocketAddress address = handshake.address();
		if (address != null) {
			json.put("address", (address.getAddress() != null) ? address.getAddress().getHostAddress()
					: address.getHostString());
		}
		json.put("xdomain", handshake.headers().getOrigin() != null);
		json.put("secure", handshake.secure());
		json.put("issued", handshake.issued().toEpochMilli());
		json.put("url", handshake.url());
		ObjectNode query = json.putObject("query");
		for (Map.Entry<String, List<String>> parameter : handshake.query().entrySet()) {
			List<String> values = parameter.getValue();
			if (values.size() == 1) {
				query.put(parameter.getKey(), values.get(0));
			}
			else {
				ArrayNode array = query.putArray(parameter.getKey());
				values.forEach(array::add);
			}
		}
		json.set("auth", handshake.auth());
		return json;
	}

	static Handshake fromJson(JsonNode json) {
		HttpHeaders headers = new HttpHeaders();
		json.path("headers").properties().forEach((header) -> addValues(header.getValue(), (value) -> headers.add(header.getKey(), value)));
		MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
		json.path("query").properties().forEach((parameter) -> addValues(parameter.getValue(), (value) -> query.add(parameter.getKey(), value)));
		JsonNode auth = json.path("auth");
		JsonNode address = json.path("address");
		return new Handshake(headers, query, auth.isObject() ? auth : JsonNodeFactory.instance.objectNode(),
				address.isString() ? InetSocketAddress.createUnresolved(address.asString(), 0) : null,
				json.path("issued").canConvertToLong() ? Instant.ofEpochMilli(json.path("issued").asLong()) : Instant.EPOCH,
				json.path("url").asString(""), json.path("secure").asBoolean(false), null);
	}

	private static void addValues(JsonNode value, java.util.function.Consumer<String> target) {
		if (value.isArray()) {
			value.forEach((element) -> target.accept(element.asString()));
		}
		else if (value.isValueNode()) {
			target.accept(value.asString());
		}
	}

}
