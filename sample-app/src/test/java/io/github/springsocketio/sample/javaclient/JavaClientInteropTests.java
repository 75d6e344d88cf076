package io.github.springsocketio.sample.javaclient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import io.github.springsocketio.javaclient.Arguments;
import io.github.springsocketio.javaclient.ClientSocket;
import io.github.springsocketio.javaclient.ConnectionState;
import io.github.springsocketio.javaclient.ConnectionState.Status;
import io.github.springsocketio.javaclient.Event;
import io.github.springsocketio.javaclient.SocketIOClient;
import io.github.springsocketio.javaclient.SocketIOClientException;
import io.github.springsocketio.javaclient.SocketIOConnectException;
import io.github.springsocketio.javaclient.Transport;
import io.github.springsocketio.test.NettyLeakDetection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments.ArgumentSet;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Java client against the Node.js reference fixture and against the sample app's
 * conformance fixture, over polling only, WebSocket only and polling upgraded to
 * WebSocket: every row of the fixture's Socket.IO table that a client can observe,
 * acknowledgements both ways, binary anywhere in a payload, namespaces multiplexed on
 * one connection and refused ones, and the ping timeout (on a virtual clock).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaClientInteropTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final byte[] BYTES = { 0, 1, 2, (byte) 0xff };

	private ConfigurableApplicationContext ours;

	private Servers.Reference reference;

	private final List<SocketIOClient> clients = new ArrayList<>();

	@BeforeAll
	void start() throws Exception {
		this.ours = Servers.ours(Servers.freePort());
		this.reference = Servers.Reference.start(Servers.freePort());
	}

	@AfterAll
	void stop() throws Exception {
		if (this.ours != null) {
			this.ours.close();
		}
		if (this.reference != null) {
			this.reference.close();
		}
		// the client's buffers too: NettyLeakDetection alone ignores HTTP-client-side reports
		assertThat(NettyLeakDetection.collect()).as("Netty leak reports").isEmpty();
	}

	@AfterEach
	void closeClients() {
		this.clients.forEach(SocketIOClient::close);
		this.clients.clear();
	}

	Stream<ArgumentSet> cases() {
		Stream.Builder<ArgumentSet> cases = Stream.builder();
		for (String server : List.of("ours", "reference")) {
			for (String mode : List.of("polling", "websocket", "upgrade")) {
				cases.add(org.junit.jupiter.params.provider.Arguments.argumentSet(server + " " + mode, server, mode));
			}
		}
		return cases.build();
	}

	private String url(String server) {
		int port = server.equals("ours") ? Integer.parseInt(this.ours.getEnvironment().getProperty("local.server.port"))
				: this.reference.port;
		return "http://127.0.0.1:" + port;
	}

	private SocketIOClient.Builder builder(String server, String mode) {
		SocketIOClient.Builder builder = SocketIOClient.builder(URI.create(url(server))).reconnection(false);
		return switch (mode) {
			case "polling" -> builder.transports(Transport.POLLING);
			case "websocket" -> builder.transports(Transport.WEBSOCKET);
			default -> builder;
		};
	}

	private SocketIOClient client(SocketIOClient.Builder builder) {
		SocketIOClient client = builder.build();
		this.clients.add(client);
		return client;
	}

	private static <T> T await(CompletableFuture<T> future) throws Exception {
		return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
	}

	@ParameterizedTest
	@MethodSource("cases")
	void eventsAcksAndBinary(String server, String mode) throws Exception {
		SocketIOClient client = client(builder(server, mode).query("lang", "java"));
		ClientSocket socket = client.socket("/", Map.of("token", "t1"));
		CompletableFuture<JsonNode> auth = socket.on("auth", JsonNode.class).next().toFuture();
		socket.connect().block(WAIT);
		assertThat(socket.connected()).isTrue();
		assertThat(socket.id()).isNotBlank();
		assertThat(await(auth).path("token").stringValue()).isEqualTo("t1");

		// an event echoed with binary nested in an object
		CompletableFuture<Event> echoed = socket.on("message-back").next().toFuture();
		socket.emit("message", "hello", Map.of("n", 1, "bin", BYTES));
		Arguments echo = await(echoed).arguments();
		assertThat(echo.get(0, String.class)).isEqualTo("hello");
		assertThat(echo.json(1).path("n").asInt()).isEqualTo(1);
		assertThat(echo.json(1).path("bin").binaryValue()).isEqualTo(BYTES);

		// acknowledgements from the server, typed and binary
		assertThat(socket.emitWithAck("message-with-ack", String.class, "x").block(WAIT)).isEqualTo("x");
		assertThat(socket.emitWithAck("message-with-ack", byte[].class, BYTES).block(WAIT)).isEqualTo(BYTES);
		Arguments many = socket.emitWithAck("message-with-ack", 1, "two", List.of(3)).block(WAIT);
		assertThat(many.size()).isEqualTo(3);
		assertThat(many.get(2, int[].class)).containsExactly(3);

		// an acknowledgement to the server, binary included
		CompletableFuture<Event> result = socket.on("ask-result").next().toFuture();
		socket.on("ask").take(1).subscribe((ask) -> ask.ack("answer", BYTES));
		socket.emit("ask", 42);
		Arguments answer = await(result).arguments();
		assertThat(answer.get(0, String.class)).isEqualTo("answer");
		assertThat(answer.get(1, byte[].class)).isEqualTo(BYTES);

		// the handshake's query
		JsonNode handshake = socket.emitWithAck("handshake", JsonNode.class).block(WAIT);
		assertThat(handshake.path("query").path("lang").stringValue()).isEqualTo("java");
		assertThat(handshake.path("auth").path("token").stringValue()).isEqualTo("t1");

		// rooms: the sender receives what is sent to a room it joined
		socket.emitWithAck("join", "r1").block(WAIT);
		CompletableFuture<String> inRoom = socket.on("room-news", String.class).next().toFuture();
		socket.emit("to-room", "r1", "room-news", "hi room");
		assertThat(await(inRoom)).isEqualTo("hi room");

		// onAny sees every event
		CompletableFuture<Event> any = socket.onAny().next().toFuture();
		socket.emit("message", "any");
		assertThat(await(any).name()).isEqualTo("message-back");

		// a handler that throws leaves the connection usable
		socket.emit("throw");
		assertThat(socket.emitWithAck("message-with-ack", String.class, "after").block(WAIT)).isEqualTo("after");

		if (mode.equals("upgrade")) {
			assertThat(Flux.interval(Duration.ofMillis(5)).map((tick) -> String.valueOf(client.transport()))
				.filter("WEBSOCKET"::equals).blockFirst(WAIT)).isEqualTo("WEBSOCKET");
		}
		else {
			assertThat(client.transport()).isEqualTo(mode.equals("polling") ? Transport.POLLING : Transport.WEBSOCKET);
		}

		CompletableFuture<ConnectionState> closed = socket.states()
			.filter((state) -> state.status() == Status.DISCONNECTED)
			.next()
			.toFuture();
		socket.disconnect();
		assertThat(await(closed).reason()).isEqualTo("io client disconnect");
		assertThat(socket.connected()).isFalse();
	}

	@ParameterizedTest
	@MethodSource("cases")
	void namespacesShareOneConnection(String server, String mode) throws Exception {
		SocketIOClient client = client(builder(server, mode));
		ClientSocket main = client.socket("/");
		ClientSocket custom = client.socket("/custom", Map.of("a", 1));
		ClientSocket dynamic = client.socket("/dynamic-7");
		ClientSocket refused = client.socket("/protected", Map.of("token", "wrong"));
		ClientSocket unknown = client.socket("/nowhere");
		CompletableFuture<JsonNode> customAuth = custom.on("auth", JsonNode.class).next().toFuture();
		main.connect().block(WAIT);
		custom.connect().block(WAIT);
		dynamic.connect().block(WAIT);
		assertThat(await(customAuth).path("a").asInt()).isEqualTo(1);
		assertThat(dynamic.emitWithAck("whoami", String.class).block(WAIT)).isEqualTo("/dynamic-7");
		assertThatExceptionOfType(SocketIOConnectException.class).isThrownBy(() -> refused.connect().block(WAIT))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).isEqualTo("unauthorized");
				assertThat(ex.data().path("reason").stringValue()).isEqualTo("bad token");
			});
		assertThatExceptionOfType(SocketIOConnectException.class).isThrownBy(() -> unknown.connect().block(WAIT))
			.withMessage("Invalid namespace");
		// the refusals closed nothing: the other namespaces still talk
		assertThat(main.emitWithAck("message-with-ack", String.class, "still").block(WAIT)).isEqualTo("still");
		assertThat(main.id()).isNotEqualTo(custom.id());

		SocketIOClient other = client(builder(server, mode));
		other.socket("/protected", Map.of("token", "secret")).connect().block(WAIT);
	}

	@ParameterizedTest
	@MethodSource("cases")
	void serverDisconnectIsFinal(String server, String mode) throws Exception {
		SocketIOClient client = client(builder(server, mode).reconnection(true));
		ClientSocket socket = client.socket("/");
		socket.connect().block(WAIT);
		CompletableFuture<ConnectionState> closed = socket.states()
			.filter((state) -> state.status() == Status.DISCONNECTED)
			.next()
			.toFuture();
		CompletableFuture<Arguments> pending = socket.emitWithAck("slow", 5000).toFuture();
		socket.emit("disconnect-me");
		assertThat(await(closed).reason()).isEqualTo("io server disconnect");
		assertThat(pending).failsWithin(WAIT).withThrowableThat().withCauseInstanceOf(SocketIOClientException.class);
		assertThat(socket.connected()).isFalse();
	}

	@ParameterizedTest
	@MethodSource("cases")
	void ackTimeoutAndPingTimeoutOnVirtualClock(String server, String mode) throws Exception {
		VirtualTimeScheduler clock = VirtualTimeScheduler.create();
		SocketIOClient client = client(builder(server, mode).scheduler(clock));
		ClientSocket socket = client.socket("/");
		socket.connect().block(WAIT);
		CompletableFuture<Arguments> late = socket.timeout(Duration.ofMillis(100)).emitWithAck("slow", 3000).toFuture();
		clock.advanceTimeBy(Duration.ofMillis(100));
		assertThat(late).failsWithin(WAIT).withThrowableThat().withCauseInstanceOf(TimeoutException.class);

		// the fixture pings every 300 ms and allows 200 ms: past 500 ms without a ping the
		// client gives up on the connection (the virtual clock runs ahead of the real pings)
		CompletableFuture<ConnectionState> closed = socket.states()
			.filter((state) -> state.status() == Status.DISCONNECTED)
			.next()
			.toFuture();
		clock.advanceTimeBy(Duration.ofMillis(500));
		assertThat(await(closed).reason()).isEqualTo("ping timeout");
	}

}
