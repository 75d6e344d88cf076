package io.github.springsocketio.annotation;

import java.lang.reflect.Method;
import java.security.Principal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.springsocketio.adapter.redis.RedisAdapterException;
import io.github.springsocketio.adapter.redis.RedisAdapterFactory;
import io.github.springsocketio.adapter.redis.RedisAdapterOptions;
import io.github.springsocketio.annotation.ServerSideEventTestApplication.Notes;
import io.github.springsocketio.autoconfigure.SocketIOAnnotationAutoConfiguration;
import io.github.springsocketio.autoconfigure.SocketIOAutoConfiguration;
import io.github.springsocketio.server.DisconnectReason;
import io.github.springsocketio.server.Handshake;
import io.github.springsocketio.server.ServerSideEvent;
import io.github.springsocketio.server.Socket;
import io.github.springsocketio.server.SocketEvent;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.server.SocketIOServerOptions;
import io.github.springsocketio.test.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * {@link OnServerSideEvent} methods on a real cluster: a Spring Boot node running
 * {@link ServerSideEventTestApplication} and a plain {@link SocketIOServer} node, both
 * with the Redis adapter on a real {@code redis-server}; the plain node sends with
 * {@code serverSideEmit} / {@code serverSideEmitWithAck}. Then the mappings that fail the
 * startup.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ServerSideEventControllerTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	/** The sender's wait for the answers of the other nodes. */
	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

	private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

	private static RedisServer redis;

	private static ConfigurableApplicationContext context;

	private static RedisClient senderClient;

	private static RedisAdapterFactory senderAdapters;

	private static SocketIOServer sender;

	@BeforeAll
	static void startCluster() {
		redis = RedisServer.start();
		context = new SpringApplicationBuilder(ServerSideEventTestApplication.class)
			.web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "socketio.controllers.executor=bounded-elastic", "socketio.adapter.type=redis", "spring.data.redis.host=" + redis.host(),
					"spring.data.redis.port=" + redis.port())
			.run();
		senderClient = RedisClient.create(RedisURI.create(redis.host(), redis.port()));
		senderAdapters = new RedisAdapterFactory(senderClient,
				new RedisAdapterOptions("socket.io", REQUEST_TIMEOUT, 1000));
		sender = new SocketIOServer(SocketIOServerOptions.builder().connectTimeout(Duration.ofSeconds(5)).adapterFactory(senderAdapters).build(),
				JsonMapper.builder().build());
		for (String namespace : List.of("/", "/jobs")) {
			await().atMost(WAIT)
				.until(() -> sender.of(namespace).adapter().serverCount().onErrorReturn(-1).block() == 2);
		}
	}

	@AfterAll
	static void stopCluster() {
		if (sender != null) {
			sender.close();
			senderAdapters.close();
			senderClient.shutdown(0, 1, TimeUnit.SECONDS);
		}
		if (context != null) {
			context.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	/** Send with an answer asked, and return the one answer: the Spring node's. */
	private static JsonNode ask(String event, Object... args) {
		return askIn("/", event, args);
	}

	private static JsonNode askIn(String namespace, String event, Object... args) {
		List<JsonNode> answers = sender.of(namespace).serverSideEmitWithAck(event, args).block(WAIT);
		assertThat(answers).hasSize(1);
		return answers.get(0);
	}

	private static JsonNode json(String json) {
		return JSON.readTree(json);
	}

	private static Notes notes() {
		return context.getBean(Notes.class);
	}

	// ---- arguments

	@Test
	void argumentsAreConvertedToRecordAndPojoAndTheReturnedValueIsTheAnswer() {
		JsonNode answer = ask("greeting", Map.of("name", "ann", "count", 1),
				Map.of("label", "x", "values", List.of(7, 3)));
		assertThat(answer).isEqualTo(json("{'greeting': {'name': 'ANN', 'count': 2}, 'label': 'x!', 'sum': 10}"));
	}

	@Test
	void binaryArgumentAndOptional() {
		assertThat(ask("binary", new byte[] { 1, 2, 3 }, Map.of("name", "bob", "count", 0)).asString())
			.isEqualTo("3 bytes, last 3, bob");
		assertThat(ask("binary", new byte[] { 9 }, null).asString()).isEqualTo("1 bytes, last 9, no greeting");
		assertThat(ask("binary", new byte[] { 9, 8 }).asString()).isEqualTo("2 bytes, last 8, no greeting");
	}

	@Test
	void contextParametersDoNotConsumeArguments() {
		assertThat(ask("context", "n=", 7).asString()).isEqualTo("/|context|n=7|2|true");
	}

	@Test
	void eventsAreRoutedByNamespace() {
		assertThat(askIn("/jobs", "greeting", "bob").asString()).isEqualTo("hello bob from /jobs");
		assertThat(askIn("/", "number", 21).asInt()).isEqualTo(42);
	}

	// ---- answers

	@Test
	void monoValueIsTheAnswer() {
		assertThat(ask("mono", "later").asString()).isEqualTo("later!");
	}

	@Test
	void fluxValuesAreOneListAnswer() {
		assertThat(ask("flux", 3)).isEqualTo(json("[1, 2, 3]"));
	}

	@Test
	void voidAndMonoVoidAnswerNothingSoTheSenderTimesOut() {
		CompletableFuture<List<JsonNode>> plain = sender.serverSideEmitWithAck("note", "void").toFuture();
		CompletableFuture<List<JsonNode>> mono = sender.serverSideEmitWithAck("note-mono", "asked").toFuture();
		sender.serverSideEmit("note", "fire and forget");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(notes().received).contains("void (answer asked)", "mono asked",
					"fire and forget"));
		for (CompletableFuture<List<JsonNode>> answers : List.of(plain, mono)) {
			assertThat(answers).failsWithin(WAIT)
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOf(RedisAdapterException.class)
				.withMessageContaining("0 of 1 nodes answered within " + REQUEST_TIMEOUT.toMillis() + " ms");
		}
	}

	// ---- exceptions

	@Test
	void controllerExceptionHandlerAnswersWithoutASocket() {
		assertThat(ask("fail", "x"))
			.isEqualTo(json("{'handledBy': 'controller', 'message': 'boom: x', 'socket': 'none'}"));
		assertThat(ask("fail-mono", "y"))
			.isEqualTo(json("{'handledBy': 'controller', 'message': 'async boom: y', 'socket': 'none'}"));
	}

	@Test
	void adviceExceptionHandlerAnswers() {
		assertThat(ask("fail-advice", "z").asString()).isEqualTo("advice: bad: z");
	}

	@Test
	void unhandledExceptionIsAnErrorAnswerAndTheNodeServesOn() {
		assertThat(ask("fail-unhandled", "q")).isEqualTo(json("{'error': 'nope: q'}"));
		sender.serverSideEmit("fail-unhandled", "unasked");
		await().atMost(WAIT).until(() -> notes().received.contains("failing unasked"));
		assertThat(ask("number", 1).asInt()).isEqualTo(2);
	}

	@Test
	void invalidOrUnconvertibleArgumentsAreRefusedWithDetails() {
		assertThat(ask("validate", Map.of("name", " ", "age", 12)))
			.isEqualTo(json("{'error': 'Validation failed', 'details': ["
					+ "{'field': 'age', 'message': 'must be greater than or equal to 18'},"
					+ "{'field': 'name', 'message': 'must not be blank'}]}"));
		assertThat(ask("validate", Map.of("name", "ann", "age", 18)).asString()).isEqualTo("welcome ann");
		assertThat(ask("number", "abc")).isEqualTo(json("{'error': 'Cannot convert argument 0 to int'}"));
		assertThat(ask("number")).isEqualTo(json("{'error': 'Missing argument 0'}"));
	}

	// ---- threads and ordering

	@Test
	void blockingMethodsRunOnTheControllerExecutorAndReactiveOnesOnTheAdaptersThread() throws Exception {
		assertThat(ask("thread").asString()).startsWith("boundedElastic-");
		assertThat(ask("thread-reactive").asString()).startsWith("lettuce-");
		SocketIOMessageHandler handler = context.getBean(SocketIOMessageHandler.class);
		Class<?> controller = ServerSideEventTestApplication.ClusterController.class;
		assertThat(handler.isBlocking(controller.getDeclaredMethod("thread"))).isTrue();
		assertThat(handler.isBlocking(controller.getDeclaredMethod("threadReactive"))).isFalse();
	}

	@Test
	void blockingMethodsOfANamespaceRunInArrivalOrder() {
		int count = 100;
		for (int i = 0; i < count; i++) {
			sender.serverSideEmit("sequence", i);
		}
		List<Integer> expected = IntStream.range(0, count).boxed().toList();
		assertThat(JSON.convertValue(ask("sequence-result"), List.class)).isEqualTo(expected);
	}

	@Test
	void serverSideEventAndClientEventOfTheSameNameAreDistinctMappings() {
		SocketIOMessageHandler handler = context.getBean(SocketIOMessageHandler.class);
		assertThat(handler.getHandlerMethods()).containsKeys(SocketIOMapping.event("/", "greeting"),
				SocketIOMapping.serverSideEvent("/", "greeting"), SocketIOMapping.serverSideEvent("/jobs", "greeting"));
		assertThat(handler.getHandlerMethods().get(SocketIOMapping.serverSideEvent("/", "greeting")).getMethod())
			.extracting(Method::getName)
			.isEqualTo("greeting");
	}

	/**
	 * Mappings that fail the startup, on the in-memory adapter (the mappings are checked
	 * before any event).
	 */
	@Nested
	class Startup {

		private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SocketIOAutoConfiguration.class, SocketIOAnnotationAutoConfiguration.class));

		@Test
		void duplicateServerSideEventFailsTheStartup() {
			this.contextRunner.withUserConfiguration(SyncController.class, OtherSyncController.class)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("Ambiguous mapping")
					.hasMessageContaining("@OnServerSideEvent(\"sync\") of namespace \"/\""));
		}

		@Test
		void sameServerSideEventInTwoNamespacesIsFine() {
			this.contextRunner.withUserConfiguration(SyncController.class, ChatSyncController.class)
				.run((context) -> assertThat(context.getBean(SocketIOMessageHandler.class).getHandlerMethods())
					.containsOnlyKeys(SocketIOMapping.serverSideEvent("/", "sync"),
							SocketIOMapping.serverSideEvent("/chat", "sync")));
		}

		@Test
		void socketParameterFailsTheStartup() {
			this.contextRunner.withUserConfiguration(SocketParameter.class)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(IllegalStateException.class)
					.hasMessageContaining(SocketParameter.class.getName() + ".sync(")
					.hasMessageContaining("is mapped with @OnServerSideEvent and cannot take parameter 1 of type Socket")
					.hasMessageContaining("a server-side event comes from another node, not from a socket"));
		}

		/**
		 * Registered one by one on a running handler, through the same checks as at
		 * startup.
		 */
		@ParameterizedTest
		@ValueSource(strings = { "socket", "socketEvent", "ackSender", "handshake", "disconnectReason", "principal",
				"auth" })
		void everySocketContextParameterIsRefused(String name) {
			Method method = Arrays.stream(SocketContext.class.getDeclaredMethods())
				.filter((candidate) -> candidate.getName().equals(name))
				.findFirst()
				.orElseThrow();
			this.contextRunner.run((context) -> {
				SocketIOMessageHandler handler = context.getBean(SocketIOMessageHandler.class);
				assertThatIllegalStateException()
					.isThrownBy(() -> handler.registerHandlerMethod(new SocketContext(), method,
							SocketIOMapping.serverSideEvent("/", name)))
					.withMessageContaining(SocketContext.class.getName() + "." + name + "(")
					.withMessageContaining("cannot take parameter 1 of type "
							+ method.getParameterTypes()[1].getSimpleName());
				assertThat(handler.getHandlerMethods()).isEmpty();
			});
		}

		@Test
		void serverSideEventParameterOfAClientEventFailsTheStartup() {
			this.contextRunner.withUserConfiguration(ServerSideEventOfClientEvent.class)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(IllegalStateException.class)
					.hasMessageContaining(ServerSideEventOfClientEvent.class.getName() + ".echo(")
					.hasMessageContaining(
							"is mapped with @OnEvent and cannot take parameter 0 of type ServerSideEvent"));
		}

		@ParameterizedTest
		@ValueSource(classes = { ConnectName.class, ConnectionName.class, NewNamespaceName.class })
		void reservedNameFailsTheStartup(Class<?> controller) {
			this.contextRunner.withUserConfiguration(controller)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("Reserved server-side event name")
					.hasMessageContaining(controller.getName() + ".reserved("));
		}

		@Test
		void bothAnnotationsFailTheStartup() {
			this.contextRunner.withUserConfiguration(BothAnnotations.class)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining(BothAnnotations.class.getName() + ".sync(")
					.hasMessageContaining("has more than one of @OnEvent")
					.hasMessageContaining("@OnServerSideEvent"));
		}

	}

	@SocketIOController
	static class SyncController {

		@OnServerSideEvent("sync")
		void sync(String text) {
		}

	}

	@SocketIOController("/")
	static class OtherSyncController {

		@OnServerSideEvent("sync")
		String sync() {
			return "";
		}

	}

	@SocketIOController("chat")
	static class ChatSyncController {

		@OnServerSideEvent("sync")
		void sync(String text) {
		}

	}

	@SocketIOController
	static class SocketParameter {

		@OnServerSideEvent("sync")
		void sync(String text, Socket socket) {
		}

	}

	/** Methods taking a socket's context, registered by hand. */
	static class SocketContext {

		void socket(String text, Socket socket) {
		}

		void socketEvent(String text, SocketEvent event) {
		}

		void ackSender(String text, AckSender ack) {
		}

		void handshake(String text, Handshake handshake) {
		}

		void disconnectReason(String text, DisconnectReason reason) {
		}

		void principal(String text, Principal principal) {
		}

		void auth(String text, @Auth Map<String, Object> auth) {
		}

	}

	@SocketIOController
	static class ServerSideEventOfClientEvent {

		@OnEvent("echo")
		String echo(ServerSideEvent event, String text) {
			return text;
		}

	}

	@SocketIOController
	static class ConnectName {

		@OnServerSideEvent("connect")
		void reserved() {
		}

	}

	@SocketIOController
	static class ConnectionName {

		@OnServerSideEvent("connection")
		void reserved() {
		}

	}

	@SocketIOController
	static class NewNamespaceName {

		@OnServerSideEvent("new_namespace")
		void reserved() {
		}

	}

	@SocketIOController
	static class BothAnnotations {

		@OnEvent("sync")
		@OnServerSideEvent("sync")
		void sync() {
		}

	}

}
