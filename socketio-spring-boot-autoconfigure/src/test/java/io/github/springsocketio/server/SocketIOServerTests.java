package io.github.springsocketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import io.github.springsocketio.adapter.BroadcastAckTimeoutException;
import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.engine.CloseReason;
import io.github.springsocketio.test.InProcessSession;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Socket.IO server driven through in-process Engine.IO sessions: namespaces,
 * middleware, events, acknowledgements, rooms and broadcast targeting.
 */
class SocketIOServerTests {

	private final SocketIOServer server = new SocketIOServer(
			SocketIOServerOptions.builder().connectTimeout(Duration.ofMillis(300)).build(),
			JsonMapper.builder().build());

	private final List<Socket> connected = new CopyOnWriteArrayList<>();

	SocketIOServerTests() {
		this.server.onConnection(this.connected::add);
	}

	private static String sid(String connectReply) {
		return connectReply.replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1");
	}

	@Test
	void connectRepliesWithASocketIdThatIsNotTheSessionId() {
		InProcessSession session = InProcessSession.open(this.server).receive("40");
		assertThat(session.texts()).hasSize(1);
		String reply = session.texts().get(0);
		assertThat(reply).matches("40\\{\"sid\":\"[A-Za-z0-9_-]{20}\"}");
		assertThat(sid(reply)).isNotEqualTo(session.id()).isEqualTo(this.connected.get(0).id());
		assertThat(this.connected.get(0).rooms()).containsExactly(sid(reply));
	}

	@Test
	void authPayloadReachesTheHandshake() {
		InProcessSession.open(this.server).receive("40{\"token\":\"abc\"}");
		Handshake handshake = this.connected.get(0).handshake();
		assertThat(handshake.auth().get("token").asString()).isEqualTo("abc");
		assertThat(handshake.query().getFirst("EIO")).isEqualTo("4");
		assertThat(handshake.address().getPort()).isEqualTo(4242);
	}

	@Test
	void unknownNamespaceIsRefused() {
		InProcessSession session = InProcessSession.open(this.server).receive("40/nope,");
		assertThat(session.texts()).containsExactly("44/nope,{\"message\":\"Invalid namespace\"}");
	}

	@Test
	void legacyClientsAreConnectedToTheMainNamespaceAtOnce() {
		InProcessSession session = InProcessSession.open(this.server, 3);
		assertThat(session.texts()).containsExactly("40");
		session.clear();
		session.receive("40/nope,");
		assertThat(session.texts()).containsExactly("44/nope,{\"message\":\"Invalid namespace\"}");
	}

	@Test
	void legacyClientsGetTheMessageAsStringWhenARefusalHasNoData() {
		this.server.of("/closed").use((socket) -> Mono.error(new ConnectionRefusedException("closed")));
		InProcessSession session = InProcessSession.open(this.server, 3);
		session.clear();
		session.receive("40/closed,");
		assertThat(session.texts()).containsExactly("44/closed,\"closed\"");
	}

	@Test
	void legacyNamespaceQueryBecomesTheAuthPayload() {
		List<Socket> custom = new ArrayList<>();
		this.server.of("/custom").onConnection(custom::add);
		InProcessSession session = InProcessSession.open(this.server, 3).receive("40/custom?token=a%20b,");
		assertThat(session.texts()).contains("40/custom,");
		assertThat(custom.get(0).handshake().auth().get("token").asString()).isEqualTo("a b");
	}

	@Test
	void middlewareRefusesWithMessageAndData() {
		this.server.of("/protected")
			.use((socket) -> Mono.error(new ConnectionRefusedException("unauthorized", Map.of("reason", "bad token"))));
		InProcessSession session = InProcessSession.open(this.server).receive("40/protected,");
		assertThat(session.texts())
			.containsExactly("44/protected,{\"message\":\"unauthorized\",\"data\":{\"reason\":\"bad token\"}}");
		InProcessSession legacy = InProcessSession.open(this.server, 3);
		legacy.clear();
		legacy.receive("40/protected,");
		assertThat(legacy.texts()).containsExactly("44/protected,{\"reason\":\"bad token\"}");
	}

