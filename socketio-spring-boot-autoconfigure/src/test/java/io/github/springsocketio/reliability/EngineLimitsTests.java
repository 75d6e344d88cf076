package io.github.springsocketio.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The connection cap ({@code socketio.max-sessions}) answers 503 instead of opening more
 * sessions, and recovers as soon as there is room again; {@link PollingBodyLimitTests}
 * does the same for the cap on polling bodies read at once.
 */
@SpringBootTest(classes = EngineLimitsTests.LimitsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "socketio.max-sessions=2", "socketio.ping-interval=2s", "socketio.ping-timeout=1s",
				"socketio.connect-timeout=10s" })
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

	private HttpResponse<String> handshake() throws Exception {
		return HTTP.send(HttpRequest.newBuilder(uri("?EIO=4&transport=polling")).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String query) {
		return URI.create("http://localhost:" + this.port + "/socket.io/" + query);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class LimitsApplication {

	}

}
