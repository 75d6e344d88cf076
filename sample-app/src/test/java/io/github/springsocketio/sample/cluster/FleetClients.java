package io.github.springsocketio.sample.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The named socket.io-client 4.x clients of a cluster test, on any of its nodes
 * ({@code src/test/js/fleet-clients.mjs} driven as a {@link ControlledScript}), with the
 * socket id each got when it connected; and the waits and JSON helpers the tests of
 * cluster operations share ({@link MixedFleetOperationsTests},
 * {@link JavaFleetOperationsTests}).
 */
final class FleetClients implements AutoCloseable {

	/** How long a test waits for what happens by itself. */
	static final Duration WAIT = Duration.ofSeconds(5);

	private final ControlledScript script;

	/** Client name to socket id. */
	private final Map<String, String> ids = new HashMap<>();

	private FleetClients(ControlledScript script) {
		this.script = script;
	}

	/**
	 * Start the script, no client connected yet.
	 * @return the clients
	 * @throws IOException if it cannot be started
	 */
	static FleetClients start() throws IOException {
		return new FleetClients(ControlledScript.start("fleet-clients", "fleet-clients.mjs"));
	}

	/**
	 * Connect a client over WebSocket, with auth {@code {user: name}} and query
	 * {@code {client: name}}, and remember its socket id.
	 * @param name its name
	 * @param url the node's base URL
	 * @param acks {@code answer}: it acknowledges a {@code q} event with
	 * {@code <name>:<arg>} and {@code second}; {@code never}: not at all
	 * @return its socket id
	 */
	String connect(String name, String url, String acks) {
		String id = this.script.result("connect", "name", name, "url", url, "acks", acks).path("id").asString();
		this.ids.put(name, id);
		return id;
	}

	/**
	 * Return the socket id a client got when it connected.
	 * @param name the client's name
	 * @return its id
	 */
	String id(String name) {
		String id = this.ids.get(name);
		assertThat(id).as("id of client %s", name).isNotNull();
		return id;
	}

	/**
	 * Make a client join a room through the fixture's {@code join} event, and wait for the
	 * server's acknowledgement.
	 * @param name the client's name
	 * @param room the room
	 */
	void join(String name, String room) {
		this.script.result("join", "name", name, "room", room);
	}

	/**
	 * Make a client leave a room through the fixture's {@code leave} event, and wait for
	 * the server's acknowledgement.
	 * @param name the client's name
	 * @param room the room
	 */
	void leave(String name, String room) {
		this.script.result("leave", "name", name, "room", room);
	}

	/**
	 * Return everything a client received so far.
	 * @param name the client's name
	 * @return {@code [{event, args}]}, {@code disconnect} with its reason included
	 */
	JsonNode events(String name) {
		return this.script.result("events", "name", name);
	}

	/**
	 * Return the arguments of the first such event a client received, waiting up to 5 s
	 * for it; fail if it does not come.
	 * @param name the client's name
	 * @param event the event name
	 * @return its arguments
	 */
	JsonNode waitFor(String name, String event) {
		return this.script.result("waitFor", WAIT.plusSeconds(2), "name", name, "event", event).path("args");
	}

	/**
	 * Wait for a client's {@code disconnect} event and return its reason.
	 * @param name the client's name
	 * @param reason the reason it must have, or {@code null} for any
	 * @return the reason
	 */
	String assertDisconnected(String name, String reason) {
		String got = waitFor(name, "disconnect").path(0).asString();
		if (reason != null) {
			assertThat(got).as("reason %s got", name).isEqualTo(reason);
		}
		return got;
	}

	/**
	 * Disconnect a client.
	 * @param name the client's name
	 */
	void disconnect(String name) {
		this.script.result("close", "name", name);
	}

	@Override
	public void close() {
		this.script.close();
	}

	@Override
	public String toString() {
		return this.script.toString();
	}

	/**
	 * Parse JSON text.
	 * @param text the text
	 * @return the tree
	 */
	static JsonNode json(String text) {
		return ControlledScript.JSON.readTree(text);
	}

	/**
	 * Return the elements of an array as text.
	 * @param array the array
	 * @return each element's {@code asString()}
	 */
	static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

	/**
	 * Return the ids of sockets as a Node.js node describes them.
	 * @param sockets an array of objects with an {@code id}
	 * @return the ids
	 */
	static List<String> idsOf(JsonNode sockets) {
		List<String> values = new ArrayList<>();
		sockets.forEach((socket) -> values.add(socket.path("id").asString()));
		return values;
	}

	/**
	 * Return the milliseconds since a {@link System#nanoTime()}.
	 * @param start the start
	 * @return the elapsed time
	 */
	static long elapsedMs(long start) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
	}

	/**
	 * Check a condition every 50 ms until it holds, for at most {@link #WAIT}.
	 * @param what what is awaited, for the failure message
	 * @param condition the condition
	 */
	static void awaitTrue(String what, BooleanSupplier condition) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				fail("not within %d s: %s", WAIT.toSeconds(), what);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				fail("interrupted while waiting: %s", what);
			}
		}
	}

}
