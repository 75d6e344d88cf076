package io.github.springsocketio.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.springsocketio.engine.RecordingSessionHandler.SessionRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Helpers shared by the Engine.IO integration tests: HTTP requests with exact
 * responses, polling and WebSocket clients, and the recorded handler events.
 */
abstract class EngineIoTestSupport {

	/** Engine.IO mount path of the test application. */
	static final String PATH = "/socket.io/";

	static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(3))
		.build();

	static {
		Awaitility.setDefaultTimeout(Duration.ofSeconds(5));
		Awaitility.setDefaultPollInterval(Duration.ofMillis(10));
		Awaitility.setDefaultPollDelay(Duration.ZERO);
	}

	@LocalServerPort
	int port;

	@Autowired
	RecordingSessionHandler handler;

	@Autowired
	EngineIoServer server;

	@AfterEach
	void handlerContractHeld() {
		assertThat(this.handler.violations()).as("breaches of the session handler contract").isEmpty();
	}

	String httpBase() {
		return "http://localhost:" + this.port + PATH;
	}

	URI uri(String pathAndQuery) {
		return URI.create("http://localhost:" + this.port + pathAndQuery);
	}

	URI webSocketUri(String query) {
		return URI.create("ws://localhost:" + this.port + PATH + "?" + query);
	}

	/**
	 * Send a request to the Engine.IO path.
	 * @param method the HTTP method
	 * @param query the query string
	 * @param body the body, or {@code null} for none
	 * @return the response
	 */
	HttpResponse<String> request(String method, String query, String body) {
		return send(HttpRequest.newBuilder(uri(PATH + "?" + query))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody()));
	}

	HttpResponse<String> get(String query) {
		return request("GET", query, null);
	}

	static HttpResponse<String> send(HttpClient client, HttpRequest request) {
		try {
			return client.send(request, BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.timeout(PollingClient.REQUEST_TIMEOUT).build(), BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	PollingClient openPolling() {
		return PollingClient.open(HTTP, httpBase(), 4);
	}

	PollingClient openPolling(int eio) {
		return PollingClient.open(HTTP, httpBase(), eio);
	}

	TestWebSocket openWebSocket(String query) {
		return TestWebSocket.connect(HTTP, webSocketUri(query), true);
	}

	TestWebSocket openWebSocket(String query, boolean autoPong) {
		return TestWebSocket.connect(HTTP, webSocketUri(query), autoPong);
	}

	RawHttp.Response rawUpgrade(String query) {
		try {
			return RawHttp.upgrade(this.port, PATH + "?" + query);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	SessionRecord record(String sid) {
		return this.handler.record(sid);
	}

	/**
	 * Complete an upgrade of a polling session to WebSocket (probe, then upgrade
	 * packet), with a parked GET released by the probe.
	 * @param polling the session
	 * @return the WebSocket, now the session's transport
	 */
	TestWebSocket upgrade(PollingClient polling) {
		TestWebSocket webSocket = openWebSocket("EIO=" + polling.eio() + "&transport=websocket&sid=" + polling.sid());
		webSocket.send("2probe");
		assertThat(webSocket.nextText()).isEqualTo("3probe");
		webSocket.send("5");
		return webSocket;
	}

	// ---- assertions

	/**
	 * Assert an Engine.IO JSON error response.
	 * @param response the response
	 * @param status the expected HTTP status
	 * @param code the expected error code
	 * @param message the expected message
	 */
	static void assertJsonError(HttpResponse<String> response, int status, int code, String message) {
		assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.body()).isEqualTo("{\"code\":" + code + ",\"message\":\"" + message + "\"}");
	}

	/**
	 * Assert a refused WebSocket upgrade, answered like the reference server does.
	 * @param response the response
	 * @param message the expected plain body
	 */
	static void assertUpgradeRefused(RawHttp.Response response, String message) {
		assertThat(response.status()).as("status of %s", response.body()).isEqualTo(400);
		assertThat(response.header("Content-Type")).isEqualTo("text/html");
		assertThat(response.body()).isEqualTo(message);
		assertThat(response.headers()).doesNotContainKey("sec-websocket-accept");
	}

	/**
	 * Parse an open packet.
	 * @param packet {@code 0{...}}
	 * @return its JSON
	 */
	static DocumentContext openPacketJson(String packet) {
		assertThat(packet).startsWith("0{");
		return JsonPath.parse(packet.substring(1));
	}

	static List<String> packetsOf(String v4Payload) {
		return PollingClient.decode(4, v4Payload);
	}

}
