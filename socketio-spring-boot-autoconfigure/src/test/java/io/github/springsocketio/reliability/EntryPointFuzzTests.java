package io.github.springsocketio.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.autoconfigure.SocketIOServerCustomizer;
import io.github.springsocketio.engine.EngineIoServer;
import io.github.springsocketio.test.NettyLeakDetection;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile input at the HTTP and WebSocket entry points of a running Socket.IO server:
 * random and mutated polling bodies, Socket.IO packets, query strings, headers and
 * WebSocket frames. Every case must end in a bounded answer (a 2xx or 4xx, a closed
 * session or WebSocket), never a 5xx, a hang or a leak; afterwards the server still
 * serves and every session is gone.
 */
class EntryPointFuzzTests {

	// an answer may legitimately wait for the next heartbeat (300 ms); the bound is
	// generous for a loaded two-core machine
	private static final Duration BOUND = Duration.ofSeconds(10);

	private static final reactor.netty.http.client.HttpClient NETTY = reactor.netty.http.client.HttpClient.create()
		.keepAlive(false)
		.responseTimeout(BOUND);

	/** WebSockets on a client of their own, so that aborting them cannot disturb HTTP. */
	private static final HttpClient WEBSOCKETS = HttpClient.newBuilder().connectTimeout(BOUND).build();

	private static ConfigurableApplicationContext context;

	private static String base;

	private static String webSocketBase;

	@BeforeContainer
	static void start() {
		context = new SpringApplicationBuilder(FuzzApplication.class).run("--server.port=0",
				"--socketio.ping-interval=300ms", "--socketio.ping-timeout=200ms",
				"--socketio.max-http-buffer-size=10000B", "--socketio.allow-eio3=true",
				"--socketio.connect-timeout=1s", "--spring.main.banner-mode=off",
				"--logging.level.io.github.springsocketio.engine=DEBUG");
		int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
		base = "http://localhost:" + port + "/socket.io/";
		webSocketBase = "ws://localhost:" + port + "/socket.io/";
	}

	@AfterContainer
	static void stop() throws InterruptedException {
		try {
			assertThat(get("?EIO=4&transport=polling").statusCode()).as("still serving").isEqualTo(200);
			EngineIoServer server = context.getBean(EngineIoServer.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> server.sessionCount() == 0);
			assertThat(NettyLeakDetection.collect()).as("Netty leak reports").isEmpty();
		}
		finally {
			context.close();
		}
	}

	@Property(tries = 300)
	void randomPollingBodiesGetABoundedAnswer(@ForAll("bodies") byte[] body, @ForAll boolean octetStream,
			@ForAll("versions") int eio) {
		String sid = open(eio);
		Answer post = send(HttpMethod.POST, base + "?EIO=" + eio + "&transport=polling&sid=" + sid, body,
				octetStream ? "application/octet-stream" : "text/plain;charset=UTF-8", null);
		assertThat(post.statusCode()).isIn(200, 400, 413);
		Answer poll = get("?EIO=" + eio + "&transport=polling&sid=" + sid);
		assertThat(poll.statusCode()).isIn(200, 400);
	}

	/**
	 * Bodies over the limit get 413 unread. Each on a connection of its own: the
	 * server answers before the body has been read, so the connection is not reused.
	 */
	@Property(tries = 30)
	void oversizedPollingBodiesGet413(@ForAll("oversizedBodies") byte[] body, @ForAll("versions") int eio) {
		String sid = open(eio);
		try {
			Answer post = send(HttpMethod.POST, base + "?EIO=" + eio + "&transport=polling&sid=" + sid, body,
					"text/plain;charset=UTF-8", null);
			assertThat(post.statusCode()).isEqualTo(413);
		}
		catch (AssertionError ex) {
			// the server may close the connection while the client is still sending
			assertThat(ex.getMessage()).contains("Connection").doesNotContain("Timeout");
		}
		assertThat(get("?EIO=" + eio + "&transport=polling&sid=" + sid).statusCode()).isIn(200, 400);
	}

	@Property(tries = 300)
	void randomSocketIoPacketsGetABoundedAnswer(@ForAll("socketIoPackets") String packet) {
		String sid = open(4);
		post(sid, "40");
		Answer post = post(sid, "4" + packet);
		assertThat(post.statusCode()).isIn(200, 400);
		Answer poll = get("?EIO=4&transport=polling&sid=" + sid);
		assertThat(poll.statusCode()).isIn(200, 400);
	}

	@Property(tries = 200)
	void randomQueriesNeverFailTheServer(@ForAll("queries") String query) {
		Answer response = get("?" + query);
		assertThat(response.statusCode()).isBetween(200, 499);
	}

	@Property(tries = 20)
	void oversizedHeadersAreRefused(@ForAll("headerSizes") int size) {
		Answer response = send(HttpMethod.GET, base + "?EIO=4&transport=polling", null, null, "a".repeat(size));
		assertThat(response.statusCode()).isBetween(400, 499);
	}

	@Property(tries = 100)
	void randomWebSocketFramesEndCleanly(@ForAll("frames") List<Object> frames) throws Exception {
		CompletableFuture<Void> closed = new CompletableFuture<>();
		WebSocket webSocket = WEBSOCKETS.newWebSocketBuilder()
			.buildAsync(uri(webSocketBase + "?EIO=4&transport=websocket"), new ClosingListener(closed))
			.get(BOUND.toSeconds(), TimeUnit.SECONDS);
		try {
			for (Object frame : frames) {
				if (closed.isDone()) {
					break;
				}
				CompletableFuture<WebSocket> sent = (frame instanceof String text) ? webSocket.sendText(text, true)
						: webSocket.sendBinary(ByteBuffer.wrap((byte[]) frame), true);
				sent.handle((ws, error) -> null).get(BOUND.toSeconds(), TimeUnit.SECONDS);
			}
		}
		finally {
			webSocket.abort();
		}
	}

