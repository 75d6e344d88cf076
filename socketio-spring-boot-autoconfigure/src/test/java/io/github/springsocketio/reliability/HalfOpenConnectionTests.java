package io.github.springsocketio.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.springsocketio.autoconfigure.SocketIOServerCustomizer;
import io.github.springsocketio.engine.EngineIoServer;
import io.github.springsocketio.server.AckTimeoutException;
import io.github.springsocketio.server.DisconnectReason;
import io.github.springsocketio.server.SocketIOServer;
import org.junit.jupiter.api.Test;

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
 * A client that goes silent without closing its connection (a half-open TCP
 * connection, as a phone in a tunnel leaves behind) is detected by the heartbeat, and
 * every resource of its session is released: the socket leaves its rooms, the
 * acknowledgement it never sent fails, the session is forgotten.
 */
@SpringBootTest(classes = HalfOpenConnectionTests.HalfOpenApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "socketio.ping-interval=300ms", "socketio.ping-timeout=200ms" })
class HalfOpenConnectionTests {

	@LocalServerPort
	private int port;

	@Autowired
	private SocketIOServer io;

	@Autowired
	private EngineIoServer engine;

	@Autowired
	private Recorder recorder;

	@Test
	void silentClientIsDetectedAndEverythingOfItsSessionIsReleased() throws Exception {
		List<String> frames = new CopyOnWriteArrayList<>();
		WebSocket silent = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create("ws://localhost:" + this.port + "/socket.io/?EIO=4&transport=websocket"),
					new Collecting(frames))
			.get(5, TimeUnit.SECONDS);
		try {
			silent.sendText("40", true).get(5, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(5)).until(() -> this.recorder.socketId.get() != null);
			assertThat(this.io.sockets().adapter().rooms()).contains("lobby");
			// sent when the socket connected, received a moment later
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(frames)
					.anyMatch((frame) -> frame.startsWith("42") && frame.contains("\"question\"")));

			// the client never answers pings nor the question: the heartbeat gives up
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(this.recorder.reason.get()).isEqualTo(DisconnectReason.PING_TIMEOUT));
			assertThat(frames).contains("2");
			assertThat(this.recorder.ackError.get()).isInstanceOf(AckTimeoutException.class);
			assertThat(this.io.sockets().sockets()).isEmpty();
			assertThat(this.io.sockets().adapter().rooms()).isEmpty();
			assertThat(this.io.clientCount()).isZero();
			assertThat(this.engine.sessionCount()).isZero();
		}
		finally {
			silent.abort();
		}
	}

	private record Collecting(List<String> frames) implements WebSocket.Listener {

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.frames.add(data.toString());
			webSocket.request(1);
			return null;
		}

	}

	/** What the server saw of the silent client. */
	static final class Recorder {

		final AtomicReference<String> socketId = new AtomicReference<>();

		final AtomicReference<DisconnectReason> reason = new AtomicReference<>();

		final AtomicReference<Throwable> ackError = new AtomicReference<>();

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class HalfOpenApplication {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

		@Bean
		SocketIOServerCustomizer halfOpenFixture(Recorder recorder) {
			return (io) -> io.onConnection((socket) -> {
				socket.join("lobby");
				socket.onDisconnect(recorder.reason::set);
				socket.emitWithAck("question").subscribe(null, recorder.ackError::set);
				recorder.socketId.set(socket.id());
			});
		}

	}

}
