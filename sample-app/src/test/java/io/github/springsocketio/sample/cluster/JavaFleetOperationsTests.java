package io.github.springsocketio.sample.cluster;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

/**
 * The cluster requests between two full instances of the sample app (conformance
 * profile, Redis adapter), A and B, in this JVM, on one real {@code redis-server}, with
 * socket.io-client 4.x clients on both ({@code src/test/js/fleet-clients.mjs}): a1 and
 * a2 on A, b1 and b2 on B.
 * <p>
 * Each operation both ways, A about B's clients and B about A's: {@code fetchSockets}
 * (id, rooms, data, handshake) and the operations of the sockets it returns;
 * {@code serverSideEmit} with and without ack, and its timeout; broadcasts with acks
 * (every client's answer) and their timeout; {@code socketsJoin}, {@code socketsLeave},
 * {@code disconnectSockets}. {@link MixedFleetOperationsTests} proves the same between
 * a Java node and a Node.js node.
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class JavaFleetOperationsTests {

	private static final Logger logger = LoggerFactory.getLogger(JavaFleetOperationsTests.class);

	/** The request timeout of both nodes (fetchSockets, serverSideEmitWithAck). */
	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

	/** The time limit of the broadcasts with acks that all clients answer. */
	private static final Duration ACK_TIMEOUT = Duration.ofSeconds(3);

	private static final Duration WAIT = FleetClients.WAIT;

	private static final String SERVER_DISCONNECT = "io server disconnect";

	private RedisServer redis;

	private Node a;

	private Node b;

	private FleetClients clients;

	@BeforeAll
	void startFleet() throws Exception {
		try {
			this.redis = RedisServer.start();
			this.a = Node.start("A", this.redis, List.of("a1", "a2"));
			this.b = Node.start("B", this.redis, List.of("b1", "b2"));
			this.clients = FleetClients.start();
			FleetClients.awaitTrue("both nodes count two servers",
					() -> this.a.serverCount() == 2 && this.b.serverCount() == 2);
			for (Node node : List.of(this.a, this.b)) {
				for (String name : node.clients) {
					this.clients.connect(name, node.java.url(), "answer");
				}
			}
		}
		catch (Exception | Error ex) {
			stopFleet();
			throw ex;
		}
	}

	@AfterAll
	void stopFleet() {
		Processes.closeAll(logger, this.clients, this.a, this.b, this.redis);
	}

	// ---- fetchSockets

	@Test
	@Order(1)
	void fetchSocketsSeesTheClientsOfTheOtherNode() {
		assertFetchSeesTheOtherNode(this.a, this.b);
		assertFetchSeesTheOtherNode(this.b, this.a);
	}

	private void assertFetchSeesTheOtherNode(Node asker, Node other) {
		List<RemoteSocket> sockets = asker.io.fetchSockets().block(WAIT);
		Map<String, RemoteSocket> byId = new HashMap<>();
		sockets.forEach((socket) -> byId.put(socket.id(), socket));
		assertThat(byId).as("%s fetched", asker).containsOnlyKeys(ids("a1", "a2", "b1", "b2"));
		for (String name : asker.clients) {
			RemoteSocket own = byId.get(id(name));
			assertThat(own.isLocal()).as(name).isTrue();
			assertThat(own.localSocket()).isSameAs(asker.socket(id(name)));
		}
		for (String name : other.clients) {
			RemoteSocket remote = byId.get(id(name));
			Socket there = other.socket(id(name));
			assertThat(remote.isLocal()).as(name).isFalse();
			assertThat(remote.localSocket()).isNull();
			assertThat(remote.rooms()).as(name).containsExactly(id(name));
			assertThat(remote.data()).as(name).isEqualTo(Map.of("user", name));
			Handshake handshake = remote.handshake();
			Handshake original = there.handshake();
			assertThat(handshake.url()).isEqualTo(original.url()).startsWith("/socket.io/?").contains("client=" + name);
			assertThat(handshake.query().toSingleValueMap())
				.isEqualTo(Map.of("client", name, "EIO", "4", "transport", "websocket"));
			assertThat(handshake.query()).isEqualTo(original.query());
			assertThat(handshake.auth().toString()).isEqualTo("{\"user\":\"" + name + "\"}");
			assertThat(handshake.auth()).isEqualTo(original.auth());
			// the host only, unresolved: the port of the client is not exchanged
			assertThat(handshake.address().getHostString()).isEqualTo("127.0.0.1");
			assertThat(handshake.address().isUnresolved()).isTrue();
			assertThat(handshake.address().getPort()).isZero();
			assertThat(original.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
			assertThat(handshake.headers().getFirst("host")).isEqualTo("127.0.0.1:" + other.java.port());
			assertThat(handshake.headers().getFirst("upgrade")).isEqualTo("websocket");
			assertThat(handshake.headers().headerNames()).hasSameSizeAs(original.headers().headerNames());
			for (String header : original.headers().headerNames()) {
				assertThat(handshake.headers().get(header)).as("header %s of %s", header, name)
					.containsExactly(String.join(", ", original.headers().get(header)));
			}
			assertThat(handshake.secure()).isFalse();
			assertThat(handshake.principal()).isNull();
			// milliseconds, as the Node.js handshake's issued
			assertThat(handshake.issued()).isEqualTo(original.issued().truncatedTo(ChronoUnit.MILLIS));
		}

		// a room held on the other node only, and the same room left out
		String holder = other.clients.get(0);
		String room = "held-on-" + other.name;
		this.clients.join(holder, room);
		List<RemoteSocket> inRoom = asker.io.in(room).fetchSockets().block(WAIT);
		assertThat(inRoom).extracting(RemoteSocket::id).containsExactly(id(holder));
		assertThat(inRoom.get(0).isLocal()).isFalse();
		assertThat(inRoom.get(0).rooms()).containsExactlyInAnyOrder(id(holder), room);
		assertThat(asker.io.sockets().except(room).fetchSockets().block(WAIT)).extracting(RemoteSocket::id)
			.containsExactlyInAnyOrder(ids(asker.clients.get(0), asker.clients.get(1), other.clients.get(1)));
		this.clients.leave(holder, room);
		assertThat(asker.io.in(room).fetchSockets().block(WAIT)).isEmpty();
	}

	// ---- what a fetched socket of the other node can do

	@Test
	@Order(2)
	void aFetchedSocketOfTheOtherNodeTakesEmitJoinAndLeave() {
		operateOnAFetchedSocketOfTheOtherNode(this.a, this.b);
		operateOnAFetchedSocketOfTheOtherNode(this.b, this.a);
	}

	private void operateOnAFetchedSocketOfTheOtherNode(Node asker, Node other) {
		String name = other.clients.get(0);
		List<RemoteSocket> fetched = asker.io.in(id(name)).fetchSockets().block(WAIT);
		assertThat(fetched).extracting(RemoteSocket::id).containsExactly(id(name));
		RemoteSocket remote = fetched.get(0);
		assertThat(remote.isLocal()).isFalse();

		String event = "direct-from-" + asker.name;
		remote.emit(event, "from " + asker.name, 1, Map.of("k", List.of(true)));
		assertThat(this.clients.waitFor(name, event).toString())
			.isEqualTo("[\"from " + asker.name + "\",1,{\"k\":[true]}]");

		String joined = "joined-by-" + asker.name;
		String also = "also-by-" + asker.name;
		remote.join(joined, also);
		FleetClients.awaitTrue(name + " in the rooms " + asker + " joined it to",
				() -> other.socket(id(name)).rooms().containsAll(List.of(joined, also)));
		assertThat(other.socket(id(name)).rooms()).containsExactlyInAnyOrder(id(name), joined, also);
		remote.leave(joined);
		FleetClients.awaitTrue(name + " out of the room " + asker + " made it leave",
				() -> !other.socket(id(name)).rooms().contains(joined));
		assertThat(other.socket(id(name)).rooms()).containsExactlyInAnyOrder(id(name), also);
		remote.leave(also);
		FleetClients.awaitTrue(name + " back to its own room",
				() -> other.socket(id(name)).rooms().equals(Set.of(id(name))));
		// the snapshot stays as fetched; a new fetch sees what the other node holds
		assertThat(remote.rooms()).containsExactly(id(name));

		// nobody else got the emit
		for (String bystander : List.of("a1", "a2", "b1", "b2")) {
			if (!bystander.equals(name)) {
				assertThat(this.clients.events(bystander).toString()).as(bystander).doesNotContain(event);
			}
		}
	}

	// ---- server-side events

	@Test
	@Order(3)
	void serverSideEmitReachesTheOtherNodeOnlyInOrder() throws InterruptedException {
		serverSideEmitFromTo(this.a, this.b);
		serverSideEmitFromTo(this.b, this.a);
	}

	private void serverSideEmitFromTo(Node sender, Node other) throws InterruptedException {
		sender.received.clear();
		other.received.clear();
		sender.io.serverSideEmit("note", "from " + sender.name, 42, Map.of("k", List.of(1, 2)));
		sender.io.serverSideEmit("note", 2);
		sender.io.serverSideEmit("note");
		assertThat(other.nextReceived()).isEqualTo(List.of("note", "[\"from " + sender.name + "\",42,{\"k\":[1,2]}]"));
		assertThat(other.nextReceived()).isEqualTo(List.of("note", "[2]"));
		assertThat(other.nextReceived()).isEqualTo(List.of("note", "[]"));

		// Redis delivered the sender's own notes to it before this answer: it ignored them
		other.io.serverSideEmit("note", "answer");
		assertThat(sender.nextReceived()).isEqualTo(List.of("note", "[\"answer\"]"));
		assertThat(sender.received).isEmpty();
		assertThat(other.received).isEmpty();
	}

	@Test
	@Order(4)
	void serverSideEmitWithAckGetsOneAnswerFromTheOtherNode() throws InterruptedException {
		serverSideEmitWithAckFromTo(this.a, this.b);
		serverSideEmitWithAckFromTo(this.b, this.a);
	}

	private void serverSideEmitWithAckFromTo(Node sender, Node other) throws InterruptedException {
		sender.received.clear();
		other.received.clear();
		long start = System.nanoTime();
		List<JsonNode> answers = sender.io.serverSideEmitWithAck("ping", Map.of("q", sender.name), "second")
			.block(WAIT);
		long elapsed = FleetClients.elapsedMs(start);
		// one answer per other node, the value given to ack (not an array of arguments)
		assertThat(answers).containsExactly(
				FleetClients.json("{\"from\":\"" + other.name + "\",\"got\":{\"q\":\"" + sender.name + "\"}}"));
		assertThat(elapsed).as("answered, not timed out").isLessThan(REQUEST_TIMEOUT.toMillis() - 500);
		assertThat(other.nextReceived()).isEqualTo(List.of("ping", "[{\"q\":\"" + sender.name + "\"},\"second\"]"));
		assertThat(sender.received).isEmpty();
		logger.info("serverSideEmitWithAck: {} asked {} in {} ms", sender, other, elapsed);
	}

	@Test
	@Order(5)
	void serverSideEmitWithAckFailsAfterTheRequestTimeoutWhenNobodyListens() throws InterruptedException {
		// both ways at once: neither node has a listener for it, the requests time out
		long start = System.nanoTime();
		CompletableFuture<Long> fromA = failureTime(this.a, start);
		CompletableFuture<Long> fromB = failureTime(this.b, start);
		for (CompletableFuture<Long> failed : List.of(fromA, fromB)) {
			long waited = awaitFailure(failed);
			assertThat(waited).isBetween(REQUEST_TIMEOUT.toMillis() - 100, REQUEST_TIMEOUT.toMillis() + 1500);
		}
		logger.info("serverSideEmitWithAck without answer: A failed after {} ms, B after {} ms", fromA.join(),
				fromB.join());
	}

	/** The time the request took, completed when it failed as expected. */
	private static CompletableFuture<Long> failureTime(Node sender, long start) {
		return sender.io.serverSideEmitWithAck("nobody-listens", 1).toFuture().handle((answers, error) -> {
			long waited = FleetClients.elapsedMs(start);
			assertThat(error).as("%s got %s", sender, answers)
				.isInstanceOf(RedisAdapterException.class)
				.hasMessage("timeout reached while waiting for serverSideEmit response: 0 of 1 nodes answered within "
						+ REQUEST_TIMEOUT.toMillis() + " ms");
			return waited;
		});
	}

	private static long awaitFailure(CompletableFuture<Long> failed) throws InterruptedException {
		try {
			return failed.get(REQUEST_TIMEOUT.plus(WAIT).toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof AssertionError assertion) ? assertion : new AssertionError(ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new AssertionError("serverSideEmitWithAck did not end", ex);
		}
	}

	// ---- broadcasts with acknowledgements

	@Test
	@Order(6)
	void emitWithAckGetsEveryClientsAckAcrossNodes() {
		this.clients.join("a2", "mixed");
		this.clients.join("b2", "mixed");
		emitWithAckFrom(this.a, this.b);
		emitWithAckFrom(this.b, this.a);
	}

	private void emitWithAckFrom(Node asker, Node other) {
		String mine1 = asker.clients.get(0);
		String mine2 = asker.clients.get(1);
		String theirs1 = other.clients.get(0);
		String theirs2 = other.clients.get(1);
		String arg = "hi-" + asker.name;
		long start = System.nanoTime();
		List<JsonNode> answers = asker.io.sockets().timeout(ACK_TIMEOUT).emitWithAck("q", arg).block(WAIT);
		long elapsed = FleetClients.elapsedMs(start);
		// one argument array per client: all arguments from the asking node's own clients,
		// the first one only from the other node's (the adapter forwards one value per
		// client)
		assertThat(answers).extracting(JsonNode::toString)
			.containsExactlyInAnyOrder(bothArgs(mine1, arg), bothArgs(mine2, arg), firstArg(theirs1, arg),
					firstArg(theirs2, arg));
		assertThat(elapsed).as("complete once every client answered, not at the timeout").isLessThan(2500);

		// a2 and b2 are in "mixed"
		List<JsonNode> inRoom = asker.io.to("mixed").timeout(ACK_TIMEOUT).emitWithAck("q", "room").block(WAIT);
		assertThat(inRoom).extracting(JsonNode::toString)
			.containsExactlyInAnyOrder(bothArgs(mine2, "room"), firstArg(theirs2, "room"));
		List<JsonNode> outOfRoom = asker.io.except("mixed").timeout(ACK_TIMEOUT).emitWithAck("q", "except").block(WAIT);
		assertThat(outOfRoom).extracting(JsonNode::toString)
			.containsExactlyInAnyOrder(bothArgs(mine1, "except"), firstArg(theirs1, "except"));

		// one client, on the other node: this node counts none, the other one
		start = System.nanoTime();
		List<JsonNode> one = asker.io.to(id(theirs1)).timeout(ACK_TIMEOUT).emitWithAck("q", "one").block(WAIT);
		assertThat(one).extracting(JsonNode::toString).containsExactly(firstArg(theirs1, "one"));
		assertThat(FleetClients.elapsedMs(start)).isLessThan(2500);
		logger.info("emitWithAck from {}: 4 clients on 2 nodes answered in {} ms", asker, elapsed);
	}

	/** A client's answer to {@code q} from the asking node's own client: both arguments. */
	private static String bothArgs(String client, String arg) {
		return "[\"" + client + ":" + arg + "\",\"second\"]";
	}

	/** A client's answer to {@code q} through the other node: its first argument only. */
	private static String firstArg(String client, String arg) {
		return "[\"" + client + ":" + arg + "\"]";
	}

	@Test
	@Order(7)
	void emitWithAckTimesOutOnAClientOfTheOtherNodeThatNeverAnswers() {
		emitWithAckTimesOutOnASilentClientOf(this.a, this.b);
		emitWithAckTimesOutOnASilentClientOf(this.b, this.a);
	}

	private void emitWithAckTimesOutOnASilentClientOf(Node asker, Node other) {
		Duration timeout = Duration.ofSeconds(1);
		String silent = "silent-on-" + other.name;
		this.clients.connect(silent, other.java.url(), "never");
		long start = System.nanoTime();
		Throwable failure = catchThrowable(() -> asker.io.sockets().timeout(timeout).emitWithAck("q", "t").block(WAIT));
		long waited = FleetClients.elapsedMs(start);
		assertThat(failure).isInstanceOf(BroadcastAckTimeoutException.class)
			.hasMessage("operation has timed out: 4 of 5 clients acknowledged");
		BroadcastAckTimeoutException timedOut = (BroadcastAckTimeoutException) failure;
		assertThat(timedOut.expected()).isEqualTo(5);
		assertThat(timedOut.responses()).extracting(JsonNode::toString)
			.containsExactlyInAnyOrder(bothArgs(asker.clients.get(0), "t"), bothArgs(asker.clients.get(1), "t"),
					firstArg(other.clients.get(0), "t"), firstArg(other.clients.get(1), "t"));
		assertThat(waited).isBetween(timeout.toMillis() - 50, timeout.toMillis() + 1000);
		assertThat(this.clients.waitFor(silent, "q").toString()).isEqualTo("[\"t\"]");
		this.clients.disconnect(silent);
		FleetClients.awaitTrue(silent + " gone", () -> other.io.sockets().sockets().size() == 2);
		logger.info("emitWithAck from {} with a silent client on {} ({} ms timeout): failed after {} ms", asker, other,
				timeout.toMillis(), waited);
	}

	// ---- socketsJoin, socketsLeave

	@Test
	@Order(8)
	void socketsJoinAndLeaveMoveTheClientsOfTheOtherNode() {
		this.clients.join("a1", "group");
		this.clients.join("b1", "group");
		socketsJoinAndLeaveFrom(this.a, this.b);
		socketsJoinAndLeaveFrom(this.b, this.a);
	}

	private void socketsJoinAndLeaveFrom(Node asker, Node other) {
		// "group": a1 and b1
		String mine = asker.clients.get(0);
		String theirs = other.clients.get(0);
		String first = "by-" + asker.name + "-1";
		String second = "by-" + asker.name + "-2";
		asker.io.in("group").socketsJoin(first, second);
		FleetClients.awaitTrue(theirs + " joined by " + asker,
				() -> other.socket(id(theirs)).rooms().containsAll(List.of(first, second)));
		assertThat(other.socket(id(theirs)).rooms()).containsExactlyInAnyOrder(id(theirs), "group", first, second);
		assertThat(asker.socket(id(mine)).rooms()).containsExactlyInAnyOrder(id(mine), "group", first, second);
		assertThat(other.socket(id(other.clients.get(1))).rooms()).doesNotContain(first, second);
		assertThat(asker.socket(id(asker.clients.get(1))).rooms()).doesNotContain(first, second);
		assertThat(other.io.in(first).fetchSockets().block(WAIT)).extracting(RemoteSocket::id)
			.containsExactlyInAnyOrder(id(mine), id(theirs));

		asker.io.in("group").socketsLeave(first);
		FleetClients.awaitTrue(theirs + " left by " + asker, () -> !other.socket(id(theirs)).rooms().contains(first));
		assertThat(other.socket(id(theirs)).rooms()).containsExactlyInAnyOrder(id(theirs), "group", second);
		assertThat(asker.socket(id(mine)).rooms()).containsExactlyInAnyOrder(id(mine), "group", second);
		assertThat(other.io.in(first).fetchSockets().block(WAIT)).isEmpty();

		// every socket of the cluster
		asker.io.sockets().socketsLeave(second);
		FleetClients.awaitTrue("everyone left " + second, () -> !other.socket(id(theirs)).rooms().contains(second));
		assertThat(other.socket(id(theirs)).rooms()).containsExactlyInAnyOrder(id(theirs), "group");
		assertThat(asker.socket(id(mine)).rooms()).containsExactlyInAnyOrder(id(mine), "group");
		assertThat(other.io.in(second).fetchSockets().block(WAIT)).isEmpty();
	}

	// ---- disconnecting

	@Test
	@Order(9)
	void disconnectSocketsAcrossNodes() {
		for (Node node : List.of(this.a, this.b)) {
			String prefix = node.name.toLowerCase(Locale.ROOT);
			for (String name : List.of(prefix + "v1", prefix + "v2", prefix + "v3")) {
				this.clients.connect(name, node.java.url(), "answer");
			}
		}
		for (String name : List.of("av1", "bv1")) {
			this.clients.join(name, "doomed-by-a");
		}
		for (String name : List.of("av2", "bv2")) {
			this.clients.join(name, "doomed-by-b");
		}

		// A disconnects a room with a client on each node
		this.a.io.in("doomed-by-a").disconnectSockets(false);
		this.clients.assertDisconnected("av1", SERVER_DISCONNECT);
		this.clients.assertDisconnected("bv1", SERVER_DISCONNECT);

		// B does, closing the connections: the disconnect packet goes out first
		this.b.io.in("doomed-by-b").disconnectSockets(true);
		this.clients.assertDisconnected("av2", SERVER_DISCONNECT);
		this.clients.assertDisconnected("bv2", SERVER_DISCONNECT);

		// a fetched socket of the other node, each way
		RemoteSocket bv3 = this.a.io.in(id("bv3")).fetchSockets().block(WAIT).get(0);
		assertThat(bv3.isLocal()).isFalse();
		bv3.disconnect(false);
		this.clients.assertDisconnected("bv3", SERVER_DISCONNECT);
		RemoteSocket av3 = this.b.io.in(id("av3")).fetchSockets().block(WAIT).get(0);
		assertThat(av3.isLocal()).isFalse();
		av3.disconnect(false);
		this.clients.assertDisconnected("av3", SERVER_DISCONNECT);

		// nobody else
		FleetClients.awaitTrue("only the four first clients left",
				() -> this.a.io.sockets().sockets().size() == 2 && this.b.io.sockets().sockets().size() == 2);
		for (Node node : List.of(this.a, this.b)) {
			assertThat(node.io.fetchSockets().block(WAIT)).as("%s fetched", node)
				.extracting(RemoteSocket::id)
				.containsExactlyInAnyOrder(ids("a1", "a2", "b1", "b2"));
		}
		for (String name : List.of("a1", "a2", "b1", "b2")) {
			assertThat(this.clients.events(name).toString()).as(name).doesNotContain("disconnect");
		}
	}

	// ---- helpers

	private String id(String name) {
		return this.clients.id(name);
	}

	private String[] ids(String... names) {
		return Arrays.stream(names).map(this::id).toArray(String[]::new);
	}

	/**
	 * One instance of the sample app: its server, the server-side events it received
	 * ({@code [name, args]}), and the names of the two clients the test connects to it.
	 */
	private static final class Node implements AutoCloseable {

		private final String name;

		private final JavaNode java;

		private final SocketIOServer io;

		private final List<String> clients;

		private final BlockingQueue<List<String>> received = new LinkedBlockingQueue<>();

		private Node(String name, JavaNode java, List<String> clients) {
			this.name = name;
			this.java = java;
			this.io = java.bean(SocketIOServer.class);
			this.clients = clients;
			this.io.sockets()
				.onConnection((socket) -> socket.data().put("user", socket.handshake().auth().path("user").asString()));
			this.io.onServerSideEmit("ping", (event) -> {
				this.received.add(List.of(event.name(), event.args().toString()));
				event.ack(Map.of("from", name, "got", event.args().get(0)));
			});
			this.io.onServerSideEmit("note",
					(event) -> this.received.add(List.of(event.name(), event.args().toString())));
		}

		static Node start(String name, RedisServer redis, List<String> clients) {
			JavaNode java = JavaNode.conformance(redis, "--server.address=127.0.0.1",
					"--socketio.adapter.redis.request-timeout=" + REQUEST_TIMEOUT.toMillis() + "ms");
			try {
				return new Node(name, java, clients);
			}
			catch (RuntimeException | Error ex) {
				java.close();
				throw ex;
			}
		}

		int serverCount() {
			return this.io.sockets().adapter().serverCount().block(WAIT);
		}

		/** One of this node's own sockets. */
		Socket socket(String id) {
			Socket socket = this.io.sockets().socket(id);
			assertThat(socket).as("%s on %s", id, this).isNotNull();
			return socket;
		}

		/** The next server-side event this node received, waiting for it up to 5 s. */
		List<String> nextReceived() throws InterruptedException {
			return this.received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}

		@Override
		public void close() {
			this.java.close();
		}

		@Override
		public String toString() {
			return "node " + this.name;
		}

	}

}