	@Test
	void asynchronousMiddlewareAdmitsLaterAndEventsSentMeanwhileAreKept() {
		Sinks.Empty<Void> gate = Sinks.empty();
		List<String> events = new CopyOnWriteArrayList<>();
		this.server.of("/slow").use((socket) -> gate.asMono()).onConnection((socket) -> socket.on("e", (event) -> events.add(event.arg(0, String.class))));
		InProcessSession session = InProcessSession.open(this.server).receive("40/slow,");
		assertThat(session.texts()).isEmpty();
		gate.tryEmitEmpty();
		await().atMost(Duration.ofSeconds(2)).until(() -> session.texts().size() == 1);
		assertThat(session.texts().get(0)).startsWith("40/slow,{\"sid\":");
		session.receive("42/slow,[\"e\",\"one\"]");
		assertThat(events).containsExactly("one");
	}

	@Test
	void dynamicNamespacesAreCreatedOnFirstUse() {
		List<String> names = new ArrayList<>();
		ParentNamespace parent = this.server.of(Pattern.compile("^/dynamic-\\d+$"))
			.onConnection((socket) -> names.add(socket.namespace().name()));
		InProcessSession session = InProcessSession.open(this.server).receive("40/dynamic-1,").receive("40/dynamic-x,");
		assertThat(names).containsExactly("/dynamic-1");
		assertThat(parent.children()).extracting(Namespace::name).containsExactly("/dynamic-1");
		assertThat(session.texts().get(1)).isEqualTo("44/dynamic-x,{\"message\":\"Invalid namespace\"}");
	}

	@Test
	void dynamicNamespacesAreBoundedAndRemovedWhenEmpty() {
		SocketIOServer bounded = new SocketIOServer(
				SocketIOServerOptions.builder().maxDynamicNamespaces(2).build(),
				JsonMapper.builder().build());
		bounded.of(Pattern.compile("^/room-\\d+$"));
		InProcessSession session = InProcessSession.open(bounded).receive("40/room-1,").receive("40/room-2,")
			.receive("40/room-3,");
		assertThat(session.texts().get(2)).isEqualTo("44/room-3,{\"message\":\"Invalid namespace\"}");
		assertThat(bounded.namespaces()).extracting(Namespace::name).contains("/room-1", "/room-2")
			.doesNotContain("/room-3");
		session.receive("41/room-1,");
		assertThat(bounded.namespaces()).extracting(Namespace::name).doesNotContain("/room-1");
		session.receive("40/room-3,");
		assertThat(session.texts().get(3)).startsWith("40/room-3,{\"sid\":");
		session.drop(CloseReason.TRANSPORT_CLOSE);
		assertThat(bounded.namespaces()).extracting(Namespace::name).containsExactly("/");
	}

	@Test
	void emptyDynamicNamespacesStayWhenCleanupIsOff() {
		SocketIOServer keeping = new SocketIOServer(
				SocketIOServerOptions.builder().cleanupEmptyChildNamespaces(false).build(),
				JsonMapper.builder().build());
		keeping.of(Pattern.compile("^/room-\\d+$"));
		InProcessSession.open(keeping).receive("40/room-1,").drop(CloseReason.TRANSPORT_CLOSE);
		assertThat(keeping.namespaces()).extracting(Namespace::name).contains("/room-1");
	}

