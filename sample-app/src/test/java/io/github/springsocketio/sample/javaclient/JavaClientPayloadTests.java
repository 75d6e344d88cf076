package io.github.springsocketio.sample.javaclient;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.javaclient.ClientSocket;
import io.github.springsocketio.javaclient.SocketIOClient;
import io.github.springsocketio.javaclient.Transport;
import io.github.springsocketio.test.NettyLeakDetection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over long-polling, the Java client never posts more than the server's
 * {@code maxPayload} (1 MB in both fixtures) at once: three 600 KB events go in three
 * POSTs, and all come back. The servers run with the reference heartbeat defaults
 * (25 s / 20 s) here: at the fixtures' 300 ms / 200 ms, megabytes through a busy
 * two-core machine can outlast a heartbeat.
 */
class JavaClientPayloadTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@ParameterizedTest
	@ValueSource(strings = { "ours", "reference" })
	void pollingPostsStayWithinTheServersMaxPayload(String server) throws Exception {
		int port = Servers.freePort();
		AutoCloseable running = server.equals("ours")
				? (AutoCloseable) Servers.ours(port, "--socketio.ping-interval=25s", "--socketio.ping-timeout=20s")::close
				: Servers.Reference.start(port, "--ping-interval", "25000", "--ping-timeout", "20000");
		SocketIOClient client = SocketIOClient.builder(URI.create("http://127.0.0.1:" + port))
			.transports(Transport.POLLING)
			.reconnection(false)
			.build();
		try (running) {
			ClientSocket socket = client.socket("/");
			socket.connect().block(WAIT);
			String big = "x".repeat(600_000);
			CompletableFuture<List<String>> echoes = socket.on("message-back", String.class)
				.take(3)
				.collectList()
				.toFuture();
			for (int i = 0; i < 3; i++) {
				socket.emit("message", i + big);
			}
			assertThat(echoes.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).extracting((echo) -> echo.charAt(0))
				.containsExactly('0', '1', '2');
		}
		finally {
			client.close();
		}
		assertThat(NettyLeakDetection.collect()).as("Netty leak reports").isEmpty();
	}

}
