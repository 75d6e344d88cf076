package io.github.springsocketio.test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.socket.client.IO;
import io.socket.client.Socket;
import okhttp3.OkHttpClient;
import org.json.JSONObject;

/**
 * The official Java Socket.IO client (v4 protocol) connected to one namespace of the
 * test server over WebSocket, with blocking helpers that time out.
 */
public final class JavaClient implements AutoCloseable {

	public static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final OkHttpClient HTTP = new OkHttpClient.Builder().build();

	private final Socket socket;

	private final Map<String, BlockingQueue<Object[]>> received = new ConcurrentHashMap<>();

	private final CompletableFuture<Object> outcome = new CompletableFuture<>();

	private final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();

	private JavaClient(int port, String namespace, Map<String, String> auth, String query,
			Map<String, List<String>> headers) {
		IO.Options options = IO.Options.builder()
			.setForceNew(true)
			.setReconnection(false)
			.setTransports(new String[] { "websocket" })
			.setAuth(auth)
			.setQuery(query.isEmpty() ? null : query)
			.setExtraHeaders(headers.isEmpty() ? null : headers)
			.build();
		options.callFactory = HTTP;
		options.webSocketFactory = HTTP;
		this.socket = IO.socket(URI.create("http://127.0.0.1:" + port + namespace), options);
		this.socket.on(Socket.EVENT_CONNECT, (args) -> this.outcome.complete(Boolean.TRUE));
		this.socket.on(Socket.EVENT_CONNECT_ERROR, (args) -> this.outcome.complete((args.length > 0) ? args[0] : null));
		this.socket.on(Socket.EVENT_DISCONNECT, (args) -> this.disconnects.add(String.valueOf(args[0])));
		this.socket.onAnyIncoming((args) -> {
			Object[] rest = new Object[args.length - 1];
			System.arraycopy(args, 1, rest, 0, rest.length);
			queue((String) args[0]).add(rest);
		});
		this.socket.connect();
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
		Object outcome = client.await(client.outcome);
		if (!Boolean.TRUE.equals(outcome)) {
			client.close();
			throw new IllegalStateException("Not connected to " + namespace + ": " + outcome);
		}
		return client;
	}

	/**
	 * Try to connect and return the CONNECT_ERROR payload.
	 */
	public static JSONObject refused(int port, String namespace, Map<String, String> auth) {
		try (JavaClient client = new JavaClient(port, namespace, auth, "", Map.of())) {
			Object outcome = client.await(client.outcome);
			if (outcome instanceof JSONObject error) {
				return error;
			}
			throw new IllegalStateException("Not refused: " + outcome);
		}
	}

	public String id() {
		return this.socket.id();
	}

	public void emit(String event, Object... args) {
		this.socket.emit(event, args);
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
		CompletableFuture<Object[]> ack = new CompletableFuture<>();
		this.socket.emit(event, args, ack::complete);
		return ack;
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

	private <T> T await(CompletableFuture<T> future) {
		try {
			return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.socket.close();
	}

	/**
	 * Return a JSON argument as plain Java values (maps, lists) for comparisons.
	 */
	public static Object plain(Object value) {
		if (value instanceof JSONObject object) {
			Map<String, Object> map = new java.util.TreeMap<>();
			java.util.Iterator<?> keys = object.keys();
			while (keys.hasNext()) {
				String key = (String) keys.next();
				map.put(key, plain(object.opt(key)));
			}
			return map;
		}
		if (value instanceof org.json.JSONArray array) {
			List<Object> list = new java.util.ArrayList<>();
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