	// ---- generators

	@Provide
	Arbitrary<Integer> versions() {
		return Arbitraries.of(3, 4);
	}

	@Provide
	Arbitrary<byte[]> bodies() {
		Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
		Arbitrary<byte[]> texty = Arbitraries.strings()
			.withChars("0123456789:b\u001e4[]{}\",/-_placeholdrnum\u00ff\u20ac")
			.ofMaxLength(200)
			.map((text) -> text.getBytes(StandardCharsets.UTF_8));
		Arbitrary<byte[]> large = Arbitraries.integers().between(9_000, 10_000).map((size) -> new byte[size]);
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, random), net.jqwik.api.Tuple.of(5, texty),
				net.jqwik.api.Tuple.of(1, large));
	}

	@Provide
	Arbitrary<byte[]> oversizedBodies() {
		return Arbitraries.integers().between(10_001, 40_000).map((size) -> new byte[size]);
	}

	@Provide
	Arbitrary<String> socketIoPackets() {
		Arbitrary<String> valid = Arbitraries.of("2[\"message\",1]", "21[\"message-with-ack\",\"x\"]",
				"451-[\"message\",{\"_placeholder\":true,\"num\":0}]", "0/nope,", "1", "3[]",
				"2999999999999999999999[\"e\"]", "2[" + "[".repeat(300) + "]".repeat(300) + "]",
				"59-[\"e\"]", "2[\"connect\"]", "2/nope,[\"e\"]");
		Arbitrary<String> mutated = valid.flatMap((packet) -> Arbitraries.integers()
			.between(0, packet.length())
			.flatMap((cut) -> Arbitraries.strings()
				.withChars("0123456789[]{}\",/-")
				.ofMaxLength(4)
				.map((noise) -> packet.substring(0, cut) + noise)));
		return Arbitraries.oneOf(valid, mutated, Arbitraries.strings().ofMaxLength(50));
	}

	@Provide
	Arbitrary<String> queries() {
		// only what java.net.URI accepts: malformed escapes cannot be sent with this client
		Arbitrary<String> key = Arbitraries.of("EIO", "transport", "sid", "b64", "t", "j", "%25", "EIO%00");
		Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of("3", "4", "5", "polling", "websocket", "", "%25zz",
				"x".repeat(2000)), Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(20));
		return net.jqwik.api.Combinators.combine(key, value)
			.as((k, v) -> k + "=" + v)
			.list()
			.ofMaxSize(5)
			.map((pairs) -> String.join("&", pairs).replace(" ", "%20").replace("#", "%23"));
	}

	@Provide
	Arbitrary<Integer> headerSizes() {
		return Arbitraries.integers().between(20_000, 100_000);
	}

	@Provide
	Arbitrary<List<Object>> frames() {
		Arbitrary<Object> text = Arbitraries.oneOf(Arbitraries.of("2probe", "5", "40", "42[\"e\"]", "3", "1", "6"),
				Arbitraries.strings().ofMaxLength(40));
		Arbitrary<Object> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(64).map((bytes) -> bytes);
		Arbitrary<Object> huge = Arbitraries.just(new byte[20_000]);
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, text), net.jqwik.api.Tuple.of(3, binary),
				net.jqwik.api.Tuple.of(1, huge)).list().ofMaxSize(8);
	}

	// ---- helpers

	private static String open(int eio) {
		Answer open = get("?EIO=" + eio + "&transport=polling");
		assertThat(open.statusCode()).isEqualTo(200);
		return open.body().replaceAll("(?s).*\"sid\":\"([^\"]+)\".*", "$1");
	}

	private static Answer post(String sid, String body) {
		return send(HttpMethod.POST, base + "?EIO=4&transport=polling&sid=" + sid,
				body.getBytes(StandardCharsets.UTF_8), "text/plain;charset=UTF-8", null);
	}

	private static Answer get(String query) {
		return send(HttpMethod.GET, base + query, null, null, null);
	}

	/**
	 * One request on a connection of its own (reactor-netty, no keep-alive), so that a
	 * connection the server closes after an early answer is never reused.
	 */
	private static Answer send(HttpMethod method, String url, byte @Nullable [] body, @Nullable String contentType,
			@Nullable String fuzzHeader) {
		try {
			Answer answer = NETTY.headers((headers) -> {
				if (contentType != null) {
					headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
				}
				if (fuzzHeader != null) {
					headers.set("X-Fuzz", fuzzHeader);
				}
			})
				.request(method)
				.uri(url)
				.send((body != null) ? ByteBufFlux.fromInbound(Mono.just(body)) : Mono.empty())
				.responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
					.defaultIfEmpty("")
					.map((text) -> new Answer(response.status().code(), text)))
				.block(BOUND);
			if (answer == null) {
				throw new AssertionError("no answer to " + method + " " + url);
			}
			return answer;
		}
		catch (RuntimeException ex) {
			throw new AssertionError("no bounded answer to " + method + " " + url + ": " + ex, ex);
		}
	}

	/** Status and body of an answer. */
	record Answer(int statusCode, String body) {
	}

	private static URI uri(String text) {
		return URI.create(text);
	}

	private record ClosingListener(CompletableFuture<Void> closed) implements WebSocket.Listener {

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closed.complete(null);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.closed.complete(null);
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class FuzzApplication {

		@Bean
		SocketIOServerCustomizer echo() {
			return (io) -> io.onConnection((socket) -> {
				socket.on("message", (event) -> socket.emitArgs("message-back", event.args()));
				socket.on("message-with-ack", (event) -> event.ackArgs(event.args()));
			});
		}

	}

}
