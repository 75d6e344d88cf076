package io.github.springsocketio.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link DirectPolling}: the polling requests of open sessions are served on the Netty
 * channel with the bytes WebFlux would write, other requests reach WebFlux, and answers
 * on one connection leave in request order.
 */
@SpringBootTest(classes = EngineIoTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "socketio.ping-interval=25s", "socketio.ping-timeout=20s",
				"socketio.max-http-buffer-size=1000B" })
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DirectPollingTests extends EngineIoTestSupport {

	@Autowired
	SessionRequestCounter webFluxRequests;

	@Test
	void aSessionsPollingRequestsAreServedWithoutWebFlux() throws IOException {
		PollingClient polling = openPolling();
		int before = this.webFluxRequests.count();
		try (Wire wire = new Wire(this.port)) {
			Answer posted = wire.exchange(RawHttp.post(target(polling), "4hello"));
			assertThat(posted.lines()).containsExactly("HTTP/1.1 200 OK", "Content-Type: text/html",
					"Cache-Control: no-store", "Content-Length: 2");
			assertThat(posted.body()).isEqualTo("ok");
			// the echo handler answers on the same connection's next GET
			Answer polled = wire.exchange(RawHttp.get(target(polling)));
			assertThat(polled.lines()).containsExactly("HTTP/1.1 200 OK",
					"Content-Type: text/plain; charset=UTF-8", "Cache-Control: no-store", "Content-Length: 6");
			assertThat(polled.body()).isEqualTo("4hello");
		}
		assertThat(this.webFluxRequests.count()).isEqualTo(before);
		assertThat(record(polling.sid()).messages()).containsExactly("message:hello");
	}

	@Test
	void answersAreThoseWebFluxWrites() throws IOException {
		PollingClient polling = openPolling();
		assertSameAnswers(this.port, polling, "", this.webFluxRequests);
	}

	/**
	 * Send a POST and a GET of a session served directly, then the same through WebFlux
	 * (an {@code X-Forwarded-Proto} header, which the application ignores, routes them
	 * there), and compare the answers line by line.
	 */
	static void assertSameAnswers(int port, PollingClient polling, String extraHeaders, SessionRequestCounter webFlux)
			throws IOException {
		String target = target(polling);
		String post = "POST " + target + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n" + extraHeaders
				+ "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: 4\r\n";
		String get = "GET " + target + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n" + extraHeaders;
		String viaWebFlux = "X-Forwarded-Proto: http\r\n";
		try (Wire wire = new Wire(port)) {
			int before = webFlux.count();
			Answer directPost = wire.exchange(post + "\r\n4abc");
			Answer directGet = wire.exchange(get + "\r\n");
			assertThat(webFlux.count()).isEqualTo(before);
			Answer webFluxPost = wire.exchange(post + viaWebFlux + "\r\n4abc");
			Answer webFluxGet = wire.exchange(get + viaWebFlux + "\r\n");
			assertThat(webFlux.count()).isEqualTo(before + 2);
			assertThat(directPost).isEqualTo(webFluxPost);
			assertThat(directGet).isEqualTo(webFluxGet);
			assertThat(directGet.body()).isEqualTo("4abc");
		}
	}

	@Test
	void refusalsHaveTheReferencesErrorBody() throws IOException {
		PollingClient polling = openPolling();
		try (Wire first = new Wire(this.port); Wire second = new Wire(this.port)) {
			first.send(RawHttp.get(target(polling)));
			await().until(() -> parked(polling));
			// a second GET while one is parked: 400 and the session closes, as in the reference
			Answer overlapping = second.exchange(RawHttp.get(target(polling)));
			String body = "{\"code\":3,\"message\":\"Bad request\"}";
			assertThat(overlapping.lines()).containsExactly("HTTP/1.1 400 Bad Request", "Content-Type: application/json",
					"Content-Length: " + body.length());
			assertThat(overlapping.body()).isEqualTo(body);
			assertThat(record(polling.sid()).awaitClose()).isEqualTo(CloseReason.TRANSPORT_ERROR);
		}
	}

	@Test
	void requestsWithoutAnOpenPollingSessionGoToWebFlux() throws IOException {
		int before = this.webFluxRequests.count();
		try (Wire wire = new Wire(this.port)) {
			Answer unknown = wire.exchange(RawHttp.get(PATH + "?EIO=4&transport=polling&sid=unknown"));
			assertThat(unknown.lines()).first().isEqualTo("HTTP/1.1 400 Bad Request");
			assertThat(unknown.body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
		}
		assertThat(this.webFluxRequests.count()).isEqualTo(before + 1);
	}

	@Test
	void aChunkedPostGoesToWebFlux() throws IOException {
		PollingClient polling = openPolling();
		int before = this.webFluxRequests.count();
		try (Wire wire = new Wire(this.port)) {
			Answer posted = wire.exchange(RawHttp.chunkedPost(target(polling), "4chunked", true));
			assertThat(posted.body()).isEqualTo("ok");
		}
		assertThat(this.webFluxRequests.count()).isEqualTo(before + 1);
		await().until(() -> record(polling.sid()).messages().contains("message:chunked"));
	}

	@Test
	void aRequestPipelinedBehindAParkedPollIsAnsweredAfterIt() throws IOException {
		PollingClient polling = openPolling();
		try (Wire wire = new Wire(this.port)) {
			wire.send(RawHttp.get(target(polling)) + RawHttp.get("/hello"));
			await().until(() -> parked(polling));
			this.server.session(polling.sid()).send("released");
			assertThat(wire.read().body()).isEqualTo("4released");
			assertThat(wire.read().body()).isEqualTo("hello");
		}
	}

	@Test
	void aPollPipelinedBehindAWebFluxRequestIsAnsweredAfterIt() throws IOException {
		PollingClient polling = openPolling();
		this.server.session(polling.sid()).send("queued");
		try (Wire wire = new Wire(this.port)) {
			wire.send(RawHttp.get("/hello") + RawHttp.get(target(polling)) + RawHttp.get(target(polling)));
			assertThat(wire.read().body()).isEqualTo("hello");
			assertThat(wire.read().body()).isEqualTo("4queued");
			this.server.session(polling.sid()).send("later");
			assertThat(wire.read().body()).isEqualTo("4later");
		}
	}

	@Test
	void aParkedPollWhoseConnectionDropsEndsTheSession() throws IOException {
		PollingClient polling = openPolling();
		try (Wire wire = new Wire(this.port)) {
			wire.send(RawHttp.get(target(polling)));
			await().until(() -> parked(polling));
		}
		assertThat(record(polling.sid()).awaitClose()).isEqualTo(CloseReason.TRANSPORT_ERROR);
	}

	@Test
	void aPostWhoseConnectionDropsMidBodyEndsTheSession() throws IOException {
		PollingClient polling = openPolling();
		try (Wire wire = new Wire(this.port)) {
			wire.send("POST " + target(polling) + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\n4abc");
			await().until(() -> ((SessionCore) this.server.session(polling.sid())).polling().isPostInProgress());
		}
		assertThat(record(polling.sid()).awaitClose()).isEqualTo(CloseReason.TRANSPORT_ERROR);
		assertThat(record(polling.sid()).messages()).isEmpty();
	}

	private boolean parked(PollingClient polling) {
		return ((SessionCore) this.server.session(polling.sid())).polling().isWritable();
	}

	static String target(PollingClient polling) {
		return PATH + "?EIO=4&transport=polling&sid=" + polling.sid();
	}

	/** A response as it came: status line and header lines in order, then the body. */
	record Answer(List<String> lines, String body) {
	}

	/** One keep-alive connection, read byte by byte. */
	static final class Wire implements AutoCloseable {

		private final Socket socket;

		Wire(int port) throws IOException {
			this.socket = new Socket("localhost", port);
			this.socket.setSoTimeout(5000);
		}

		void send(String requests) throws IOException {
			this.socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
			this.socket.getOutputStream().flush();
		}

		Answer exchange(String request) throws IOException {
			send(request);
			return read();
		}

		Answer read() throws IOException {
			InputStream in = this.socket.getInputStream();
			List<String> lines = new ArrayList<>();
			int length = 0;
			for (String line = line(in); !line.isEmpty(); line = line(in)) {
				lines.add(line);
				if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
					length = Integer.parseInt(line.substring(15).trim());
				}
			}
			return new Answer(lines, new String(in.readNBytes(length), StandardCharsets.UTF_8));
		}

		private static String line(InputStream in) throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			for (int b = in.read(); b != '\n'; b = in.read()) {
				if (b == -1) {
					throw new IOException("connection closed");
				}
				if (b != '\r') {
					line.write(b);
				}
			}
			return line.toString(StandardCharsets.ISO_8859_1);
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
