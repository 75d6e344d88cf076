package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.adapter.BroadcastAckTimeoutException;
import io.github.springsocketio.server.RemoteSocket;
import io.github.springsocketio.server.Socket;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.server.SocketIOServerOptions;
import io.github.springsocketio.test.InProcessSession;
import io.github.springsocketio.test.RedisServer;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes (two {@link SocketIOServer}s, each with its own Redis connections) on a
 * real {@code redis-server}: every cluster operation of the server API, and what
 * happens while Redis is down and once it is back.
 */
class RedisAdapterClusterTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static RedisServer redis;

	private static ClientResources resources;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private Node a;

	private Node b;

	@BeforeAll
	static void startRedis() {
		redis = RedisServer.start();
		resources = ClientResources.builder()
			.reconnectDelay(Delay.exponential(50, 500, TimeUnit.MILLISECONDS, 2))
			.build();
	}

	@AfterAll
	static void stopRedis() {
		resources.shutdown(0, 1, TimeUnit.SECONDS);
		redis.close();
	}

	@BeforeEach
	void startNodes() {
		if (!redis.isRunning()) {
			redis.restart();
		}
		this.a = node();
		this.b = node();
		awaitCluster(2);
	}

	@AfterEach
	void stopNodes() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	private Node node() {
		return node(new RedisAdapterOptions("socket.io", Duration.ofSeconds(2), 1000));
	}

	private Node node(RedisAdapterOptions options) {
		RedisClient client = RedisClient.create(resources, RedisURI.create(redis.host(), redis.port()));
		client.setOptions(ClientOptions.builder().build());
		RedisAdapterFactory factory = new RedisAdapterFactory(client, options);
		SocketIOServer server = new SocketIOServer(
				SocketIOServerOptions.builder().adapterFactory(factory).build(), JsonMapper.builder().build());
		this.closeables.add(() -> client.shutdown(0, 1, TimeUnit.SECONDS));
		this.closeables.add(factory);
		this.closeables.add(server::close);
		return new Node(server, factory);
	}

	private void awaitCluster(int nodes) {
		await().atMost(WAIT)
			.until(() -> this.a.server.sockets().adapter().serverCount().onErrorReturn(-1).block() == nodes);
	}

	private static InProcessSession connect(Node node) {
		return InProcessSession.open(node.server).receive("40");
	}

	private static Socket socket(Node node, InProcessSession session) {
		return node.server.sockets().socket(session.lastSocketId());
	}

	private static void awaitText(InProcessSession session, String text) {
		await().atMost(WAIT).untilAsserted(() -> assertThat(session.texts()).contains(text));
	}

	@Test
	void roomBroadcastReachesTheRoomOnEveryNodeOnly() {
		InProcessSession inRoomA = connect(this.a);
		InProcessSession inRoomB = connect(this.b);
		InProcessSession elsewhereB = connect(this.b);
		String room = "café-#-ж-🚀";
		socket(this.a, inRoomA).join(room);
		socket(this.b, inRoomB).join(room);
		this.a.server.to(room).emit("news", "hello", 42, java.util.Map.of("n", 7));
		String expected = "42[\"news\",\"hello\",42,{\"n\":7}]";
		awaitText(inRoomB, expected);
		assertThat(inRoomA.texts()).contains(expected);
		assertThat(inRoomA.texts().stream().filter(expected::equals)).hasSize(1);
		sleepBriefly();
		assertThat(elsewhereB.texts()).doesNotContain(expected);
		assertThat(inRoomB.texts().stream().filter(expected::equals)).hasSize(1);
	}

	@Test
	void socketBroadcastReachesEveryOtherSocketOfTheClusterButTheSender() {
		InProcessSession sender = connect(this.a);
		InProcessSession neighbour = connect(this.a);
		InProcessSession remote = connect(this.b);
		socket(this.a, sender).broadcast().emit("shout", "to everyone");
		String expected = "42[\"shout\",\"to everyone\"]";
		awaitText(remote, expected);
		awaitText(neighbour, expected);
		sleepBriefly();
		assertThat(sender.texts()).doesNotContain(expected);
	}

	@Test
	void severalRoomsAndExceptAreAppliedOnEveryNode() {
		InProcessSession both = connect(this.b);
		InProcessSession r1 = connect(this.b);
		InProcessSession excluded = connect(this.b);
		socket(this.b, both).join("r1", "r2");
		socket(this.b, r1).join("r1");
		socket(this.b, excluded).join("r1", "x");
		this.a.server.to("r1").to("r2").except("x").emit("multi", 1);
		awaitText(both, "42[\"multi\",1]");
		awaitText(r1, "42[\"multi\",1]");
		sleepBriefly();
		assertThat(both.texts().stream().filter("42[\"multi\",1]"::equals)).hasSize(1);
		assertThat(excluded.texts()).doesNotContain("42[\"multi\",1]");
	}

	@Test
	void binaryArrivesAsAttachmentsOnTheOtherNode() {
		InProcessSession remote = connect(this.b);
		remote.clear();
		this.a.server.emit("blob", new byte[] { 1, 2, 3 }, java.util.Map.of("nested", new byte[0]));
		await().atMost(WAIT).untilAsserted(() -> assertThat(remote.messages()).containsExactly(
				"452-[\"blob\",{\"_placeholder\":true,\"num\":0},{\"nested\":{\"_placeholder\":true,\"num\":1}}]",
				"<binary 010203>", "<binary >"));
	}

	@Test
	void localFlagKeepsTheBroadcastOnThisNode() {
		InProcessSession local = connect(this.a);
		InProcessSession remote = connect(this.b);
		this.a.server.sockets().local().emit("here", 1);
		awaitText(local, "42[\"here\",1]");
		sleepBriefly();
		assertThat(remote.texts()).doesNotContain("42[\"here\",1]");
	}

	@Test
	void broadcastWithAckCollectsTheAnswersOfClientsOnEveryNode() {
		InProcessSession local = connect(this.a);
		InProcessSession remote = connect(this.b);
		List<List<JsonNode>> results = new CopyOnWriteArrayList<>();
		this.a.server.sockets().timeout(Duration.ofSeconds(3)).emitWithAck("q", "question?").subscribe(results::add);
		answerAck(local, "\"from-a\"");
		answerAck(remote, "\"from-b\"");
		await().atMost(WAIT).until(() -> !results.isEmpty());
		assertThat(results.get(0)).extracting(JsonNode::toString)
			.containsExactlyInAnyOrder("[\"from-a\"]", "[\"from-b\"]");
	}

	@Test
	void broadcastWithAckTimesOutWithTheAnswersReceived() {
		InProcessSession local = connect(this.a);
		connect(this.b);
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		this.a.server.sockets().timeout(Duration.ofMillis(800)).emitWithAck("q").subscribe(null, errors::add);
		answerAck(local, "1");
		await().atMost(WAIT).until(() -> !errors.isEmpty());
		assertThat(errors.get(0)).isInstanceOf(BroadcastAckTimeoutException.class);
		BroadcastAckTimeoutException timeout = (BroadcastAckTimeoutException) errors.get(0);
		assertThat(timeout.expected()).isEqualTo(2);
		assertThat(timeout.responses()).extracting(JsonNode::toString).containsExactly("[1]");
	}

	/** Wait for an event with an ack id and answer it, as the client would. */
	private static void answerAck(InProcessSession session, String value) {
		await().atMost(WAIT).until(() -> session.texts().stream().anyMatch((text) -> text.matches("42\\d+\\[.*")));
		String event = session.texts().stream().filter((text) -> text.matches("42\\d+\\[.*")).findFirst().get();
		String ackId = event.substring(2, event.indexOf('['));
		session.receive("43" + ackId + "[" + value + "]");
	}

	@Test
	void fetchSocketsReturnsTheSocketsOfEveryNodeUsableRemotely() {
		InProcessSession local = connect(this.a);
		InProcessSession remote = connect(this.b);
		Socket remoteSocket = socket(this.b, remote);
		remoteSocket.join("r1");
		remoteSocket.data().put("user", "bob");
		List<RemoteSocket> sockets = this.a.server.fetchSockets().block(WAIT);
		assertThat(sockets).hasSize(2);
		assertThat(sockets.get(0).isLocal()).isTrue();
		assertThat(sockets.get(0).id()).isEqualTo(local.lastSocketId());
		RemoteSocket fetched = sockets.get(1);
		assertThat(fetched.isLocal()).isFalse();
		assertThat(fetched.id()).isEqualTo(remoteSocket.id());
		assertThat(fetched.rooms()).containsExactlyInAnyOrder(remoteSocket.id(), "r1");
		assertThat(fetched.data()).containsEntry("user", "bob");
		assertThat(fetched.handshake().url()).isEqualTo("/socket.io/?EIO=4&transport=polling");
		assertThat(fetched.handshake().query().getFirst("EIO")).isEqualTo("4");
		assertThat(fetched.handshake().address().getHostString()).isEqualTo("127.0.0.1");

		fetched.emit("direct", "hi");
		awaitText(remote, "42[\"direct\",\"hi\"]");
		fetched.join("joined-remotely");
		await().atMost(WAIT).until(() -> remoteSocket.rooms().contains("joined-remotely"));
		fetched.leave("r1");
		await().atMost(WAIT).until(() -> !remoteSocket.rooms().contains("r1"));
		assertThat(this.a.server.in("joined-remotely").fetchSockets().block(WAIT)).extracting(RemoteSocket::id)
			.containsExactly(remoteSocket.id());
		assertThat(this.a.server.in("joined-remotely").local().fetchSockets().block(WAIT)).isEmpty();
		fetched.disconnect(false);
		await().atMost(WAIT).until(() -> !remoteSocket.connected());
	}

	@Test
	void dataThatIsNoJsonReachesOtherNodesAsAnEmptyObject() {
		InProcessSession remote = connect(this.b);
		socket(this.b, remote).data().put("broken", new Unwritable());
		List<RemoteSocket> sockets = this.a.server.fetchSockets().block(WAIT);
		assertThat(sockets).singleElement().satisfies((fetched) -> assertThat(fetched.data()).isEmpty());
	}

	@Test
	void socketsJoinLeaveAndDisconnectActOnEveryNode() {
		InProcessSession local = connect(this.a);
		InProcessSession remote = connect(this.b);
		Socket localSocket = socket(this.a, local);
		Socket remoteSocket = socket(this.b, remote);
		this.a.server.sockets().socketsJoin("everyone");
		assertThat(localSocket.rooms()).contains("everyone");
		await().atMost(WAIT).until(() -> remoteSocket.rooms().contains("everyone"));
		this.b.server.in("everyone").socketsLeave("everyone");
		assertThat(remoteSocket.rooms()).doesNotContain("everyone");
		await().atMost(WAIT).until(() -> !localSocket.rooms().contains("everyone"));
		this.a.server.sockets().disconnectSockets(true);
		await().atMost(WAIT).until(() -> !remoteSocket.connected() && !localSocket.connected());
		await().atMost(WAIT).until(() -> !remote.isOpen());
	}

	@Test
	void serverSideEmitReachesTheOtherNodesAndCollectsTheirAnswers() {
		List<String> received = new CopyOnWriteArrayList<>();
		this.b.server.onServerSideEmit("hello", (event) -> {
			received.add(event.args().toString());
			event.ack("back from b");
		});
		this.a.server.onServerSideEmit("hello", (event) -> received.add("a got its own event"));
		this.a.server.serverSideEmit("hello", "world", 1);
		await().atMost(WAIT).until(() -> received.contains("[\"world\",1]"));
		List<JsonNode> answers = this.a.server.serverSideEmitWithAck("hello", "again").block(WAIT);
		assertThat(answers).extracting(JsonNode::asString).containsExactly("back from b");
		assertThat(received).doesNotContain("a got its own event");
		assertThatThrownBy(() -> this.a.server.serverSideEmit("connection")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> this.b.server.onServerSideEmit("connect", (event) -> {
		})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
	}

	@Test
	void serverSideEmitWithAckFailsWhenANodeDoesNotAnswer() {
		this.b.server.onServerSideEmit("silent", (event) -> {
		});
		long start = System.nanoTime();
		assertThatThrownBy(() -> this.a.server.serverSideEmitWithAck("silent").block(WAIT))
			.isInstanceOf(RedisAdapterException.class)
			.hasMessageContaining("0 of 1 nodes answered");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
	}

	@Test
	void withoutRedisLocalDeliveryGoesOnClusterOperationsFailFastAndDeliveryResumesWhenRedisIsBack() {
		InProcessSession localA = connect(this.a);
		InProcessSession remoteB = connect(this.b);
		socket(this.a, localA).join("room");
		socket(this.b, remoteB).join("room");
		long failuresBefore = this.a.factory.failures();

		redis.kill();
		await().atMost(WAIT).until(() -> !this.a.factory.isAvailable());
		this.a.server.to("room").emit("during", "outage");
		awaitText(localA, "42[\"during\",\"outage\"]");
		assertThat(this.a.factory.failures()).isGreaterThan(failuresBefore);
		long start = System.nanoTime();
		assertThatThrownBy(() -> this.a.server.fetchSockets().block(WAIT)).isInstanceOf(RedisAdapterException.class)
			.hasMessageContaining("Redis unavailable");
		assertThatThrownBy(() -> this.a.server.serverSideEmitWithAck("x").block(WAIT))
			.isInstanceOf(RedisAdapterException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
		for (int i = 0; i < 5000; i++) {
			this.a.server.to("room").emit("flood", i);
		}
		assertThat(this.a.factory.connections().pendingPublishes()).isZero();

		redis.restart();
		await().atMost(Duration.ofSeconds(20)).until(() -> this.a.factory.isAvailable() && this.b.factory.isAvailable());
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			this.a.server.to("room").emit("after", "restart");
			assertThat(remoteB.texts()).contains("42[\"after\",\"restart\"]");
		});
		assertThat(this.a.server.fetchSockets().block(WAIT)).hasSize(2);
	}

	@Test
	void aHangingRedisNeverMakesANodeBufferMoreThanItsBounds() {
		Node bounded = node(new RedisAdapterOptions("socket.io", Duration.ofSeconds(2), 100, 16 * 1024));
		InProcessSession local = connect(bounded);
		socket(bounded, local).join("room");
		awaitCluster(3);
		long failuresBefore = bounded.factory.failures();
		redis.pause();
		try {
			String kilobyte = "x".repeat(1024);
			for (int i = 0; i < 2000; i++) {
				bounded.server.to("room").emit("flood", i, kilobyte);
				assertThat(bounded.factory.connections().pendingPublishes()).isLessThanOrEqualTo(100);
				assertThat((Long) bounded.factory.details().get("pendingPublishBytes")).isLessThanOrEqualTo(16 * 1024);
			}
			assertThat(bounded.factory.failures() - failuresBefore).isGreaterThanOrEqualTo(2000 - 16);
			await().atMost(WAIT).until(() -> local.texts().stream().filter((text) -> text.startsWith("42[\"flood\"")).count() == 2000);
		}
		finally {
			redis.resume();
		}
		await().atMost(WAIT).until(() -> bounded.factory.connections().pendingPublishes() == 0);
		assertThat(bounded.factory.details()).containsEntry("pendingPublishBytes", 0L);
	}

	private static void sleepBriefly() {
		try {
			Thread.sleep(300);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record Node(SocketIOServer server, RedisAdapterFactory factory) {
	}

	/** An object Jackson cannot write. */
	public static final class Unwritable {

		public String getValue() {
			throw new IllegalStateException("not serializable");
		}

	}

}
