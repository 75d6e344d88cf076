package io.github.springsocketio.sample.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.adapter.BroadcastAckTimeoutException;
import io.github.springsocketio.adapter.redis.RedisAdapterException;
import io.github.springsocketio.server.Handshake;
import io.github.springsocketio.server.RemoteSocket;
import io.github.springsocketio.server.Socket;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.test.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

/**
 * The cluster requests between a Java node and a Node.js node, with real peers on one
 * real {@code redis-server}: the sample app (conformance profile, Redis adapter) in this
 * JVM, a Node.js socket.io 4.8 node with {@code @socket.io/redis-adapter} 8.x whose
 * server API the test drives ({@code src/test/js/cluster-peer.mjs}), and socket.io-client
 * 4.x clients on both ({@code src/test/js/fleet-clients.mjs}).
 * <p>
 * Both directions: {@code fetchSockets} (id, rooms, data, handshake) and the operations
 * of the sockets it returns; {@code serverSideEmit} with and without ack, and its
 * timeout; broadcasts with acks (every client's answer, in each side's shape) and their
 * timeout; {@code socketsJoin}, {@code socketsLeave}, {@code disconnectSockets}.
 * {@link JavaFleetOperationsTests} proves the same between two Java nodes.
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class MixedFleetOperationsTests {

	private static final Logger logger = LoggerFactory.getLogger(MixedFleetOperationsTests.class);

	/** The request timeout of both nodes (fetchSockets, serverSideEmitWithAck). */
	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration WAIT = FleetClients.WAIT;

	private static final Set<String> NODE_HANDSHAKE_FIELDS = Set.of("headers", "time", "address", "xdomain", "secure",
			"issued", "url", "query", "auth");

	/** JavaScript's {@code Date.prototype.toString()}. */
	private static final String JS_DATE = "\\w{3} \\w{3} \\d{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT[+-]\\d{4} \\(.+\\)";

	private RedisServer redis;

	private JavaNode java;

	private SocketIOServer io;

	private ControlledScript node;

	private int nodePort;

	private FleetClients clients;

	private final BlockingQueue<List<String>> javaReceived = new LinkedBlockingQueue<>();

	@BeforeAll
	void startFleet() throws Exception {
		try {
			this.redis = RedisServer.start();
			this.java = JavaNode.conformance(this.redis, "--server.address=127.0.0.1",
					"--socketio.adapter.redis.request-timeout=" + REQUEST_TIMEOUT.toMillis() + "ms");
			this.io = this.java.bean(SocketIOServer.class);
			this.io.sockets()
				.onConnection((socket) -> socket.data().put("user", socket.handshake().auth().path("user").asString()));
			this.io.onServerSideEmit("ping-java", (event) -> {
				this.javaReceived.add(List.of(event.name(), event.args().toString()));
				event.ack(Map.of("from", "java", "got", event.args().get(0)));
			});
			this.io.onServerSideEmit("note", (event) -> {
				this.javaReceived.add(List.of(event.name(), event.args().toString()));
				event.ack("noted");
			});
			this.io.onServerSideEmit("binary-note", (event) -> this.javaReceived.add(List.of(event.name(),
					Boolean.toString(event.args().get(0).isBinary()), Arrays.toString(event.arg(0, byte[].class)))));
			this.nodePort = RedisServer.freePort();
			this.node = ControlledScript.start("cluster-peer", "cluster-peer.mjs", Integer.toString(this.nodePort),
					"--redis", this.redis.host() + ":" + this.redis.port(), "--requests-timeout",
					Long.toString(REQUEST_TIMEOUT.toMillis()));
			this.clients = FleetClients.start();
			FleetClients.awaitTrue("both nodes count two servers", () -> this.node.result("serverCount").asInt() == 2
					&& this.io.sockets().adapter().serverCount().block(WAIT) == 2);
			this.clients.connect("ja", this.java.url(), "answer");
			this.clients.connect("jb", this.java.url(), "answer");
			this.clients.connect("na", nodeUrl(), "answer");
			this.clients.connect("nb", nodeUrl(), "answer");
		}
		catch (Exception | Error ex) {
			stopFleet();
			throw ex;
		}
	}

	@AfterAll
	void stopFleet() {
		Processes.closeAll(logger, this.clients, this.node, this.java, this.redis);
	}

	// ---- fetchSockets

	@Test
	@Order(1)
	void javaFetchSocketsSeesTheNodeJsClients() {
		List<RemoteSocket> sockets = this.io.fetchSockets().block(WAIT);
		Map<String, RemoteSocket> byId = new HashMap<>();
		sockets.forEach((socket) -> byId.put(socket.id(), socket));
		assertThat(byId).containsOnlyKeys(id("ja"), id("jb"), id("na"), id("nb"));
		assertThat(byId.get(id("ja")).isLocal()).isTrue();
		for (String name : List.of("na", "nb")) {
			RemoteSocket remote = byId.get(id(name));
			assertThat(remote.isLocal()).as(name).isFalse();
			assertThat(remote.rooms()).as(name).containsExactly(id(name));
			assertThat(remote.data()).as(name).isEqualTo(Map.of("user", name));
			Handshake handshake = remote.handshake();
			assertThat(handshake.url()).startsWith("/socket.io/?").contains("client=" + name);
			assertThat(handshake.query().toSingleValueMap())
				.isEqualTo(Map.of("client", name, "EIO", "4", "transport", "websocket"));
			assertThat(handshake.auth().toString()).isEqualTo("{\"user\":\"" + name + "\"}");
			assertThat(handshake.address().getHostString()).isEqualTo("127.0.0.1");
			assertThat(handshake.headers().getFirst("host")).isEqualTo("127.0.0.1:" + this.nodePort);
			assertThat(handshake.headers().getFirst("upgrade")).isEqualTo("websocket");
			assertThat(handshake.secure()).isFalse();
			assertThat(handshake.issued()).isBetween(Instant.now().minusSeconds(60), Instant.now());
		}

		// a room held on the Node.js node only
		this.clients.join("na", "node-room");
		List<RemoteSocket> inRoom = this.io.in("node-room").fetchSockets().block(WAIT);
		assertThat(inRoom).extracting(RemoteSocket::id).containsExactly(id("na"));
		assertThat(inRoom.get(0).rooms()).containsExactlyInAnyOrder(id("na"), "node-room");
		this.clients.leave("na", "node-room");
	}

	@Test
	@Order(2)
	void nodeJsFetchSocketsSeesTheJavaClients() {
		JsonNode sockets = this.node.result("fetchSockets");
		Map<String, JsonNode> byId = new LinkedHashMap<>();
		sockets.forEach((socket) -> byId.put(socket.path("id").asString(), socket));
		assertThat(byId).containsOnlyKeys(id("ja"), id("jb"), id("na"), id("nb"));
		JsonNode nodeOwn = byId.get(id("na"));
		assertThat(nodeOwn.path("remote").asBoolean()).isFalse();
		for (String name : List.of("ja", "jb")) {
			JsonNode socket = byId.get(id(name));
			assertThat(socket.path("remote").asBoolean()).as(name).isTrue();
			assertThat(FleetClients.strings(socket.path("rooms"))).as(name).containsExactly(id(name));
			assertThat(socket.path("data").toString()).isEqualTo("{\"user\":\"" + name + "\"}");
			JsonNode handshake = socket.path("handshake");
			// the fields and types Node.js gives its own sockets' handshakes
			assertThat(fieldNames(handshake)).isEqualTo(NODE_HANDSHAKE_FIELDS);
			assertThat(fieldNames(nodeOwn.path("handshake"))).isEqualTo(NODE_HANDSHAKE_FIELDS);
			for (String field : NODE_HANDSHAKE_FIELDS) {
				assertThat(handshake.get(field).getNodeType()).as("type of %s of %s", field, name)
					.isEqualTo(nodeOwn.path("handshake").get(field).getNodeType());
			}
			assertThat(handshake.path("headers").path("host").asString()).isEqualTo("127.0.0.1:" + this.java.port());
			assertThat(handshake.path("headers").path("upgrade").asString()).isEqualToIgnoringCase("websocket");
			assertThat(handshake.path("time").asString()).matches(JS_DATE);
			assertThat(nodeOwn.path("handshake").path("time").asString()).matches(JS_DATE);
			assertThat(handshake.path("address").asString()).isEqualTo("127.0.0.1");
			assertThat(handshake.path("xdomain").asBoolean()).isFalse();
			assertThat(handshake.path("secure").asBoolean()).isFalse();
			assertThat(handshake.path("issued").asLong()).isBetween(Instant.now().minusSeconds(60).toEpochMilli(),
					Instant.now().toEpochMilli());
			assertThat(handshake.path("url").asString()).startsWith("/socket.io/?").contains("client=" + name);
			assertThat(handshake.path("query").toString()).contains("\"client\":\"" + name + "\"",
					"\"EIO\":\"4\"", "\"transport\":\"websocket\"");
			assertThat(handshake.path("auth").toString()).isEqualTo("{\"user\":\"" + name + "\"}");
		}

		// a room held on the Java node only
		this.clients.join("jb", "java-room");
		JsonNode inRoom = this.node.result("fetchSockets", "room", "java-room");
		assertThat(inRoom).hasSize(1);
		assertThat(inRoom.get(0).path("id").asString()).isEqualTo(id("jb"));
		assertThat(FleetClients.strings(inRoom.get(0).path("rooms"))).containsExactlyInAnyOrder(id("jb"), "java-room");
		this.clients.leave("jb", "java-room");
	}

	// ---- what a fetched socket of the other node can do

	@Test
	@Order(3)
	void javaOperatesOnANodeJsSocketItFetched() {
		List<RemoteSocket> fetched = this.io.in(id("na")).fetchSockets().block(WAIT);
		assertThat(fetched).hasSize(1);
		RemoteSocket na = fetched.get(0);
		assertThat(na.isLocal()).isFalse();

		na.emit("direct", "from java", 1);
		assertThat(this.clients.waitFor("na", "direct").toString()).isEqualTo("[\"from java\",1]");

		na.join("joined-by-java", "also-by-java");
		FleetClients.awaitTrue("na in the rooms Java joined it to", () -> nodeRoomsOf("na").containsAll(
				List.of("joined-by-java", "also-by-java")));
		na.leave("joined-by-java");
		FleetClients.awaitTrue("na out of the room Java made it leave",
				() -> !nodeRoomsOf("na").contains("joined-by-java"));
		assertThat(nodeRoomsOf("na")).containsExactlyInAnyOrder(id("na"), "also-by-java");
		na.leave("also-by-java");
		FleetClients.awaitTrue("na back to its own room", () -> nodeRoomsOf("na").equals(Set.of(id("na"))));
	}

	@Test
	@Order(4)
	void nodeJsOperatesOnAJavaSocketItFetched() {
		assertThat(this.node.result("remote", "sid", id("ja"), "action", "emit", "event", "direct", "args",
				List.of("from node", 2))
			.path("remote")
			.asBoolean()).isTrue();
		assertThat(this.clients.waitFor("ja", "direct").toString()).isEqualTo("[\"from node\",2]");

		this.node.result("remote", "sid", id("ja"), "action", "join", "rooms", List.of("joined-by-node", "also-by-node"));
		FleetClients.awaitTrue("ja in the rooms Node.js joined it to",
				() -> javaSocket("ja").rooms().containsAll(List.of("joined-by-node", "also-by-node")));
		this.node.result("remote", "sid", id("ja"), "action", "leave", "room", "joined-by-node");
		FleetClients.awaitTrue("ja out of the room Node.js made it leave",
				() -> !javaSocket("ja").rooms().contains("joined-by-node"));
		assertThat(javaSocket("ja").rooms()).containsExactlyInAnyOrder(id("ja"), "also-by-node");
		this.node.result("remote", "sid", id("ja"), "action", "leave", "room", "also-by-node");
		FleetClients.awaitTrue("ja back to its own room", () -> javaSocket("ja").rooms().equals(Set.of(id("ja"))));
	}

	// ---- server-side events

	@Test
	@Order(5)
	void serverSideEmitWithAckBothWays() {
		this.javaReceived.clear();
		long start = System.nanoTime();
		List<JsonNode> fromNode = this.io.serverSideEmitWithAck("ping-node", Map.of("q", 1)).block(WAIT);
		long javaAsked = FleetClients.elapsedMs(start);
		assertThat(fromNode).containsExactly(FleetClients.json("{\"from\":\"node\",\"got\":{\"q\":1}}"));
		assertThat(this.node.result("received").toString())
			.contains("{\"event\":\"ping-node\",\"args\":[{\"q\":1}]}");

		JsonNode fromJava = this.node.result("serverSideEmitWithAck", "event", "ping-java", "args",
				List.of(Map.of("q", 2), "ignored"));
		// one answer per node, the value given to ack (not an array of arguments)
		assertThat(fromJava.path("responses")).isEqualTo(FleetClients.json("[{\"from\":\"java\",\"got\":{\"q\":2}}]"));
		assertThat(this.javaReceived.poll()).isEqualTo(List.of("ping-java", "[{\"q\":2},\"ignored\"]"));
		logger.info("serverSideEmitWithAck: Java asked Node.js in {} ms, Node.js asked Java in {} ms", javaAsked,
				fromJava.path("elapsedMs").asLong());
	}

	@Test
	@Order(6)
	void serverSideEmitWithoutAckBothWays() throws InterruptedException {
		this.javaReceived.clear();
		this.io.serverSideEmit("note", "from java", 42, Map.of("k", List.of(1, 2)));
		FleetClients.awaitTrue("the note reached the Node.js node",
				() -> this.node.result("received").toString().contains(
						"{\"event\":\"note\",\"args\":[\"from java\",42,{\"k\":[1,2]}]}"));

		this.node.result("serverSideEmit", "event", "note", "args", List.of("from node", 7));
		assertThat(this.javaReceived.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS))
			.isEqualTo(List.of("note", "[\"from node\",7]"));

		// binary: JSON requests carry a Buffer as JSON.stringify writes it, both ways
		this.io.serverSideEmit("binary-note", (Object) new byte[] { 1, 2, (byte) 255 });
		FleetClients.awaitTrue("the binary note reached the Node.js node",
				() -> this.node.result("received").toString().contains(
						"{\"event\":\"binary-note\",\"args\":[{\"type\":\"Buffer\",\"data\":[1,2,255]}]}"));
		this.node.result("serverSideEmit", "event", "binary-note", "args", List.of(Map.of("$buffer", List.of(3, 4))));
		assertThat(this.javaReceived.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS))
			.isEqualTo(List.of("binary-note", "true", "[3, 4]"));
	}

	@Test
	@Order(7)
	void serverSideEmitWithAckFailsWhenTheOtherNodeDoesNotAnswer() {
		// neither node has a listener for it: no answer, the request times out
		long start = System.nanoTime();
		Throwable javaFailure = catchThrowable(() -> this.io.serverSideEmitWithAck("nobody-listens", 1)
			.block(REQUEST_TIMEOUT.plus(WAIT)));
		long javaWaited = FleetClients.elapsedMs(start);
		assertThat(javaFailure).isInstanceOf(RedisAdapterException.class).hasMessageContaining("timeout");
		assertThat(javaWaited).isBetween(REQUEST_TIMEOUT.toMillis() - 100, REQUEST_TIMEOUT.toMillis() + 1500);

		JsonNode nodeFailure = this.node.call("serverSideEmitWithAck", REQUEST_TIMEOUT.plus(WAIT), "event",
				"nobody-listens", "args", List.of(1));
		assertThat(nodeFailure.path("ok").asBoolean()).isFalse();
		assertThat(nodeFailure.path("error").asString()).contains("timeout reached");
		assertThat(nodeFailure.path("result").path("elapsedMs").asLong()).isBetween(REQUEST_TIMEOUT.toMillis() - 100,
				REQUEST_TIMEOUT.toMillis() + 1500);
		logger.info("serverSideEmitWithAck without answer: Java failed after {} ms ({}), Node.js after {} ms ({})",
				javaWaited, javaFailure.getMessage(), nodeFailure.path("result").path("elapsedMs").asLong(),
				nodeFailure.path("error").asString());
	}

	// ---- broadcasts with acknowledgements

	@Test
	@Order(8)
	void emitWithAckFromJavaGetsEveryClientsAck() {
		long start = System.nanoTime();
		List<JsonNode> answers = this.io.sockets().timeout(Duration.ofSeconds(3)).emitWithAck("q", "hi").block(WAIT);
		long elapsed = FleetClients.elapsedMs(start);
		// one argument array per client: all arguments from Java's own clients, the first
		// one only from the other node's (its adapter forwards one value per client)
		assertThat(answers).extracting(JsonNode::toString)
			.containsExactlyInAnyOrder("[\"ja:hi\",\"second\"]", "[\"jb:hi\",\"second\"]", "[\"na:hi\"]",
					"[\"nb:hi\"]");
		assertThat(elapsed).as("complete once every client answered, not at the timeout").isLessThan(2500);

		this.clients.join("jb", "mixed");
		this.clients.join("nb", "mixed");
		List<JsonNode> inRoom = this.io.to("mixed").timeout(Duration.ofSeconds(3)).emitWithAck("q", "room").block(WAIT);
		assertThat(inRoom).extracting(JsonNode::toString)
			.containsExactlyInAnyOrder("[\"jb:room\",\"second\"]", "[\"nb:room\"]");

		// one client, on the other node: this node counts none, the other one
		start = System.nanoTime();
		List<JsonNode> one = this.io.to(id("na")).timeout(Duration.ofSeconds(3)).emitWithAck("q", "one").block(WAIT);
		assertThat(one).extracting(JsonNode::toString).containsExactly("[\"na:one\"]");
		assertThat(FleetClients.elapsedMs(start)).isLessThan(2500);
		logger.info("emitWithAck from Java: 4 clients on 2 nodes answered in {} ms", elapsed);
	}

	@Test
	@Order(9)
	void emitWithAckFromNodeJsGetsEveryClientsAck() {
		JsonNode answers = this.node.result("emitWithAck", "timeoutMs", 3000, "event", "q", "args", List.of("yo"));
		assertThat(FleetClients.strings(answers.path("responses"))).containsExactlyInAnyOrder("ja:yo", "jb:yo",
				"na:yo", "nb:yo");
		assertThat(answers.path("elapsedMs").asLong()).isLessThan(2500);

		JsonNode inRoom = this.node.result("emitWithAck", "room", "mixed", "timeoutMs", 3000, "event", "q", "args",
				List.of("room"));
		assertThat(FleetClients.strings(inRoom.path("responses"))).containsExactlyInAnyOrder("jb:room", "nb:room");

		// one client, on the other node
		JsonNode one = this.node.result("emitWithAck", "room", id("ja"), "timeoutMs", 3000, "event", "q", "args",
				List.of("one"));
		assertThat(FleetClients.strings(one.path("responses"))).containsExactly("ja:one");
		assertThat(one.path("elapsedMs").asLong()).isLessThan(2500);
		logger.info("emitWithAck from Node.js: 4 clients on 2 nodes answered in {} ms",
				answers.path("elapsedMs").asLong());
	}

	@Test
	@Order(10)
	void emitWithAckTimesOutOnAClientOfTheOtherNodeThatNeverAnswers() {
		Duration timeout = Duration.ofSeconds(1);

		// Java asks; the silent client is on the Node.js node
		this.clients.connect("silent-n", nodeUrl(), "never");
		long start = System.nanoTime();
		Throwable javaFailure = catchThrowable(
				() -> this.io.sockets().timeout(timeout).emitWithAck("q", "t").block(WAIT));
		long javaWaited = FleetClients.elapsedMs(start);
		assertThat(javaFailure).isInstanceOf(BroadcastAckTimeoutException.class);
		BroadcastAckTimeoutException javaTimeout = (BroadcastAckTimeoutException) javaFailure;
		assertThat(javaTimeout.expected()).isEqualTo(5);
		assertThat(javaTimeout.responses()).extracting(JsonNode::toString)
			.containsExactlyInAnyOrder("[\"ja:t\",\"second\"]", "[\"jb:t\",\"second\"]", "[\"na:t\"]", "[\"nb:t\"]");
		assertThat(javaWaited).isBetween(timeout.toMillis() - 50, timeout.toMillis() + 1000);
		assertThat(this.clients.waitFor("silent-n", "q").toString()).isEqualTo("[\"t\"]");
		this.clients.disconnect("silent-n");
		FleetClients.awaitTrue("silent-n gone", () -> this.io.fetchSockets().block(WAIT).size() == 4);

		// Node.js asks; the silent client is on the Java node
		this.clients.connect("silent-j", this.java.url(), "never");
		JsonNode nodeFailure = this.node.call("emitWithAck", WAIT, "timeoutMs", timeout.toMillis(), "event", "q",
				"args", List.of("u"));
		assertThat(nodeFailure.path("ok").asBoolean()).as("%s", nodeFailure).isFalse();
		assertThat(nodeFailure.path("error").asString()).isEqualTo("operation has timed out");
		assertThat(FleetClients.strings(nodeFailure.path("result").path("responses")))
			.containsExactlyInAnyOrder("ja:u", "jb:u", "na:u", "nb:u");
		long nodeWaited = nodeFailure.path("result").path("elapsedMs").asLong();
		assertThat(nodeWaited).isBetween(timeout.toMillis() - 50, timeout.toMillis() + 1000);
		assertThat(this.clients.waitFor("silent-j", "q").toString()).isEqualTo("[\"u\"]");
		this.clients.disconnect("silent-j");
		FleetClients.awaitTrue("silent-j gone", () -> this.io.sockets().sockets().size() == 2);
		logger.info("emitWithAck with a silent client on the other node ({} ms timeout): Java failed after {} ms, "
				+ "Node.js after {} ms", timeout.toMillis(), javaWaited, nodeWaited);
	}

	// ---- socketsJoin, socketsLeave

	@Test
	@Order(11)
	void socketsJoinAndLeaveFromNodeJsMoveJavasClients() {
		this.clients.join("ja", "group");
		this.clients.join("na", "group");

		this.node.result("socketsJoin", "room", "group", "rooms", List.of("by-node-1", "by-node-2"));
		FleetClients.awaitTrue("ja joined by Node.js",
				() -> javaSocket("ja").rooms().containsAll(List.of("by-node-1", "by-node-2")));
		assertThat(javaSocket("jb").rooms()).doesNotContain("by-node-1", "by-node-2");
		assertThat(FleetClients.idsOf(this.node.result("fetchSockets", "room", "by-node-1")))
			.containsExactlyInAnyOrder(id("ja"), id("na"));

		this.node.result("socketsLeave", "room", "group", "rooms", List.of("by-node-1"));
		FleetClients.awaitTrue("ja left by Node.js", () -> !javaSocket("ja").rooms().contains("by-node-1"));
		assertThat(javaSocket("ja").rooms()).contains("by-node-2");
		assertThat(FleetClients.idsOf(this.node.result("fetchSockets", "room", "by-node-1"))).isEmpty();
		this.node.result("socketsLeave", "rooms", List.of("by-node-2"));
		FleetClients.awaitTrue("everyone left by-node-2", () -> !javaSocket("ja").rooms().contains("by-node-2"));
	}

	@Test
	@Order(12)
	void socketsJoinAndLeaveFromJavaMoveNodeJsClients() {
		// "group": ja and na, from the test before
		this.io.in("group").socketsJoin("by-java-1", "by-java-2");
		FleetClients.awaitTrue("na joined by Java",
				() -> nodeRoomsOf("na").containsAll(List.of("by-java-1", "by-java-2")));
		assertThat(nodeRoomsOf("nb")).doesNotContain("by-java-1", "by-java-2");
		assertThat(javaSocket("ja").rooms()).contains("by-java-1", "by-java-2");
		JsonNode seenByNode = this.node.result("fetchSockets", "room", "by-java-1");
		assertThat(FleetClients.idsOf(seenByNode)).containsExactlyInAnyOrder(id("ja"), id("na"));

		this.io.in("group").socketsLeave("by-java-1");
		FleetClients.awaitTrue("na left by Java", () -> !nodeRoomsOf("na").contains("by-java-1"));
		assertThat(nodeRoomsOf("na")).contains("by-java-2");
		assertThat(javaSocket("ja").rooms()).doesNotContain("by-java-1");
		this.io.sockets().socketsLeave("by-java-2");
		FleetClients.awaitTrue("everyone left by-java-2", () -> !nodeRoomsOf("na").contains("by-java-2"));
		assertThat(this.io.in("by-java-2").fetchSockets().block(WAIT)).isEmpty();
	}

	// ---- disconnecting

	@Test
	@Order(13)
	void disconnectSocketsAcrossNodes() {
		for (String name : List.of("jv1", "jv2", "jv3")) {
			this.clients.connect(name, this.java.url(), "answer");
		}
		for (String name : List.of("nv1", "nv2", "nv3")) {
			this.clients.connect(name, nodeUrl(), "answer");
		}
		for (String name : List.of("jv1", "nv1")) {
			this.clients.join(name, "doomed-by-node");
		}
		for (String name : List.of("jv2", "nv2")) {
			this.clients.join(name, "doomed-by-java");
		}

		// Node.js disconnects a room with a client on each node
		this.node.result("disconnectSockets", "room", "doomed-by-node", "close", false);
		this.clients.assertDisconnected("jv1", "io server disconnect");
		this.clients.assertDisconnected("nv1", "io server disconnect");

		// Java does, closing the connections
		this.io.in("doomed-by-java").disconnectSockets(true);
		String javaReason = this.clients.assertDisconnected("jv2", null);
		String nodeReason = this.clients.assertDisconnected("nv2", null);
		logger.info("disconnectSockets(true) from Java: the client on Java saw '{}', the one on Node.js '{}'",
				javaReason, nodeReason);

		// a fetched socket of the other node, each way
		RemoteSocket nv3 = this.io.in(id("nv3")).fetchSockets().block(WAIT).get(0);
		assertThat(nv3.isLocal()).isFalse();
		nv3.disconnect(false);
		this.clients.assertDisconnected("nv3", "io server disconnect");
		this.node.result("remote", "sid", id("jv3"), "action", "disconnect", "close", false);
		this.clients.assertDisconnected("jv3", "io server disconnect");

		// nobody else
		FleetClients.awaitTrue("only the four first clients left",
				() -> FleetClients.idsOf(this.node.result("fetchSockets")).size() == 4);
		assertThat(this.io.fetchSockets().block(WAIT)).extracting(RemoteSocket::id)
			.containsExactlyInAnyOrder(id("ja"), id("jb"), id("na"), id("nb"));
		for (String name : List.of("ja", "jb", "na", "nb")) {
			assertThat(this.clients.events(name).toString()).as(name).doesNotContain("disconnect");
		}
	}

	// ---- helpers

	private String id(String name) {
		return this.clients.id(name);
	}

	private String nodeUrl() {
		return "http://127.0.0.1:" + this.nodePort;
	}

	private Socket javaSocket(String name) {
		Socket socket = this.io.sockets().socket(id(name));
		assertThat(socket).as("%s on the Java node", name).isNotNull();
		return socket;
	}

	/** A Node.js client's rooms, as its own node reports them. */
	private Set<String> nodeRoomsOf(String name) {
		for (JsonNode socket : this.node.result("fetchSockets", "room", id(name))) {
			if (socket.path("id").asString().equals(id(name))) {
				assertThat(socket.path("remote").asBoolean()).isFalse();
				return new TreeSet<>(FleetClients.strings(socket.path("rooms")));
			}
		}
		return fail("%s is not on the Node.js node", name);
	}

	private static Set<String> fieldNames(JsonNode object) {
		Set<String> names = new TreeSet<>();
		object.propertyNames().forEach(names::add);
		return names;
	}

}
