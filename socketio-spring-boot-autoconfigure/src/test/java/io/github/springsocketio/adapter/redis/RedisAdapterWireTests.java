package io.github.springsocketio.adapter.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.protocol.Notepack;
import io.github.springsocketio.server.ServerSideEvent;
import io.github.springsocketio.server.Socket;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.server.SocketIOServerOptions;
import io.github.springsocketio.test.InProcessSession;
import io.github.springsocketio.test.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
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
 * The bytes a Java node publishes and answers, compared with what Node.js nodes
 * ({@code @socket.io/redis-adapter} 8.3.0, notepack.io 3.0.1) were captured publishing
 * for the same operations (shared/redis-adapter-wire.md); only the random ids differ,
 * and they are substituted. A raw subscriber plays the other node: it holds the
 * subscriptions a Node node holds, so {@code PUBSUB NUMSUB} counts two nodes.
 */
class RedisAdapterWireTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static RedisServer redis;

	private static RedisClient client;

	private StatefulRedisPubSubConnection<byte[], byte[]> peer;

	private StatefulRedisConnection<byte[], byte[]> peerPublisher;

	private final BlockingQueue<Message> published = new LinkedBlockingQueue<>();

	/** What the test published itself, as the peer: it comes back to the peer too. */
	private final java.util.Set<String> ownPayloads = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private RedisAdapterFactory factory;

	private SocketIOServer server;

	private RedisAdapter adapter;

	@BeforeAll
	static void startRedis() {
		redis = RedisServer.start();
		client = RedisClient.create(RedisURI.create(redis.host(), redis.port()));
	}

	@AfterAll
	static void stopRedis() {
		client.shutdown(0, 1, TimeUnit.SECONDS);
		redis.close();
	}

	@BeforeEach
	void start() {
		this.peer = client.connectPubSub(ByteArrayCodec.INSTANCE);
		this.peer.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(byte[] channel, byte[] message) {
				RedisAdapterWireTests.this.published.add(new Message(utf8(channel), message));
			}

			@Override
			public void message(byte[] pattern, byte[] channel, byte[] message) {
				message(channel, message);
			}
		});
		this.peer.sync().psubscribe(bytes("socket.io#/#*"));
		this.peer.sync().subscribe(bytes("socket.io-request#/#"), bytes("socket.io-response#/#"));
		this.peerPublisher = client.connect(ByteArrayCodec.INSTANCE);
		this.factory = new RedisAdapterFactory(client, RedisAdapterOptions.DEFAULTS);
		this.server = new SocketIOServer(SocketIOServerOptions.builder().adapterFactory(this.factory).build(),
				JsonMapper.builder().build());
		this.adapter = (RedisAdapter) this.server.sockets().adapter();
		await().atMost(WAIT).until(() -> this.adapter.serverCount().onErrorReturn(0).block() == 2);
	}

	@AfterEach
	void stop() {
		this.server.close();
		this.factory.close();
		this.peer.close();
		this.peerPublisher.close();
	}

	/** §1: one room, its own channel. */
	@Test
	void broadcastToOneRoom() throws InterruptedException {
		InProcessSession session = InProcessSession.open(this.server).receive("40");
		this.server.sockets().socket(session.lastSocketId()).join("room-4d698aad");
		this.server.to("room-4d698aad").emit("news", "hello from B", 42);
		Message message = next("socket.io#/#room-4d698aad#");
		assertThat(hex(message.bytes())).isEqualTo(withIds(
				"93a64a694163 4b52 83a474797065 02a464617461 93a46e657773 ac68656c6c6f2066726f6d2042 2aa36e7370"
						+ "a12f83a5726f6f6d7391ad726f6f6d2d3464363938616164a6657863657074 90a5666c616773 80",
				"JiAcKR", this.adapter.uid()));
	}

	/** §2: everyone but the sender: base channel, except = the sender's id. */
	@Test
	void broadcastFromASocket() throws InterruptedException {
		InProcessSession session = InProcessSession.open(this.server).receive("40");
		Socket socket = this.server.sockets().socket(session.lastSocketId());
		socket.broadcast().emit("shout", "to everyone", Map.of("n", 7));
		Message message = next("socket.io#/#");
		assertThat(hex(message.bytes())).isEqualTo(withIds(withIds(
				"93a65f743369306c83a47479706502a46461746193a573686f7574ab746f2065766572796f6e6581a16e07a36e7370a12f"
						+ "83a5726f6f6d7390a6657863657074 91b45f526a4b66713765 2d6536384a69397a41414152a5666c61677380",
				"_t3i0l", this.adapter.uid()), "_RjKfq7e-e68Ji9zAAAR", socket.id()));
	}

	/** §4: binary as msgpack bin in place, packet type 2. */
	@Test
	void binaryBroadcast() throws InterruptedException {
		InProcessSession session = InProcessSession.open(this.server).receive("40");
		Socket socket = this.server.sockets().socket(session.lastSocketId());
		socket.broadcast()
			.emit("blob", "binary broadcast".getBytes(StandardCharsets.UTF_8), Map.of("nested",
					java.util.List.of(new byte[] { 1, 2, 3 })), new byte[0]);
		Message message = next("socket.io#/#");
		assertThat(hex(message.bytes())).isEqualTo(withIds(withIds(
				"93a64a5a4538454883a47479706502a46461746194a4626c6f62c41062696e6172792062726f616463617374"
						+ "81a66e657374656491c403010203c400a36e7370a12f83a5726f6f6d7390a6657863657074"
						+ "91b434694d64627042516a6a7637424a587a41414154a5666c61677380",
				"JZE8EH", this.adapter.uid()), "4iMdbpBQjjv7BJXzAAAT", socket.id()));
	}

	/** §3: several rooms, or except only: base channel. */
	@Test
	void severalRoomsAndExcept() throws InterruptedException {
		this.server.to("r1").to("r2").emit("multi", 1);
		JsonNode multi = Notepack.decode(next("socket.io#/#").bytes());
		assertThat(multi.get(2).get("rooms")).extracting(JsonNode::asString).containsExactlyInAnyOrder("r1", "r2");
		this.server.except("r2").emit("all-but", "x");
		assertThat(hex(next("socket.io#/#").bytes())).isEqualTo("93a6" + hex(bytes(this.adapter.uid()))
				+ "83a47479706502a46461746192a7616c6c2d627574a178a36e7370a12f"
				+ "83a5726f6f6d7390a665786365707491a27232a5666c61677380");
	}

	/** §7: requests in JSON, key order as the Node adapter writes them. */
	@Test
	void requests() throws InterruptedException {
		String uid = this.adapter.uid();
		this.server.in("r1").socketsJoin("r2");
		assertThat(text(next("socket.io-request#/#")))
			.isEqualTo("{\"uid\":\"" + uid + "\",\"type\":2,\"opts\":{\"rooms\":[\"r1\"],\"except\":[]},\"rooms\":[\"r2\"]}");
		this.server.in("r1").socketsLeave("r2");
		assertThat(text(next("socket.io-request#/#")))
			.isEqualTo("{\"uid\":\"" + uid + "\",\"type\":3,\"opts\":{\"rooms\":[\"r1\"],\"except\":[]},\"rooms\":[\"r2\"]}");
		this.server.in("r1").disconnectSockets(true);
		assertThat(text(next("socket.io-request#/#")))
			.isEqualTo("{\"uid\":\"" + uid + "\",\"type\":4,\"opts\":{\"rooms\":[\"r1\"],\"except\":[]},\"close\":true}");
		this.server.serverSideEmit("hello", "world");
		assertThat(text(next("socket.io-request#/#")))
			.isEqualTo("{\"uid\":\"" + uid + "\",\"type\":6,\"data\":[\"hello\",\"world\"]}");

		this.server.serverSideEmitWithAck("hello", 1).subscribe(null, (error) -> {
		});
		String serverSideEmit = text(next("socket.io-request#/#"));
		assertThat(serverSideEmit).matches("\\{\"uid\":\"" + uid
				+ "\",\"requestId\":\"[A-Za-z0-9_-]{6}\",\"type\":6,\"data\":\\[\"hello\",1\\]}");

		this.server.fetchSockets().subscribe(null, (error) -> {
		});
		assertThat(text(next("socket.io-request#/#"))).matches("\\{\"uid\":\"" + uid
				+ "\",\"requestId\":\"[A-Za-z0-9_-]{6}\",\"type\":5,\"opts\":\\{\"rooms\":\\[],\"except\":\\[]}}");
	}

	/**
	 * Binary in a JSON request (serverSideEmit): written as {@code JSON.stringify} writes
	 * a Buffer, and such objects from a Node.js node read back as binary.
	 */
	@Test
	void binaryInJsonRequests() throws InterruptedException {
		this.server.serverSideEmit("bin", new byte[] { 1, 2, (byte) 255 }, Map.of("nested", new byte[0]));
		assertThat(text(next("socket.io-request#/#"))).isEqualTo("{\"uid\":\"" + this.adapter.uid()
				+ "\",\"type\":6,\"data\":[\"bin\",{\"type\":\"Buffer\",\"data\":[1,2,255]},"
				+ "{\"nested\":{\"type\":\"Buffer\",\"data\":[]}}]}");

		BlockingQueue<ServerSideEvent> received = new LinkedBlockingQueue<>();
		this.server.onServerSideEmit("from-node", received::add);
		publishRequest("{\"uid\":\"fS1wN1\",\"type\":6,\"data\":[\"from-node\",{\"type\":\"Buffer\",\"data\":[1,2,3]},"
				+ "{\"list\":[{\"type\":\"Buffer\",\"data\":[]}]},{\"type\":\"Buffer\",\"data\":[1,300]},"
				+ "{\"type\":\"Buffer\",\"data\":[1],\"more\":true}]}");
		ServerSideEvent event = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(event).isNotNull();
		assertThat(event.arg(0, byte[].class)).containsExactly(1, 2, 3);
		assertThat(event.args().get(1).get("list").get(0).isBinary()).isTrue();
		// not a Buffer's shape: left as they are
		assertThat(event.args().get(2).toString()).isEqualTo("{\"type\":\"Buffer\",\"data\":[1,300]}");
		assertThat(event.args().get(3).toString()).isEqualTo("{\"type\":\"Buffer\",\"data\":[1],\"more\":true}");
	}

	/** §7: a broadcast with acknowledgements is a msgpack request of type 7. */
	@Test
	void broadcastWithAckRequest() throws InterruptedException {
		this.server.sockets().timeout(Duration.ofMillis(1000)).emitWithAck("q", "question?").subscribe(null,
				(error) -> {
				});
		byte[] request = next("socket.io-request#/#").bytes();
		JsonNode decoded = Notepack.decode(request);
		String requestId = decoded.get("requestId").asString();
		assertThat(hex(request)).isEqualTo("85a3756964a6" + hex(bytes(this.adapter.uid()))
				+ "a9726571756573744964a6" + hex(bytes(requestId)) + "a47479706507a67061636b657483a47479706502a4"
				+ "6461746192a171a97175657374696f6e3fa36e7370a12fa46f70747383a5726f6f6d7390a665786365707490a5666c616773"
				+ "81a774696d656f7574cd03e8");
	}

	/** §7: the answers a Java node gives to a Node node's requests. */
	@Test
	void responses() throws InterruptedException {
		InProcessSession session = InProcessSession.open(this.server).receive("40");
		Socket socket = this.server.sockets().socket(session.lastSocketId());
		socket.join("r1");
		socket.data().put("user", "alice");
		this.server.onServerSideEmit("hello", (event) -> event.ack("hello-back"));

		publishRequest("{\"uid\":\"fS1wN1\",\"requestId\":\"kwRm2o\",\"type\":6,\"data\":[\"hello\",1]}");
		assertThat(text(next("socket.io-response#/#")))
			.isEqualTo("{\"type\":6,\"requestId\":\"kwRm2o\",\"data\":\"hello-back\"}");

		publishRequest("{\"uid\":\"fS1wN1\",\"requestId\":\"jJEfYX\",\"type\":5,\"opts\":{\"rooms\":[\"r1\"],\"except\":[]}}");
		JsonNode fetched = JsonMapper.builder().build().readTree(next("socket.io-response#/#").bytes());
		assertThat(fetched.get("requestId").asString()).isEqualTo("jJEfYX");
		JsonNode remote = fetched.get("sockets").get(0);
		assertThat(remote.properties()).extracting(Map.Entry::getKey).containsExactly("id", "handshake", "rooms", "data");
		assertThat(remote.get("id").asString()).isEqualTo(socket.id());
		assertThat(remote.get("handshake").properties()).extracting(Map.Entry::getKey)
			.containsExactly("headers", "time", "address", "xdomain", "secure", "issued", "url", "query", "auth");
		assertThat(remote.get("handshake").get("time").asString())
			.matches("[A-Z][a-z]{2} [A-Z][a-z]{2} \\d{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT[+-]\\d{4} \\(.+\\)");
		assertThat(remote.get("rooms")).extracting(JsonNode::asString).containsExactlyInAnyOrder(socket.id(), "r1");
		assertThat(remote.get("data").toString()).isEqualTo("{\"user\":\"alice\"}");

		publishRequest("{\"uid\":\"fS1wN1\",\"requestId\":\"qZ2F_c\",\"type\":7,\"packet\":{\"type\":2,"
				+ "\"data\":[\"q\",\"question?\"],\"nsp\":\"/\"},\"opts\":{\"rooms\":[],\"except\":[],\"flags\":{\"timeout\":1000}}}",
				true);
		assertThat(text(next("socket.io-response#/#")))
			.isEqualTo("{\"type\":8,\"requestId\":\"qZ2F_c\",\"clientCount\":1}");
		await().atMost(WAIT).until(() -> session.texts().stream().anyMatch((text) -> text.startsWith("42")
				&& text.endsWith("[\"q\",\"question?\"]")));
		String event = session.texts().stream().filter((text) -> text.endsWith("[\"q\",\"question?\"]")).findFirst().get();
		session.receive("43" + event.substring(2, event.indexOf('[')) + "[\"answer\"]");
		assertThat(hex(next("socket.io-response#/#").bytes()))
			.isEqualTo("83a47479706509a9726571756573744964a6715a32465f63a67061636b6574a6616e73776572");
	}

	/** A node's own messages come back to it through its subscriptions: ignored. */
	@Test
	void ownMessagesAreIgnoredAndOthersApplied() throws InterruptedException {
		InProcessSession session = InProcessSession.open(this.server).receive("40");
		Socket socket = this.server.sockets().socket(session.lastSocketId());
		String mine = this.adapter.uid();
		publishBroadcast("socket.io#/#", "93a6" + hex(bytes(mine))
				+ "83a47479706502a46461746191a46d696e65a36e7370a12f83a5726f6f6d7390a665786365707490a5666c61677380");
		publishBroadcast("socket.io#/#", "93a7656d6974746572"
				+ "83a47479706502a46461746191a7666f726569676ea36e7370a12f83a5726f6f6d7390a5666c61677380a665786365707490");
		await().atMost(WAIT).until(() -> session.texts().contains("42[\"foreign\"]"));
		assertThat(session.texts()).doesNotContain("42[\"mine\"]");
		publishRequest("{\"type\":2,\"opts\":{\"rooms\":[],\"except\":[]},\"rooms\":[\"from-emitter\"]}");
		await().atMost(WAIT).until(() -> socket.rooms().contains("from-emitter"));
	}

	/**
	 * With connection state recovery, socket.emit goes through the adapter to get an
	 * offset; the socket is on this node, so nothing is published.
	 */
	@Test
	void socketEmitWithRecoveryStaysOnTheNode() throws InterruptedException {
		SocketIOServer recovering = new SocketIOServer(SocketIOServerOptions.builder()
			.adapterFactory(this.factory)
			.maxDynamicNamespaces(100)
			.recovery(new SocketIOServerOptions.ConnectionStateRecovery(Duration.ofMinutes(1), true))
			.build(),
				JsonMapper.builder().build());
		try {
			InProcessSession session = InProcessSession.open(recovering).receive("40");
			Socket socket = recovering.sockets().socket(session.lastSocketId());
			socket.emit("direct", 1);
			await().atMost(WAIT).until(() -> session.texts().stream().anyMatch((text) -> text.startsWith("42[\"direct\",1,\"")));
			recovering.to(socket.id()).emit("through-redis", 2);
			Message published = next("socket.io#/#" + socket.id() + "#");
			assertThat(Notepack.decode(published.bytes()).get(1).get("data").toString()).isEqualTo("[\"through-redis\",2]");
		}
		finally {
			recovering.close();
		}
	}

	private void publishRequest(String json) {
		publishRequest(json, false);
	}

	private void publishRequest(String json, boolean msgpack) {
		byte[] payload = msgpack ? Notepack.encode(JsonMapper.builder().build().readTree(json)) : bytes(json);
		this.ownPayloads.add(hex(payload));
		this.peerPublisher.sync().publish(bytes("socket.io-request#/#"), payload);
	}

	private void publishBroadcast(String channel, String hex) {
		this.ownPayloads.add(hex);
		this.peerPublisher.sync().publish(bytes(channel), HexFormat.of().parseHex(hex));
	}

	private Message next(String channel) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			Message message = this.published.poll(100, TimeUnit.MILLISECONDS);
			if (message != null && message.channel().equals(channel)
					&& !this.ownPayloads.contains(hex(message.bytes()))) {
				return message;
			}
		}
		throw new AssertionError("nothing published on " + channel + " within " + WAIT);
	}

	private static String withIds(String hex, String reference, String ours) {
		return hex.replace(" ", "").replace(hex(bytes(reference)), hex(bytes(ours)));
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String utf8(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static String text(Message message) {
		return utf8(message.bytes());
	}

	private record Message(String channel, byte[] bytes) {
	}

}
