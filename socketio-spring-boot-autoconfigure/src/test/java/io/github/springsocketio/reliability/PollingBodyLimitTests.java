package io.github.springsocketio.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cap on polling bodies read at once ({@code socketio.max-concurrent-polling-bodies})
 * answers 503 instead of buffering, and recovers as soon as there is room again. The
 * heartbeat is the default one (25 s + 20 s), so the sessions outlive a slow machine's
 * delays.
 */
@SpringBootTest(classes = PollingBodyLimitTests.BodyLimitApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = "socketio.max-concurrent-polling-bodies=1")
class PollingBodyLimitTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void postsBeyondTheConcurrentBodyCapGet503WithoutBeingRead() throws Exception {
		String first = sid(handshake());
		String second = sid(handshake());
		// a POST whose body is half sent holds the only slot, once the server has its
		// head; a POST that reaches the server before it takes the slot itself, and then
		// the slow one is refused: try again with a new slow POST
		HttpResponse<String> refused = null;
		for (int attempt = 0; attempt < 20 && refused == null; attempt++) {
			try (Socket slow = new Socket("localhost", this.port)) {
				slow.setSoTimeout(5000);
				OutputStream out = slow.getOutputStream();
				out.write(("POST /socket.io/?EIO=4&transport=polling&sid=" + first + " HTTP/1.1\r\nHost: localhost\r\n"
						+ "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: 8\r\n\r\n4hel")
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				Thread.sleep(100);
				HttpResponse<String> competing = post(second, "4hi");
				out.write("lo!!".getBytes(StandardCharsets.US_ASCII));
				out.flush();
				String slowStatus = statusLine(slow.getInputStream());
				if (competing.statusCode() == 503) {
					assertThat(slowStatus).isEqualTo("HTTP/1.1 200 OK");
					refused = competing;
				}
				else {
					// the competing POST came first: it was accepted, the slow one refused
					assertThat(competing.statusCode()).as("answer %s", competing.body()).isEqualTo(200);
					assertThat(slowStatus).startsWith("HTTP/1.1 503");
				}
			}
		}
		assertThat(refused).as("a POST refused while another one's body was being read").isNotNull();
		assertThat(refused.body()).isEqualTo("{\"code\":4,\"message\":\"Too many requests in progress\"}");
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
		// room again
		assertThat(post(second, "4hi").statusCode()).isEqualTo(200);
	}

	private static String statusLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = in.read(); b != -1 && b != '\r'; b = in.read()) {
			line.append((char) b);
		}
		return line.toString();
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
	static class BodyLimitApplication {

	}

}
