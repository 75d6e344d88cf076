package io.github.springsocketio.annotation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.springsocketio.annotation.ControllerTestApplication.Recorder;
import io.github.springsocketio.server.DisconnectReason;
import io.github.springsocketio.test.JavaClient;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Annotated controllers driven by the official Java Socket.IO client, with plain methods
 * offloaded to {@code bounded-elastic} (the default runs them inline, as
 * {@link SocketIOAnnotationAutoConfigurationTests} shows).
 */
@SpringBootTest(classes = ControllerTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "socketio.controllers.executor=bounded-elastic")
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SocketIOControllerTests {

	private static final String NON_BLOCKING = " non-blocking";

	@LocalServerPort
	private int port;

	@Autowired
	private Recorder recorder;

	@Autowired
	private SocketIOMessageHandler handler;

	// ---- routing

	@Test
	void sameEventIsRoutedByNamespace() {
		try (JavaClient main = JavaClient.connect(this.port, "/");
				JavaClient chat = JavaClient.connect(this.port, "/chat", Map.of("token", "secret", "user", "ann"), "");
				JavaClient admin = JavaClient.connect(this.port, "/admin", Map.of("role", "admin"), "")) {
			assertThat(main.ask("echo", "hi")).containsExactly("hi");
			assertThat(chat.ask("echo", "hi")).containsExactly("chat: hi");
			assertThat(admin.ask("echo", "hi")).containsExactly("admin: hi");
		}
	}

	@Test
	void unmappedEventIsIgnoredAndTheSocketServesOn() {
		try (JavaClient client = JavaClient.connect(this.port, "/")) {
			CompletableFuture<Object[]> unmapped = client.askAsync("nobody-listens", 1);
			assertThat(client.ask("echo", "still")).containsExactly("still");
			assertThat(unmapped).isNotDone();
		}
	}

	@Test
	void beansThatAreNotSingletonsAreResolvedPerMessage() {
		try (JavaClient client = JavaClient.connect(this.port, "/prototype")) {
			int first = (int) client.ask("instance")[0];
			assertThat(client.ask("instance")[0]).isNotEqualTo(first);
			assertThat(client.ask("instance-reactive")[0]).isNotEqualTo(first);
			String handled = (String) client.ask("fail")[0];
			assertThat(handled).matches("prototype (\\d+) handled by \\1");
		}
	}

	// ---- arguments

	@Test
	void onConnectReceivesSocketHandshakeAuthAndPrincipal() {
		try (JavaClient client = JavaClient.connect(this.port, "/", Map.of("token", "t1"), "user=alice")) {
			Map<?, ?> welcome = (Map<?, ?>) JavaClient.plain(client.next("welcome")[0]);
			assertThat(welcome.get("id")).isEqualTo(client.id());
			assertThat(welcome.get("auth")).isEqualTo(Map.of("token", "t1"));
			assertThat((String) welcome.get("url")).startsWith("/socket.io/").contains("user=alice");
			assertThat(welcome.get("principal")).isEqualTo("alice");
			assertThat((String) welcome.get("thread")).doesNotEndWith(NON_BLOCKING);
		}
	}

	@Test
	void principalOfTheHandshakeRequest() {
		try (JavaClient alice = JavaClient.connect(this.port, "/", Map.of(), "user=alice");
				JavaClient anonymous = JavaClient.connect(this.port, "/")) {
			assertThat(alice.ask("whoami")).containsExactly("alice");
			assertThat(alice.ask("whoami-typed")).containsExactly("typed alice");
			assertThat(anonymous.ask("whoami")).containsExactly("anonymous");
			assertThat(anonymous.ask("whoami-typed")).containsExactly("anonymous");
		}
	}

	@Test
	void typedAuth() {
		try (JavaClient client = JavaClient.connect(this.port, "/", Map.of("token", "t2", "user", "bob"), "")) {
			assertThat(client.ask("credentials")).containsExactly("bob:t2");
		}
	}

	@Test
	void recordArgument() throws Exception {
		try (JavaClient client = JavaClient.connect(this.port, "/")) {
			Object[] ack = client.ask("record", new JSONObject(Map.of("name", "ann", "count", 1)));
			assertThat(JavaClient.plain(ack[0])).isEqualTo(Map.of("name", "ANN", "count", 2));
		}
	}

	@Test
	void pojoArgument() throws Exception {
		try (JavaClient client = JavaClient.connect(this.port, "/")) {
			Object[] ack = client.ask("pojo", new JSONObject("{\"label\":\"x\",\"values\":[7]}"));
			assertThat(JavaClient.plain(ack[0])).isEqualTo(Map.of("label", "x!", "values", List.of(7, 1)));
		}
	}

	@Test
	void binaryArgumentAndBinaryAck() {
		try (JavaClient client = JavaClient.connect(this.port, "/")) {
			Object[] ack = client.ask("bytes", (Object) new byte[] { 1, 2, 3 });
			assertThat(ack[0]).isEqualTo(new byte[] { 3, 2, 1 });
		}
	}

	@Test
	void jsonNodeArgument() throws Exception {
		try (JavaClient client = JavaClient.connect(this.port, "/")) {
			Object[] ack = client.ask("tree", new JSONObject("{\"a\":[1,{\"b\":null}]}"));
			assertThat(JavaClient.plain(ack[0])).isEqualTo(
					Map.of("a", List.of(1, Map.of("b", "null")), "seen", true));
		}
	}

	@Test
	void primitiveArguments() {
		try (JavaClient client = JavaClient.connect(this.port, "/")) {
			assertThat(client.ask("primitives", 42, true, "text", 1L << 40, 0.5))
				.containsExactly("42|true|text|1099511627776|0.5");
		}
	}

	@Test
	void contextParametersDoNotConsumeArguments() {
		try (JavaClient client = JavaClient.connect(this.port, "/")) {
			assertThat(client.ask("mixed", 1, "two")).containsExactly("1two|2|/|true");
		}
	}

	@Test
	void messageArgumentHasTheContextInItsHeaders() {
		try (JavaClient client = JavaClient.connect(this.port, "/")) {
			assertThat(client.ask("headers", "x"))
				.containsExactly("headers|[\"x\"]|@OnEvent(\"headers\") of namespace \"/\"|false|null");
		}
	}

	@Test
	void optionalArgument() {
		try (JavaClient client = JavaClient.connect(this.port, "/")) {
			assertThat(client.ask("optional", new JSONObject(Map.of("name", "ann", "count", 1))))
				.containsExactly("ann");
			assertThat(client.ask("optional", JSONObject.NULL)).containsExactly("none");
			assertThat(client.ask("optional")).containsExactly("none");
		}
	}

	@Test
	void genericArgument() throws Exception {
		try (JavaClient client = JavaClient.connect(this.port, "/")) {
			JSONArray greetings = new JSONArray("[{\"name\":\"a\",\"count\":2},{\"name\":\"b\",\"count\":5}]");
			assertThat(client.ask("generic", greetings)).containsExactly(7);
		}
	}

	// ---- return values

	@Test
	void monoValueBecomesTheAck() {
		try (JavaClient client = JavaClient.connect(this.port, "/")) {
			assertThat(client.ask("mono", "later")).containsExactly("later!");
		}
	}

	@Test
	void fluxValuesBecomeOneListAck() {
		try (JavaClient client = JavaClient.connect(this.port, "/")) {
			assertThat(JavaClient.plainList(client.ask("flux", 3))).containsExactly(List.of(1, 2, 3));
		}
	}

	@Test
	void ackSenderSendsSeveralArguments() {
		try (JavaClient client = JavaClient.connect(this.port, "/")) {
			assertThat(client.ask("ack-sender", "a", 2)).containsExactly("a", 2);
		}
	}

	@Test
	void voidAndMonoVoidSendNoAck() {
		try (JavaClient client = JavaClient.connect(this.port, "/")) {
			CompletableFuture<Object[]> plain = client.askAsync("no-ack", "void-" + client.id());
			CompletableFuture<Object[]> mono = client.askAsync("no-ack-mono", "mono-" + client.id());
			await().untilAsserted(() -> assertThat(this.recorder.noAckCalls).contains("void-" + client.id(),
					"mono-" + client.id()));
			// an ack sent after these would come before this one's
			assertThat(client.ask("echo", "after")).containsExactly("after");
			assertThat(plain).isNotDone();
			assertThat(mono).isNotDone();
		}
	}

	// ---- exceptions

	@Test
	void controllerExceptionHandlerAnswers() {
		try (JavaClient client = JavaClient.connect(this.port, "/")) {
			assertThat(JavaClient.plain(client.ask("fail", "x")[0]))
				.isEqualTo(Map.of("handledBy", "controller", "message", "boom: x"));
			assertThat(JavaClient.plain(client.ask("fail-mono", "y")[0]))
				.isEqualTo(Map.of("handledBy", "controller", "message", "async boom: y"));
		}
	}

	@Test
	void adviceExceptionHandlerAnswers() {
		try (JavaClient client = JavaClient.connect(this.port, "/")) {
			assertThat(client.ask("fail-advice", "z")).containsExactly("advice: bad: z");
		}
	}

	@Test
	void unhandledExceptionIsAnErrorAckAndTheSocketStaysConnected() {
		try (JavaClient client = JavaClient.connect(this.port, "/")) {
			assertThat(JavaClient.plain(client.ask("fail-unhandled", "q")[0])).isEqualTo(Map.of("error", "nope: q"));
			client.emit("fail-unhandled", "without ack");
			assertThat(client.ask("echo", "alive")).containsExactly("alive");
			assertThat(this.recorder.disconnects).doesNotContainKey(client.id());
		}
	}

	@Test
	void invalidPayloadIsRefusedWithDetails() throws Exception {
		try (JavaClient client = JavaClient.connect(this.port, "/")) {
			Object error = JavaClient.plain(client.ask("validate", new JSONObject(Map.of("name", " ", "age", 12)))[0]);
			assertThat(error).isEqualTo(Map.of("error", "Validation failed", "details",
					List.of(Map.of("field", "age", "message", "must be greater than or equal to 18"),
							Map.of("field", "name", "message", "must not be blank"))));
			assertThat(client.ask("validate", new JSONObject(Map.of("name", "ann", "age", 18))))
				.containsExactly("welcome ann");
		}
	}

	@Test
	void unconvertibleOrMissingArgumentIsRefused() {
		try (JavaClient client = JavaClient.connect(this.port, "/")) {
			assertThat(JavaClient.plain(client.ask("number", "abc")[0]))
				.isEqualTo(Map.of("error", "Cannot convert argument 0 to int"));
			assertThat(JavaClient.plain(client.ask("number")[0])).isEqualTo(Map.of("error", "Missing argument 0"));
			assertThat(client.ask("number", 21)).containsExactly(42);
		}
	}

	// ---- threads and ordering

	@Test
	void blockingHandlersRunOffTheEventLoopAndReactiveOnesInline() {
		try (JavaClient client = JavaClient.connect(this.port, "/")) {
			String blocking = (String) client.ask("thread")[0];
			assertThat(blocking).doesNotEndWith(NON_BLOCKING).startsWith("boundedElastic-");
			assertThat((String) client.ask("thread-reactive")[0]).matches("(reactor|webflux)-http-.*" + NON_BLOCKING);
		}
	}

	@Test
	void blockingHandlerDecisionIsMadeAtRegistration() throws Exception {
		assertThat(this.handler.isBlocking(ControllerTestApplication.MainController.class.getDeclaredMethod("thread")))
			.isTrue();
		assertThat(this.handler
			.isBlocking(ControllerTestApplication.MainController.class.getDeclaredMethod("threadReactive"))).isFalse();
	}

	@Test
	void eventsOfOneSocketAreHandledInArrivalOrder() {
		try (JavaClient first = JavaClient.connect(this.port, "/");
				JavaClient second = JavaClient.connect(this.port, "/")) {
			int count = 100;
			for (int i = 0; i < count; i++) {
				first.emit("sequence", i);
				second.emit("sequence", i);
			}
			List<Integer> expected = IntStream.range(0, count).boxed().toList();
			assertThat(JavaClient.plainList(first.ask("sequence-result"))).containsExactly(expected);
			assertThat(JavaClient.plainList(second.ask("sequence-result"))).containsExactly(expected);
		}
	}

	// ---- connection middleware and disconnection

	@Test
	void beforeConnectMethodRefusesWithMessageAndData() {
		JSONObject error = JavaClient.refused(this.port, "/chat", Map.of("token", "wrong", "user", "eve"));
		assertThat(JavaClient.plain(error))
			.isEqualTo(Map.of("message", "unauthorized", "data", Map.of("reason", "bad token")));
		try (JavaClient client = JavaClient.connect(this.port, "/chat", Map.of("token", "secret", "user", "ann"), "")) {
			assertThat(client.next("welcome")).containsExactly("ann");
		}
	}

	@Test
	void middlewareBeanRefusesWithMessageAndData() {
		JSONObject error = JavaClient.refused(this.port, "/admin", Map.of("role", "guest"));
		assertThat(JavaClient.plain(error))
			.isEqualTo(Map.of("message", "forbidden", "data", Map.of("required", "admin")));
	}

	@Test
	void onDisconnectReceivesTheReason() {
		String closedId;
		try (JavaClient client = JavaClient.connect(this.port, "/")) {
			closedId = client.id();
		}
		JavaClient kicked = JavaClient.connect(this.port, "/");
		String kickedId = kicked.id();
		kicked.emit("disconnect-me");
		assertThat(kicked.disconnected()).isEqualTo("io server disconnect");
		kicked.close();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(this.recorder.disconnects).containsEntry(closedId, DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
			assertThat(this.recorder.disconnects).containsEntry(kickedId, DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
		});
		assertThat(this.recorder.disconnectThreads.get(kickedId)).doesNotEndWith(NON_BLOCKING);
	}

	@Test
	void manyClientsAtOnce() {
		List<JavaClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 10; i++) {
				clients.add(JavaClient.connect(this.port, "/"));
			}
			List<CompletableFuture<Object[]>> acks = clients.stream().map((c) -> c.askAsync("echo", c.id())).toList();
			for (int i = 0; i < clients.size(); i++) {
				assertThat(acks.get(i).join()).containsExactly(clients.get(i).id());
			}
		}
		finally {
			clients.forEach(JavaClient::close);
		}
	}

}
