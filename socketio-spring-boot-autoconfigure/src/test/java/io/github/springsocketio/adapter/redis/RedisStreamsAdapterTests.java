package io.github.springsocketio.adapter.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.adapter.PersistedSession;
import io.github.springsocketio.engine.CloseReason;
import io.github.springsocketio.protocol.Notepack;
import io.github.springsocketio.server.Socket;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.server.SocketIOServerOptions;
import io.github.springsocketio.test.InProcessSession;
import io.github.springsocketio.test.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
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
import static org.awaitility.Awaitility.await;

/**
 * Two Java nodes on the Redis Streams adapter and a real {@code redis-server}: the stream
 * entries and session keys as {@code @socket.io/redis-streams-adapter} 0.3 writes them,
 * broadcasts and cluster requests across nodes, connection state recovery from one node
 * to the other, and a Redis outage.
 */
class RedisStreamsAdapterTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Duration WINDOW = Duration.ofSeconds(30);

	private static final Duration REFRESH = Duration.ofMillis(200);

	private static RedisServer redis;

	private static ClientResources resources;

	private static RedisClient inspector;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private Node a;

	private Node b;

	@BeforeAll
	static void startRedis() {
		redis = RedisServer.start();
		resources = ClientResources.builder()
			.reconnectDelay(Delay.exponential(50, 500, TimeUnit.MILLISECONDS, 2))
			.build();
		inspector = RedisClient.create(resources, RedisURI.create(redis.host(), redis.port()));
	}

	@AfterAll
	static void stopRedis() {
		inspector.shutdown(0, 1, TimeUnit.SECONDS);
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
		await().atMost(WAIT).until(() -> this.a.factory.isAvailable() && this.b.factory.isAvailable()
				&& this.a.server.sockets().adapter().serverCount().onErrorReturn(-1).block() == 2);
	}

	@AfterEach
	void stopNodes() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
		if (redis.isRunning()) {
			try (var connection = inspector.connect()) {
				connection.sync().flushall();
			}
		}
	}

	private Node node() {
		return node(Duration.ZERO);
	}

	private Node node(Duration sessionRefresh) {
		RedisClient client = RedisClient.create(resources, RedisURI.create(redis.host(), redis.port()));
		RedisStreamsAdapterOptions defaults = RedisStreamsAdapterOptions.DEFAULTS;
		RedisStreamsAdapterOptions options = new RedisStreamsAdapterOptions(defaults.streamName(),
				defaults.streamCount(), defaults.channelPrefix(), defaults.maxLen(), defaults.readCount(),
				Duration.ofMillis(500), defaults.sessionKeyPrefix(), false, Duration.ofSeconds(2), 1000,
				defaults.maxPendingPublishBytes(), sessionRefresh);
		RedisStreamsAdapterFactory factory = new RedisStreamsAdapterFactory(client, options);
		SocketIOServer server = new SocketIOServer(SocketIOServerOptions.builder()
			.adapterFactory(factory)
			.recovery(new SocketIOServerOptions.ConnectionStateRecovery(WINDOW, true))
			.build(), JsonMapper.builder().build());
		List<Socket> sockets = new CopyOnWriteArrayList<>();
		server.onConnection(sockets::add);
		this.closeables.add(() -> client.shutdown(0, 1, TimeUnit.SECONDS));
		this.closeables.add(factory);
		this.closeables.add(server::close);
		return new Node(server, factory, sockets);
	}

	private static RedisCommands<String, String> redisCommands() {
		return inspector.connect().sync();
	}

	private static InProcessSession connect(Node node) {
		return InProcessSession.open(node.server).receive("40");
	}

	private static Socket socket(Node node, InProcessSession session) {
		return node.server.sockets().socket(session.lastSocketId());
	}

	private static void awaitText(InProcessSession session, String prefix) {
		await().atMost(WAIT).untilAsserted(() -> assertThat(session.texts()).anyMatch((t) -> t.startsWith(prefix)));
	}

	/** The texts a session got starting with a prefix, in order. */
	private static List<String> received(InProcessSession session, String prefix) {
		return session.texts().stream().filter((t) -> t.startsWith(prefix)).toList();
	}

	private static String lastArgument(String eventText) {
		return eventText.replaceAll(".*,\"([^\"]+)\"]$", "$1");
	}

	@Test
	void entriesAreWrittenAsTheNodeAdapterWritesThem() {
		InProcessSession session = connect(this.a);
		Socket socket = socket(this.a, session);
		this.a.server.to("r1").emit("news", "hello", 42);
		socket.broadcast().emit("blob", new byte[] { 1, 2, 3 });
		this.a.server.in("r1").socketsJoin("r2");
		RedisStreamsAdapter adapter = (RedisStreamsAdapter) this.a.server.sockets().adapter();
		RedisCommands<String, String> commands = redisCommands();
		await().atMost(WAIT).until(() -> commands.xlen("socket.io") == 3);
		List<StreamMessage<String, String>> entries = commands.xrange("socket.io", io.lettuce.core.Range.unbounded());
		assertThat(entries.get(0).getBody()).containsExactly(Map.entry("uid", adapter.uid()), Map.entry("nsp", "/"),
				Map.entry("type", "3"), Map.entry("data",
						"{\"packet\":{\"type\":2,\"data\":[\"news\",\"hello\",42],\"nsp\":\"/\"},"
								+ "\"opts\":{\"rooms\":[\"r1\"],\"except\":[],\"flags\":{}}}"));
		assertThat(adapter.uid()).matches("[0-9a-f]{16}");
		// binary: base64 of the msgpack data, bin in place
		String binary = entries.get(1).getBody().get("data");
		assertThat(binary).doesNotStartWith("{");
		JsonNode decoded = Notepack.decode(Base64.getDecoder().decode(binary));
		assertThat(decoded.path("packet").path("data").get(1).binaryValue()).containsExactly(1, 2, 3);
		assertThat(decoded.path("opts").path("except").get(0).asString()).isEqualTo(socket.id());
		assertThat(entries.get(2).getBody()).containsEntry("type", "4")
			.containsEntry("data", "{\"opts\":{\"rooms\":[\"r1\"],\"except\":[],\"flags\":{}},\"rooms\":[\"r2\"]}");
	}

	@Test
	void streamOfANamespaceIsChosenByTheNodeAdapterHash() {
		RedisStreamsAdapterOptions defaults = RedisStreamsAdapterOptions.DEFAULTS;
		RedisStreamsAdapterOptions three = new RedisStreamsAdapterOptions("s", 3, "socket.io", 10, 1,
				Duration.ofSeconds(1), "k", false, Duration.ofSeconds(1), 1, 1, Duration.ZERO);
		assertThat(defaults.stream("/chat")).isEqualTo("socket.io");
		// values of the Node adapter's hashCode(name) % 3, computed with Node.js
		assertThat(three.stream("/")).isEqualTo("s-2");
		assertThat(three.stream("/chat")).isEqualTo("s-1");
		assertThat(three.stream("/news")).isEqualTo("s-0");
		// a negative hash gives a negative index, as JavaScript's % does
		assertThat(three.stream("/protected")).isEqualTo("s--1");
	}

	@Test
	void roomBroadcastsReachTheRoomOnEveryNodeWithTheEntryIdAsOffset() {
		InProcessSession inRoomA = connect(this.a);
		InProcessSession inRoomB = connect(this.b);
		InProcessSession elsewhereB = connect(this.b);
		socket(this.a, inRoomA).join("room");
		socket(this.b, inRoomB).join("room");
		this.a.server.to("room").emit("news", "hello");
		this.a.server.emit("marker");
		awaitText(elsewhereB, "42[\"marker\"");
		awaitText(inRoomB, "42[\"news\",\"hello\",\"");
		// stream order: the room's message came before the marker, so "elsewhere" is done
		assertThat(received(elsewhereB, "42[\"news\"")).isEmpty();
		String offsetB = lastArgument(received(inRoomB, "42[\"news\"").get(0));
		assertThat(offsetB).matches("[0-9]+-[0-9]+");
		awaitText(inRoomA, "42[\"news\",\"hello\",\"");
		assertThat(received(inRoomA, "42[\"news\"")).containsExactly(received(inRoomB, "42[\"news\"").get(0));
		// and across nodes: joins and leaves by room
		this.b.server.in("room").socketsJoin("more");
		await().atMost(WAIT).until(() -> socket(this.a, inRoomA).rooms().contains("more"));
	}

	@Test
	void fetchSocketsAndServerSideEmitWithAckAnswerAcrossNodes() {
		InProcessSession onB = connect(this.b);
		socket(this.b, onB).join("r");
		this.b.server.onServerSideEmit("ping", (event) -> event.ack("pong-" + event.args().get(0).asString()));
		assertThat(this.a.server.in("r").fetchSockets().block(WAIT)).extracting("id")
			.containsExactly(socket(this.b, onB).id());
		List<JsonNode> answers = this.a.server.serverSideEmitWithAck("ping", "x").block(WAIT);
		assertThat(answers).extracting(JsonNode::asString).containsExactly("pong-x");
	}

	@Test
	void clientRecoversOnAnotherNodeWithIdRoomsDataAndEveryMissedEventOnce() {
		InProcessSession first = connect(this.a);
		String connect = first.texts().get(0);
		String pid = connect.replaceAll(".*\"pid\":\"([^\"]+)\".*", "$1");
		Socket socket = this.a.sockets.get(0);
		socket.join("r");
		socket.data().put("user", "ann");
		this.b.server.to("r").emit("news", 1);
		awaitText(first, "42[\"news\",1,\"");
		String offset = lastArgument(received(first, "42[\"news\"").get(0));
		java.util.Set<String> rooms = socket.rooms();
		first.drop(CloseReason.TRANSPORT_CLOSE);
		// the session is stored as the Node adapter stores it, expiring after the window
		RedisCommands<String, String> commands = redisCommands();
		await().atMost(WAIT).until(() -> commands.exists("sio:session:" + pid) == 1);
		assertThat(commands.pttl("sio:session:" + pid)).isBetween(1L, WINDOW.toMillis());
		PersistedSession stored = RecoverySessions.decode(commands.get("sio:session:" + pid));
		assertThat(stored).isEqualTo(new PersistedSession(socket.id(), pid, rooms, Map.of("user", "ann")));
		Map<String, Object> order = new LinkedHashMap<>();
		Notepack.decode(Base64.getDecoder().decode(commands.get("sio:session:" + pid)))
			.properties()
			.forEach((e) -> order.put(e.getKey(), e.getValue()));
		assertThat(order.keySet()).containsExactly("sid", "pid", "rooms", "data");

		this.a.server.to("r").emit("news", 2);
		// two nodes write on two connections: wait for A's entry before B's, so the order is known
		await().atMost(WAIT).until(() -> commands.xlen("socket.io") == 2);
		this.b.server.to("elsewhere").emit("news", 99);
		this.b.server.except("r").emit("news", 98);
		this.b.server.to("r").emit("news", 3);
		this.b.server.of("/other").emit("news", 97);
		await().atMost(WAIT).until(() -> commands.xlen("socket.io") == 6);

		InProcessSession second = InProcessSession.open(this.b.server)
			.receive("40{\"pid\":\"" + pid + "\",\"offset\":\"" + offset + "\"}");
		await().atMost(WAIT).until(() -> this.b.sockets.size() == 1);
		Socket recovered = this.b.sockets.get(0);
		assertThat(recovered.recovered()).isTrue();
		assertThat(recovered.id()).isEqualTo(socket.id());
		assertThat(recovered.rooms()).contains("r", socket.id());
		assertThat(recovered.data()).containsEntry("user", "ann");
		List<String> missed = received(second, "42[\"news\"");
		assertThat(missed).hasSize(2);
		assertThat(missed.get(0)).startsWith("42[\"news\",2,\"");
		assertThat(missed.get(1)).startsWith("42[\"news\",3,\"");
		// taken: the same pid cannot recover twice
		assertThat(commands.exists("sio:session:" + pid)).isZero();
	}

	@Test
	void eventsEmittedToOneSocketAreStreamEntriesAndNodeEntriesWithoutNspAreRead() {
		this.a.server.of("/custom");
		this.b.server.of("/custom");
		InProcessSession onA = InProcessSession.open(this.a.server).receive("40/custom,");
		Socket socket = this.a.server.of("/custom").socket(onA.lastSocketId());
		socket.emit("direct", 7);
		awaitText(onA, "42/custom,[\"direct\",7,\"");
		RedisCommands<String, String> commands = redisCommands();
		List<StreamMessage<String, String>> entries = commands.xrange("socket.io", io.lettuce.core.Range.unbounded());
		assertThat(entries).hasSize(1);
		assertThat(entries.get(0).getBody()).containsEntry("nsp", "/custom")
			.containsEntry("data", "{\"packet\":{\"type\":2,\"data\":[\"direct\",7],\"nsp\":\"/custom\"},"
					+ "\"opts\":{\"rooms\":[\"" + socket.id() + "\"],\"except\":[],\"flags\":{}}}");
		// what a Node.js node writes for socket.emit with recovery on: a packet without nsp
		InProcessSession onB = InProcessSession.open(this.b.server).receive("40/custom,");
		String id = this.b.server.of("/custom").socket(onB.lastSocketId()).id();
		String entryId = commands.xadd("socket.io", Map.of("uid", "0123456789abcdef", "nsp", "/custom", "type", "3",
				"data", "{\"packet\":{\"type\":2,\"data\":[\"auth\",{}]},\"opts\":{\"rooms\":[\"" + id
						+ "\"],\"except\":[],\"flags\":{}}}"));
		awaitText(onB, "42/custom,[\"auth\",{},\"" + entryId + "\"]");
	}

	@Test
	void sessionsOfConnectedSocketsAreKeptCurrentSoThatANodeThatDiesLosesNothing() {
		Node crashing = node(REFRESH);
		Node survivor = node(REFRESH);
		InProcessSession first = connect(crashing);
		String pid = first.texts().get(0).replaceAll(".*\"pid\":\"([^\"]+)\".*", "$1");
		Socket socket = crashing.sockets.get(0);
		socket.join("r");
		socket.data().put("user", "ann");
		RedisCommands<String, String> commands = redisCommands();
		// stored while the socket is connected, current within one interval
		await().atMost(WAIT).until(() -> {
			String stored = commands.get("sio:session:" + pid);
			PersistedSession session = (stored != null) ? RecoverySessions.decode(stored) : null;
			return session != null && session.rooms().contains("r") && "ann".equals(session.data().get("user"));
		});
		assertThat(commands.pttl("sio:session:" + pid)).isGreaterThan(WINDOW.toMillis() - 1000);
		survivor.server.to("r").emit("news", 1);
		awaitText(first, "42[\"news\",1,\"");
		String offset = lastArgument(received(first, "42[\"news\"").get(0));
		// the node dies: it writes nothing more to Redis, its client's connection is gone
		crashing.factory.stop();
		survivor.server.to("r").emit("news", 2);
		await().atMost(WAIT).until(() -> commands.xlen("socket.io") == 2);

		InProcessSession second = InProcessSession.open(survivor.server)
			.receive("40{\"pid\":\"" + pid + "\",\"offset\":\"" + offset + "\"}");
		await().atMost(WAIT).until(() -> survivor.sockets.size() == 1);
		Socket recovered = survivor.sockets.get(0);
		assertThat(recovered.recovered()).isTrue();
		assertThat(recovered.id()).isEqualTo(socket.id());
		assertThat(recovered.rooms()).contains("r");
		assertThat(recovered.data()).containsEntry("user", "ann");
		assertThat(received(second, "42[\"news\"")).hasSize(1).allMatch((t) -> t.startsWith("42[\"news\",2,\""));

		// a socket that leaves for good leaves nothing to recover
		await().atMost(WAIT).until(() -> commands.exists("sio:session:" + pid) == 1);
		recovered.disconnect(false);
		await().atMost(WAIT).until(() -> commands.exists("sio:session:" + pid) == 0);
	}

	@Test
	void unknownPidOrOffsetConnectsAFreshSocket() {
		InProcessSession first = connect(this.a);
		String pid = first.texts().get(0).replaceAll(".*\"pid\":\"([^\"]+)\".*", "$1");
		String sid = this.a.sockets.get(0).id();
		first.drop(CloseReason.TRANSPORT_CLOSE);
		RedisCommands<String, String> commands = redisCommands();
		await().atMost(WAIT).until(() -> commands.exists("sio:session:" + pid) == 1);
		InProcessSession.open(this.b.server).receive("40{\"pid\":\"unknown\",\"offset\":\"1-0\"}");
		InProcessSession.open(this.b.server).receive("40{\"pid\":\"" + pid + "\",\"offset\":\"1-0\"}");
		await().atMost(WAIT).until(() -> this.b.sockets.size() == 2);
		assertThat(this.b.sockets).noneMatch(Socket::recovered);
		assertThat(this.b.sockets).extracting(Socket::id).doesNotContain(sid);
	}

	@Test
	void anOutageKeepsLocalDeliveryCountsFailuresAndResumes() {
		InProcessSession localA = connect(this.a);
		InProcessSession remoteB = connect(this.b);
		socket(this.a, localA).join("room");
		socket(this.b, remoteB).join("room");
		long failures = this.a.factory.failures();
		redis.kill();
		await().atMost(WAIT).until(() -> !this.a.factory.isAvailable());
		this.a.server.to("room").emit("during", "outage");
		awaitText(localA, "42[\"during\",\"outage\"]");
		assertThat(this.a.factory.failures()).isGreaterThan(failures);
		assertThat(this.a.factory.details()).containsEntry("adapter", "redis-streams");
		redis.restart();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.a.factory.isAvailable() && this.b.factory.isAvailable());
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			this.a.server.to("room").emit("after", "restart");
			assertThat(remoteB.texts()).anyMatch((t) -> t.startsWith("42[\"after\",\"restart\""));
		});
		assertThat(remoteB.texts()).noneMatch((t) -> t.startsWith("42[\"during\""));
	}

	private record Node(SocketIOServer server, RedisStreamsAdapterFactory factory, List<Socket> sockets) {
	}

	static String utf8(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
