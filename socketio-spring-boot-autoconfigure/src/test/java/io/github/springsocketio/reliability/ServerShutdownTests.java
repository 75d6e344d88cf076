package io.github.springsocketio.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.autoconfigure.SocketIOServerCustomizer;
import io.github.springsocketio.server.DisconnectReason;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On context close, as the reference does, every socket's disconnect listeners run with
 * {@code server shutting down} and the connection is closed without a Socket.IO
 * DISCONNECT packet, so the client sees the transport close and reconnects (to another
 * node during a rolling deploy); the close does not wait for the graceful shutdown.
 */
class ServerShutdownTests {

	static final List<DisconnectReason> reasons = new CopyOnWriteArrayList<>();

	@Test
	void contextCloseDisconnectsSocketsWithoutDisconnectPackets() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ShutdownApplication.class)
			.run("--server.port=0", "--spring.main.banner-mode=off");
		List<String> frames = new CopyOnWriteArrayList<>();
		CompletableFuture<Integer> closed = new CompletableFuture<>();
		WebSocket client;
		try {
			int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
			client = HttpClient.newHttpClient()
				.newWebSocketBuilder()
				.buildAsync(URI.create("ws://localhost:" + port + "/socket.io/?EIO=4&transport=websocket"),
						new Recording(frames, closed))
				.get(5, TimeUnit.SECONDS);
			client.sendText("40", true).get(5, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(5)).until(() -> frames.stream().anyMatch((f) -> f.startsWith("40{")));
		}
		finally {
			long start = System.nanoTime();
			context.close();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		}
		assertThat(closed.get(5, TimeUnit.SECONDS)).isNotNull();
		assertThat(reasons).containsExactly(DisconnectReason.SERVER_SHUTTING_DOWN);
		assertThat(frames).noneMatch((frame) -> frame.startsWith("41"));
		client.abort();
	}

	private record Recording(List<String> frames, CompletableFuture<Integer> closed) implements WebSocket.Listener {

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.frames.add(data.toString());
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.closed.complete(-1);
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ShutdownApplication {

		@Bean
		SocketIOServerCustomizer recordDisconnects() {
			return (io) -> io.onConnection((socket) -> socket.onDisconnect(reasons::add));
		}

	}

}
