package io.github.springsocketio.test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.javaclient.Arguments;
import io.github.springsocketio.javaclient.ClientSocket;
import io.github.springsocketio.javaclient.ConnectionState.Status;
import io.github.springsocketio.javaclient.SocketIOClient;
import io.github.springsocketio.javaclient.SocketIOConnectException;
import io.github.springsocketio.javaclient.Transport;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * This project's reactive Java client ({@code socketio-client}) connected to one
 * namespace of the test server over WebSocket, with blocking helpers that time out.
 * Arguments are handed over as {@code org.json} values (objects, arrays, numbers as
 * {@code Integer}, {@code Long} or {@code Double}, {@code byte[]}, {@code JSONObject.NULL}),
 * as the tests written for the official Java client ({@code io.socket:socket.io-client},
 * still the peer of {@code SocketIOActuatorIntegrationTests}) expect them.
 */
public final class JavaClient implements AutoCloseable {

	public static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final SocketIOClient client;

	private final ClientSocket socket;

	private final Map<String, BlockingQueue<Object[]>> received = new ConcurrentHashMap<>();

	private final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();

	private final Disposable recording;

	private final Disposable states;

	private JavaClient(int port, String namespace, Map<String, String> auth, String query,
			Map<String, List<String>> headers) {
		SocketIOClient.Builder builder = SocketIOClient.builder(URI.create("http://127.0.0.1:" + port))
			.transports(Transport.WEBSOCKET)
			.reconnection(false)
			.timeout(TIMEOUT);
		if (!query.isEmpty()) {
			for (String pair : query.split("&")) {
				int equals = pair.indexOf('=');
				builder.query((equals < 0) ? pair : pair.substring(0, equals),
						(equals < 0) ? "" : pair.substring(equals + 1));
			}
		}
		headers.forEach((name, values) -> builder.header(name, String.join(", ", values)));
		this.client = builder.build();
		this.socket = this.client.socket(namespace, auth.isEmpty() ? null : auth);
		this.recording = this.socket.onAny()
			.subscribe((event) -> queue(event.name()).add(toJsonOrg(event.arguments())));
		this.states = this.socket.states()
			.filter((state) -> state.status() == Status.DISCONNECTED && state.reason() != null)
			.subscribe((state) -> this.disconnects.add(state.reason()));
	}

	/**
	 * Connect and wait until connected.
	 */
	public static JavaClient connect(int port, String namespace) {
		return connect(port, namespace, Map.of(), "");
	}

	public static JavaClient connect(int port, String namespace, Map<String, String> auth, String query) {
		return connect(port, namespace, auth, query, Map.of());
	}

	/**
	 * Connect with headers on the handshake's HTTP request and wait until connected.
	 */
	public static JavaClient connect(int port, String namespace, Map<String, String> auth, String query,
			Map<String, List<String>> headers) {
		JavaClient client = new JavaClient(port, namespace, auth, query, headers);
		try {
			client.socket.connect().block(TIMEOUT);
		}
		catch (RuntimeException ex) {
			client.close();
			throw new IllegalStateException("Not connected to " + namespace + ": " + ex, ex);
		}
		return client;
	}

	/**
	 * Try to connect and return the CONNECT_ERROR payload.
	 */
	public static JSONObject refused(int port, String namespace, Map<String, String> auth) {
		try (JavaClient client = new JavaClient(port, namespace, auth, "", Map.of())) {
			client.socket.connect().block(TIMEOUT);
			throw new IllegalStateException("Not refused: connected to " + namespace);
		}
		catch (SocketIOConnectException ex) {
			try {
				JSONObject error = new JSONObject();
				error.put("message", ex.getMessage());
				if (ex.data() != null) {
					error.put("data", toJsonOrg(ex.data()));
				}
				return error;
			}
			catch (JSONException json) {
				throw new IllegalStateException(json);
			}
		}
	}

	public String id() {
		return this.socket.id();
	}

	public void emit(String event, Object... args) {
		this.socket.emit(event, fromJsonOrg(args));
	}

	/**
	 * Emit with an ack callback and wait for the ack's arguments.
	 */
	public Object[] ask(String event, Object... args) {
		return await(askAsync(event, args));
	}

	/**
	 * Emit with an ack callback and return the ack's arguments when they come.
	 */
	public CompletableFuture<Object[]> askAsync(String event, Object... args) {
		return this.socket.emitWithAck(event, fromJsonOrg(args)).map(JavaClient::toJsonOrg).toFuture();
	}

	/**
	 * Wait for the next event of a name and return its arguments.
	 */
	public Object[] next(String event) {
		try {
			Object[] args = queue(event).poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (args == null) {
				throw new IllegalStateException("No '" + event + "' within " + TIMEOUT);
			}
			return args;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Wait for the reason of the disconnection.
	 */
	public String disconnected() {
		try {
			String reason = this.disconnects.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (reason == null) {
				throw new IllegalStateException("Not disconnected within " + TIMEOUT);
			}
			return reason;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private BlockingQueue<Object[]> queue(String event) {
		return this.received.computeIfAbsent(event, (name) -> new LinkedBlockingQueue<>());
	}

	private static <T> T await(CompletableFuture<T> future) {
		try {
			return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.recording.dispose();
		this.states.dispose();
		this.client.close();
	}

	private static Object[] toJsonOrg(Arguments arguments) {
		return arguments.asJson().stream().map(JavaClient::toJsonOrg).toArray();
	}

	private static Object toJsonOrg(JsonNode node) {
		try {
			if (node.isObject()) {
				JSONObject object = new JSONObject();
				for (Map.Entry<String, JsonNode> property : node.properties()) {
					object.put(property.getKey(), toJsonOrg(property.getValue()));
				}
				return object;
			}
			if (node.isArray()) {
				JSONArray array = new JSONArray();
				node.forEach((element) -> array.put(toJsonOrg(element)));
				return array;
			}
		}
		catch (JSONException ex) {
			throw new IllegalStateException(ex);
		}
		if (node.isBinary()) {
			return node.binaryValue();
		}
		if (node.isNull()) {
			return JSONObject.NULL;
		}
		if (node.isInt()) {
			return node.intValue();
		}
		if (node.isIntegralNumber()) {
			return node.longValue();
		}
		if (node.isNumber()) {
			return node.doubleValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		return node.stringValue();
	}

	private static Object[] fromJsonOrg(Object[] args) {
		Object[] converted = new Object[args.length];
		for (int i = 0; i < args.length; i++) {
			Object arg = args[i];
			if (arg == JSONObject.NULL) {
				converted[i] = null;
			}
			else if (arg instanceof JSONObject || arg instanceof JSONArray) {
				converted[i] = MAPPER.readTree(arg.toString());
			}
			else {
				converted[i] = arg;
			}
		}
		return converted;
	}

	/**
	 * Return a JSON argument as plain Java values (maps, lists) for comparisons.
	 */
	public static Object plain(Object value) {
		if (value instanceof JSONObject object) {
			Map<String, Object> map = new java.util.TreeMap<>();
			Iterator<?> keys = object.keys();
			while (keys.hasNext()) {
				String key = (String) keys.next();
				map.put(key, plain(object.opt(key)));
			}
			return map;
		}
		if (value instanceof JSONArray array) {
			List<Object> list = new ArrayList<>();
			for (int i = 0; i < array.length(); i++) {
				list.add(plain(array.opt(i)));
			}
			return list;
		}
		return (value == JSONObject.NULL) ? "null" : value;
	}

	public static List<Object> plainList(Object[] values) {
		return java.util.Arrays.stream(values).map(JavaClient::plain).toList();
	}

}