	@Test
	void connectionStateRecoveryRestoresIdRoomsDataAndMissedEvents() {
		SocketIOServer recovering = new SocketIOServer(SocketIOServerOptions.builder()
			.recovery(new SocketIOServerOptions.ConnectionStateRecovery(Duration.ofMillis(400), true))
			.build(),
				JsonMapper.builder().build());
		List<Socket> sockets = new CopyOnWriteArrayList<>();
		recovering.use((socket) -> Mono.error(new ConnectionRefusedException("middleware ran")))
			.sockets()
			.onConnection(sockets::add);
		recovering.sockets().use((socket) -> Mono.empty());
		// a middleware refuses everyone: only a recovered socket (which skips it) gets in
		InProcessSession refused = InProcessSession.open(recovering).receive("40");
		assertThat(refused.texts().get(0)).startsWith("44{\"message\":\"middleware ran\"");

		SocketIOServer open = new SocketIOServer(SocketIOServerOptions.builder()
			.recovery(new SocketIOServerOptions.ConnectionStateRecovery(Duration.ofMillis(400), true))
			.build(),
				JsonMapper.builder().build());
		open.onConnection(sockets::add);
		InProcessSession first = InProcessSession.open(open).receive("40");
		String connect = first.texts().get(0);
		assertThat(connect).matches("40\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"pid\":\"[A-Za-z0-9_-]{20}\"}");
		String sid = sid(connect);
		String pid = connect.replaceAll(".*\"pid\":\"([^\"]+)\".*", "$1");
		Socket socket = sockets.get(0);
		socket.join("r");
		socket.data().put("user", "ann");
		open.to("r").emit("news", 1);
		String news1 = first.texts().get(1);
		assertThat(news1).startsWith("42[\"news\",1,\"");
		String offset = news1.replaceAll(".*,\"([^\"]+)\"]$", "$1");
		first.drop(CloseReason.TRANSPORT_CLOSE);
		open.to("r").emit("news", 2);
		open.to("elsewhere").emit("news", 99);
		open.sockets().volatileOnly().emit("news", 98);

		InProcessSession second = InProcessSession.open(open)
			.receive("40{\"pid\":\"" + pid + "\",\"offset\":\"" + offset + "\"}");
		assertThat(second.texts()).hasSize(2);
		assertThat(second.texts().get(0)).startsWith("42[\"news\",2,\"");
		assertThat(sid(second.texts().get(1))).isEqualTo(sid);
		Socket recovered = sockets.get(1);
		assertThat(recovered.recovered()).isTrue();
		assertThat(recovered.id()).isEqualTo(sid);
		assertThat(recovered.rooms()).contains("r", sid);
		assertThat(recovered.data()).containsEntry("user", "ann");

		// an unknown pid or offset, or an expired session, connects a fresh socket
		recovered.disconnect(true);
		InProcessSession unknown = InProcessSession.open(open).receive("40{\"pid\":\"" + pid + "\",\"offset\":\"nope\"}");
		assertThat(sid(unknown.texts().get(0))).isNotEqualTo(sid);
		assertThat(sockets.get(2).recovered()).isFalse();
		unknown.drop(CloseReason.TRANSPORT_CLOSE);
		InMemoryAdapter adapter = (InMemoryAdapter) open.sockets().adapter();
		assertThat(adapter.keptForRecovery()[1]).isEqualTo(1);
		// kept packets and sessions are released once the window has passed
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(adapter.keptForRecovery()).containsExactly(0, 0));
	}

	@Test
	void eventsReachListenersWithTheirArgumentsAndAckRepliesCarryTheId() {
		List<JsonNode> received = new ArrayList<>();
		this.server.onConnection((socket) -> {
			socket.on("hello", (event) -> received.add(event.args()));
			socket.on("echo", (event) -> event.ackArgs(event.args()));
		});
		InProcessSession session = InProcessSession.open(this.server).receive("40");
		session.clear();
		session.receive("42[\"hello\",1,\"two\",{\"three\":3}]").receive("4213[\"echo\",\"x\",null]");
		assertThat(received).hasSize(1);
		assertThat(received.get(0).toString()).isEqualTo("[1,\"two\",{\"three\":3}]");
		assertThat(session.texts()).containsExactly("4313[\"x\",null]");
	}

	@Test
	void asynchronousListenerValueBecomesTheAckWithoutHoldingUpLaterEvents() {
		Sinks.One<String> slow = Sinks.one();
		this.server.onConnection((socket) -> {
			socket.onAsync("slow", (event) -> slow.asMono());
			socket.on("fast", (event) -> event.ack("fast"));
		});
		InProcessSession session = InProcessSession.open(this.server).receive("40");
		session.clear();
		session.receive("421[\"slow\"]").receive("422[\"fast\"]");
		assertThat(session.texts()).containsExactly("432[\"fast\"]");
		slow.tryEmitValue("done");
		assertThat(session.texts()).containsExactly("432[\"fast\"]", "431[\"done\"]");
	}

	@Test
	void namespaceEventListenersSeeEveryEventBeforeTheSocketsOwnListeners() {
		List<String> seen = new ArrayList<>();
		List<Throwable> errors = new ArrayList<>();
		this.server.of("/").onEvent((event) -> {
			seen.add("namespace:" + event.name());
			if ("echo".equals(event.name())) {
				event.ackArgs(event.args());
			}
		}).onEvent((event) -> {
			throw new IllegalStateException("boom " + event.name());
		});
		this.server.onConnection((socket) -> {
			socket.on("hello", (event) -> seen.add("socket:hello"));
			socket.onError(errors::add);
		});
		InProcessSession session = InProcessSession.open(this.server).receive("40");
		session.clear();
		session.receive("42[\"hello\"]").receive("421[\"echo\",\"x\"]");
		assertThat(seen).containsExactly("namespace:hello", "socket:hello", "namespace:echo");
		assertThat(session.texts()).containsExactly("431[\"x\"]");
		assertThat(errors).extracting(Throwable::getMessage).containsExactly("boom hello", "boom echo");
	}

	@Test
	void throwingListenerLeavesTheSocketConnected() {
		List<Throwable> errors = new ArrayList<>();
		this.server.onConnection((socket) -> {
			socket.on("throw", (event) -> {
				throw new IllegalStateException("boom");
			});
			socket.on("ping", (event) -> event.ack("pong"));
			socket.onError(errors::add);
		});
		InProcessSession session = InProcessSession.open(this.server).receive("40");
		session.clear();
		session.receive("42[\"throw\"]").receive("427[\"ping\"]");
		assertThat(session.texts()).containsExactly("437[\"pong\"]");
		assertThat(errors).singleElement().extracting(Throwable::getMessage).isEqualTo("boom");
		assertThat(this.connected.get(0).connected()).isTrue();
	}

	@Test
	void packetMiddlewareCanDropEvents() {
		List<String> seen = new ArrayList<>();
		this.server.onConnection((socket) -> {
			socket.use((event) -> "forbidden".equals(event.name()) ? Mono.error(new IllegalStateException("no"))
					: Mono.empty());
			socket.on("allowed", (event) -> seen.add("allowed"));
			socket.on("forbidden", (event) -> seen.add("forbidden"));
		});
		InProcessSession.open(this.server).receive("40").receive("42[\"forbidden\"]").receive("42[\"allowed\"]");
		assertThat(seen).containsExactly("allowed");
	}

	@Test
	void binaryArgumentsTravelAsAttachments() {
		List<byte[]> received = new ArrayList<>();
		this.server.onConnection((socket) -> socket.on("file", (event) -> {
			received.add(event.arg(0, Map.class) != null ? event.args().get(0).get("data").binaryValue() : null);
			socket.emit("back", Map.of("data", new byte[] { 1, 2 }), new byte[] { 3 });
		}));
		InProcessSession session = InProcessSession.open(this.server).receive("40");
		session.clear();
		session.receive("451-[\"file\",{\"data\":{\"_placeholder\":true,\"num\":0}}]");
		assertThat(received).isEmpty();
		session.receive(new byte[] { 9, 8 });
		assertThat(received).containsExactly(new byte[] { 9, 8 });
		assertThat(session.messages()).containsExactly(
				"452-[\"back\",{\"data\":{\"_placeholder\":true,\"num\":0}},{\"_placeholder\":true,\"num\":1}]",
				"<binary 0102>", "<binary 03>");
	}

	@Test
	void serverAcknowledgementsResolveAndTimeOut() {
		InProcessSession session = InProcessSession.open(this.server).receive("40");
		Socket socket = this.connected.get(0);
		session.clear();
		StepVerifier.create(socket.timeout(Duration.ofSeconds(5)).emitWithAck("ask", 1))
			.then(() -> {
				assertThat(session.texts()).containsExactly("420[\"ask\",1]");
				session.receive("430[\"answer\",2]");
			})
			.assertNext((args) -> assertThat(args.toString()).isEqualTo("[\"answer\",2]"))
			.verifyComplete();
		StepVerifier.create(socket.timeout(Duration.ofMillis(50)).emitWithAck("ask"))
			.expectError(AckTimeoutException.class)
			.verify(Duration.ofSeconds(5));
		// a late answer to a timed-out request is ignored
		session.receive("431[\"late\"]");
		assertThat(socket.connected()).isTrue();
	}

	@Test
	void pendingAcknowledgementsFailWhenTheSocketDisconnects() {
		InProcessSession session = InProcessSession.open(this.server).receive("40");
		Socket socket = this.connected.get(0);
		StepVerifier.create(socket.emitWithAck("ask"))
			.then(() -> session.drop(CloseReason.TRANSPORT_CLOSE))
			.expectError(AckTimeoutException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(socket.disconnectReason()).isEqualTo(DisconnectReason.TRANSPORT_CLOSE);
	}

	@Test
	void roomsAndBroadcastTargeting() {
		InProcessSession a = InProcessSession.open(this.server).receive("40");
		InProcessSession b = InProcessSession.open(this.server).receive("40");
		InProcessSession c = InProcessSession.open(this.server).receive("40");
		Socket sa = this.connected.get(0);
		Socket sb = this.connected.get(1);
		Socket sc = this.connected.get(2);
		sa.join("red");
		sb.join("red", "blue");
		sc.join("blue");
		List.of(a, b, c).forEach(InProcessSession::clear);

		this.server.to("red").emit("e", 1);
		assertThat(a.texts()).containsExactly("42[\"e\",1]");
		assertThat(b.texts()).containsExactly("42[\"e\",1]");
		assertThat(c.texts()).isEmpty();

		List.of(a, b, c).forEach(InProcessSession::clear);
		this.server.to("red", "blue").except("blue").emit("e", 2);
		assertThat(a.texts()).containsExactly("42[\"e\",2]");
		assertThat(b.texts()).isEmpty();
		assertThat(c.texts()).isEmpty();

		List.of(a, b, c).forEach(InProcessSession::clear);
		sb.broadcast().emit("e", 3);
		assertThat(a.texts()).containsExactly("42[\"e\",3]");
		assertThat(b.texts()).isEmpty();
		assertThat(c.texts()).containsExactly("42[\"e\",3]");

		List.of(a, b, c).forEach(InProcessSession::clear);
		sb.to("blue").emit("e", 4);
		assertThat(c.texts()).containsExactly("42[\"e\",4]");
		assertThat(b.texts()).isEmpty();

		sb.leave("red");
		assertThat(sb.rooms()).containsExactlyInAnyOrder(sb.id(), "blue");
		this.server.sockets().socketsJoin("all");
		assertThat(this.server.sockets().adapter().rooms()).contains("all", "red", "blue");
		this.server.in("blue").socketsLeave("all");
		assertThat(sa.rooms()).contains("all");
		assertThat(sc.rooms()).doesNotContain("all");
		StepVerifier.create(this.server.in("red").fetchSockets())
			.assertNext((sockets) -> assertThat(sockets).extracting(RemoteSocket::localSocket).containsExactly(sa))
			.verifyComplete();
	}

	@Test
	void broadcastIsEncodedOnceForEveryRecipient() {
		InProcessSession a = InProcessSession.open(this.server).receive("40");
		InProcessSession b = InProcessSession.open(this.server).receive("40");
		List.of(a, b).forEach(InProcessSession::clear);
		this.server.emit("e", new byte[] { 1 });
		assertThat(a.messages()).containsExactly("451-[\"e\",{\"_placeholder\":true,\"num\":0}]", "<binary 01>");
		assertThat(b.messages()).isEqualTo(a.messages());
	}

	@Test
	void broadcastWithAcksCollectsEveryAnswerOrTimesOut() {
		InProcessSession a = InProcessSession.open(this.server).receive("40");
		InProcessSession b = InProcessSession.open(this.server).receive("40");
		List.of(a, b).forEach(InProcessSession::clear);
		StepVerifier.create(this.server.sockets().timeout(Duration.ofSeconds(5)).emitWithAck("q"))
			.then(() -> {
				String packet = a.texts().get(0);
				assertThat(b.texts()).containsExactly(packet);
				String id = packet.substring(2, packet.indexOf('['));
				a.receive("43" + id + "[\"a\"]");
				b.receive("43" + id + "[\"b\"]");
			})
			.assertNext((answers) -> assertThat(answers).extracting(JsonNode::toString)
				.containsExactlyInAnyOrder("[\"a\"]", "[\"b\"]"))
			.verifyComplete();
		List.of(a, b).forEach(InProcessSession::clear);
		StepVerifier.create(this.server.sockets().timeout(Duration.ofMillis(100)).emitWithAck("q"))
			.then(() -> {
				String packet = a.texts().get(0);
				a.receive("43" + packet.substring(2, packet.indexOf('[')) + "[\"only a\"]");
			})
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(
					BroadcastAckTimeoutException.class, (timeout) -> assertThat(timeout.responses()).hasSize(1)))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void aClientThatNeverAcknowledgesBroadcastsDoesNotPileUpPendingAcks() {
		InProcessSession silent = InProcessSession.open(this.server).receive("40");
		Socket socket = this.server.sockets().sockets().values().iterator().next();
		silent.clear();
		this.server.sockets().local().emitWithAck("forever").subscribe();
		for (int i = 0; i < 100; i++) {
			this.server.sockets().timeout(Duration.ofMillis(20)).emitWithAck("q").onErrorComplete().subscribe();
		}
		assertThat(silent.texts()).hasSize(101);
		assertThat(socket.pendingAcks()).isBetween(2, 101);
		// once their broadcasts gave up, the next broadcast with an ack drops them: all but
		// the one without a timeout and itself
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			this.server.sockets().timeout(Duration.ofSeconds(30)).emitWithAck("q").onErrorComplete().subscribe();
			assertThat(socket.pendingAcks()).isEqualTo(2 + (silent.texts().size() - 102));
		});
		assertThat(silent.isOpen()).isTrue();
	}

	@Test
	void aServerDisconnectKeepsItsReasonWhenTheClientClosesAtOnce() {
		List<DisconnectReason> reasons = new CopyOnWriteArrayList<>();
		this.server.onConnection((socket) -> socket.onDisconnect(reasons::add));
		InProcessSession client = InProcessSession.open(this.server).receive("40");
		Socket socket = this.server.sockets().sockets().values().iterator().next();
		// the client closes its connection as soon as the DISCONNECT packet reaches it,
		// before the server's disconnect call has returned
		client.onSent((packets) -> {
			if (packets.stream().anyMatch((packet) -> "1".equals(packet.text()))) {
				client.drop(CloseReason.TRANSPORT_CLOSE);
			}
		});
		socket.disconnect(false);
		assertThat(reasons).containsExactly(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
		assertThat(client.texts()).contains("41");
	}

	@Test
	void disconnectReasons() {
		List<DisconnectReason> reasons = new CopyOnWriteArrayList<>();
		this.server.onConnection((socket) -> socket.onDisconnect(reasons::add));
		this.server.of("/custom").onConnection((socket) -> socket.onDisconnect(reasons::add));

		InProcessSession client = InProcessSession.open(this.server).receive("40").receive("41");
		assertThat(reasons).containsExactly(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
		assertThat(client.isOpen()).isTrue();

		reasons.clear();
		InProcessSession server = InProcessSession.open(this.server).receive("40");
		server.clear();
		this.connected.get(1).disconnect(false);
		assertThat(server.texts()).containsExactly("41");
		assertThat(reasons).containsExactly(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
		assertThat(server.isOpen()).isTrue();

		reasons.clear();
		InProcessSession closed = InProcessSession.open(this.server).receive("40").receive("40/custom,");
		closed.clear();
		this.connected.get(2).disconnect(true);
		assertThat(closed.texts()).containsExactlyInAnyOrder("41", "41/custom,");
		assertThat(reasons).containsExactly(DisconnectReason.SERVER_NAMESPACE_DISCONNECT,
				DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
		assertThat(closed.isOpen()).isFalse();

		reasons.clear();
		InProcessSession lost = InProcessSession.open(this.server).receive("40");
		lost.drop(CloseReason.PING_TIMEOUT);
		assertThat(reasons).containsExactly(DisconnectReason.PING_TIMEOUT);
		assertThat(this.server.sockets().sockets()).isEmpty();
		assertThat(this.server.sockets().adapter().rooms()).isEmpty();
	}

	@Test
	void malformedPacketsCloseOnlyTheirConnectionWithParseError() {
		List<DisconnectReason> reasons = new CopyOnWriteArrayList<>();
		this.server.onConnection((socket) -> socket.onDisconnect(reasons::add));
		InProcessSession good = InProcessSession.open(this.server).receive("40");
		InProcessSession bad = InProcessSession.open(this.server).receive("40");
		bad.receive("42[\"connect\"]");
		assertThat(bad.isOpen()).isFalse();
		assertThat(reasons).containsExactly(DisconnectReason.PARSE_ERROR);
		assertThat(good.isOpen()).isTrue();
		for (String garbage : new String[] { "49", "42{", "442[1,", "4451-[\"e\"]", "41{}" }) {
			InProcessSession session = InProcessSession.open(this.server).receive("40").receive(garbage);
			if (garbage.startsWith("4451-")) {
				session.receive("40");
			}
			assertThat(session.isOpen()).as(garbage).isFalse();
		}
		InProcessSession stray = InProcessSession.open(this.server).receive("40").receive(new byte[] { 1 });
		assertThat(stray.isOpen()).isFalse();
	}

	@Test
	void connectionWithoutNamespaceIsClosedAfterTheConnectTimeout() {
		InProcessSession idle = InProcessSession.open(this.server);
		InProcessSession active = InProcessSession.open(this.server).receive("40");
		await().atMost(Duration.ofSeconds(3)).until(() -> !idle.isOpen());
		assertThat(idle.closeReason()).isEqualTo(CloseReason.FORCED_CLOSE);
		assertThat(active.isOpen()).isTrue();
	}

	@Test
	void typedArgumentsAndReturnValues() {
		AtomicReference<Point> point = new AtomicReference<>();
		this.server.onConnection((socket) -> socket.on("point", (event) -> {
			point.set(event.arg(0, Point.class));
			event.ack(new Point(point.get().y(), point.get().x()));
		}));
		InProcessSession session = InProcessSession.open(this.server).receive("40");
		session.clear();
		session.receive("421[\"point\",{\"x\":1,\"y\":2}]");
		assertThat(point.get()).isEqualTo(new Point(1, 2));
		assertThat(session.texts()).containsExactly("431[{\"x\":2,\"y\":1}]");
	}

	@Test
	void anyListenersSeeIncomingAndOutgoingEvents() {
		List<String> seen = new ArrayList<>();
		this.server.onConnection((socket) -> {
			socket.onAny((name, args) -> seen.add("in:" + name + args));
			socket.onAnyOutgoing((name, args) -> seen.add("out:" + name + args));
			socket.on("hi", (event) -> socket.emit("hello", 1));
		});
		InProcessSession.open(this.server).receive("40").receive("42[\"hi\",0]");
		assertThat(seen).containsExactly("in:hi[0]", "out:hello[1]");
	}

	record Point(int x, int y) {
	}

}
