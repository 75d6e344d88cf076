package io.github.springsocketio.reliability;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.springsocketio.engine.EngineIoServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connection cap ({@code socketio.max-sessions}) and the cap on polling bodies read
 * at once ({@code socketio.max-concurrent-polling-bodies}) answer 503 instead of
 * buffering, and recover as soon as there is room again.
 */
@SpringBootTest(classes = EngineLimitsTests.LimitsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "socketio.max-sessions=2", "socketio.max-concurrent-polling-bodies=1",
				"socketio.ping-interval=2s", "socketio.ping-timeout=1s", "socketio.connect-timeout=10s" })
class EngineLimitsTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private EngineIoServer server;

	@Test
	void handshakesBeyondTheSessionCapGet503UntilSessionsEnd() throws Exception {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.server.sessionCount() == 0);
		assertThat(handshake().statusCode()).isEqualTo(200);
		assertThat(handshake().statusCode()).isEqualTo(200);
		HttpResponse<String> refused = handshake();
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.body()).isEqualTo("{\"code\":4,\"message\":\"Too many sessions\"}");
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
		// nobody polls: the heartbeat ends both sessions and makes room
		await().atMost(Duration.ofSeconds(10)).until(() -> this.server.sessionCount() == 0);
		assertThat(handshake().statusCode()).isEqualTo(200);
	}

	@Test
	void postsBeyondTheConcurrentBodyCapGet503WithoutBeingRead() throws Exception {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.server.sessionCount() == 0);
		String first = sid(handshake());
		String second = sid(handshake());
		try (Socket slow = new Socket("localhost", this.port)) {
			OutputStream out = slow.getOutputStream();
			out.write(("POST /socket.io/?EIO=4&transport=polling&sid=" + first + " HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: 8\r\n\r\n4hel")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				HttpResponse<String> refused = post(second, "4hi");
				assertThat(refused.statusCode()).isEqualTo(503);
				assertThat(refused.body()).contains("Too many requests in progress");
			});
			out.write("lo!!".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = slow.getInputStream();
			byte[] head = new byte[12];
			assertThat(in.readNBytes(head, 0, head.length)).isEqualTo(head.length);
			assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
		}
		assertThat(post(second, "4hi").statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> handshake() throws Exception {
		return HTTP.send(HttpRequest.newBuilder(uri("?EIO=4&transport=polling")).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String sid, String body) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(uri("?EIO=4&transport=polling&sid=" + sid))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String query) {
		return URI.create("http://localhost:" + this.port + "/socket.io/" + query);
	}

	private static String sid(HttpResponse<String> open) {
		assertThat(open.statusCode()).isEqualTo(200);
		return open.body().replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class LimitsApplication {

	}

}
