package io.github.springsocketio.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.springsocketio.engine.CloseReason;
import io.github.springsocketio.engine.EngineIoServer;
import io.github.springsocketio.engine.EngineSession;
import io.github.springsocketio.engine.EngineSessionHandler;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that stops reading cannot make the server buffer without limit: its
 * session's outbound queue fills up to {@code socketio.max-outbound-packets} and the
 * session is closed with {@code outbound buffer full}, while a client that reads keeps
 * receiving.
 */
@SpringBootTest(classes = SlowConsumerTests.FloodApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "socketio.max-outbound-packets=256", "socketio.ping-interval=30s",
				"socketio.ping-timeout=30s" })
class SlowConsumerTests {

	private static final Duration LIMIT = Duration.ofSeconds(20);

	@LocalServerPort
	private int port;

	@Autowired
	private FloodingHandler handler;

	@Autowired
	private EngineIoServer server;

	@Test
	void stalledWebSocketIsClosedWhileAReadingClientKeepsReceiving() throws Exception {
		AtomicInteger received = new AtomicInteger();
		WebSocket reader = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create("ws://localhost:" + this.port + "/socket.io/?EIO=4&transport=websocket&tag=reader"),
					new CountingListener(received))
			.get(5, TimeUnit.SECONDS);
		try (Socket stalled = stalledWebSocket("stalled-ws")) {
			await().atMost(LIMIT)
				.untilAsserted(() -> assertThat(this.handler.reasons).containsEntry("stalled-ws",
						CloseReason.OUTBOUND_BUFFER_FULL));
			int before = received.get();
			await().atMost(LIMIT).until(() -> received.get() > before + 100);
			assertThat(this.handler.reasons).doesNotContainKey("reader");
		}
		finally {
			reader.abort();
		}
		await().atMost(LIMIT).until(() -> this.server.sessionCount() == 0);
	}

	@Test
	void pollingClientThatStopsPollingIsClosed() {
		HttpClient http = HttpClient.newHttpClient();
		String open = http.sendAsync(
				HttpRequest.newBuilder(URI.create(base() + "?EIO=4&transport=polling&tag=stalled-polling")).build(),
				HttpResponse.BodyHandlers.ofString())
			.join()
			.body();
		String sid = open.replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1");
		await().atMost(LIMIT)
			.untilAsserted(() -> assertThat(this.handler.reasons).containsEntry("stalled-polling",
					CloseReason.OUTBOUND_BUFFER_FULL));
		HttpResponse<String> late = http
			.sendAsync(HttpRequest.newBuilder(URI.create(base() + "?EIO=4&transport=polling&sid=" + sid)).build(),
					HttpResponse.BodyHandlers.ofString())
			.join();
		assertThat(late.statusCode()).isEqualTo(400);
		assertThat(late.body()).contains("\"code\":1");
	}

	private String base() {
		return "http://localhost:" + this.port + "/socket.io/";
	}

	/** A WebSocket that completes the handshake and then never reads again. */
	private Socket stalledWebSocket(String tag) throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(4096);
		socket.connect(new InetSocketAddress("localhost", this.port), 5000);
		OutputStream out = socket.getOutputStream();
		out.write(("GET /socket.io/?EIO=4&transport=websocket&tag=" + tag + " HTTP/1.1\r\n" + "Host: localhost:"
				+ this.port + "\r\n" + "Upgrade: websocket\r\n" + "Connection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" + "Sec-WebSocket-Version: 13\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		InputStream in = socket.getInputStream();
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("connection closed during the handshake: " + head);
			}
			head.append((char) b);
		}
		assertThat(head.toString()).startsWith("HTTP/1.1 101");
		return socket;
	}

	private record CountingListener(AtomicInteger count) implements WebSocket.Listener {

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			if (last) {
				this.count.incrementAndGet();
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			webSocket.request(1);
			return null;
		}

	}

	/**
	 * Sends a 16 KB binary message every 5 ms (3.2 MB/s) to each session until it closes,
	 * and records why each session closed by its {@code tag} query parameter.
	 */
	static final class FloodingHandler implements EngineSessionHandler {

		private static final byte[] CHUNK = new byte[16 * 1024];

		final Map<String, CloseReason> reasons = new ConcurrentHashMap<>();

		private final Map<String, Disposable> floods = new ConcurrentHashMap<>();

		@Override
		public void onOpen(EngineSession session) {
			this.floods.put(session.id(), Flux.interval(Duration.ofMillis(5)).subscribe((tick) -> session.send(CHUNK)));
		}

		@Override
		public void onMessage(EngineSession session, String text) {
		}

		@Override
		public void onBinary(EngineSession session, byte[] data) {
		}

		@Override
		public void onClose(EngineSession session, CloseReason reason) {
			Disposable flood = this.floods.remove(session.id());
			if (flood != null) {
				flood.dispose();
			}
			String tag = session.handshake().queryParam("tag");
			this.reasons.put((tag != null) ? tag : session.id(), reason);
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class FloodApplication {

		@Bean
		FloodingHandler floodingHandler() {
			return new FloodingHandler();
		}

	}

}
