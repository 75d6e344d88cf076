package io.github.springsocketio.engine;

import java.net.http.HttpResponse;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Error answers of the Engine.IO server: status, content type and body, as the
 * reference server gives them (with the documented deviations).
 */
@EngineIoTest
class EngineIoHttpErrorTests extends EngineIoTestSupport {

	@Test
	void handshakeWithoutEioIsRefused() {
		assertJsonError(get("transport=polling"), 400, 5, "Unsupported protocol version");
	}

	@ParameterizedTest
	@ValueSource(strings = { "2", "5", "abc", "" })
	void handshakeWithUnsupportedEioIsRefused(String eio) {
		assertJsonError(get("EIO=" + eio + "&transport=polling"), 400, 5, "Unsupported protocol version");
	}

	@Test
	void eio3HandshakeIsAcceptedWhenAllowed() {
		HttpResponse<String> response = get("EIO=3&transport=polling");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=UTF-8");
		String body = response.body();
		assertThat(body).matches("\\d+:0\\{.*\\}");
		int colon = body.indexOf(':');
		assertThat(Integer.parseInt(body.substring(0, colon))).isEqualTo(body.length() - colon - 1);
		DocumentContext open = openPacketJson(body.substring(colon + 1));
		assertThat(open.read("$.sid", String.class)).matches("[A-Za-z0-9_-]{20}");
		assertThat(open.read("$.upgrades", List.class)).containsExactly("websocket");
		assertThat(open.read("$.pingInterval", Integer.class)).isEqualTo(300);
		assertThat(open.read("$.pingTimeout", Integer.class)).isEqualTo(200);
		assertThat(open.read("$.maxPayload", Integer.class)).isEqualTo(1000);
	}

	@ParameterizedTest
	@ValueSource(strings = { "EIO=4", "EIO=4&transport=", "EIO=4&transport=foo", "EIO=4&transport=POLLING",
			"EIO=4&transport=webtransport" })
	void unknownOrMissingTransportIsRefused(String query) {
		assertJsonError(get(query), 400, 0, "Transport unknown");
	}

	@ParameterizedTest
	@ValueSource(strings = { "POST", "PUT", "DELETE" })
	void handshakeMustBeGet(String method) {
		assertJsonError(request(method, "EIO=4&transport=polling", "4hello"), 400, 2, "Bad handshake method");
	}

	@Test
	void unknownSidIsRefusedForGet() {
		assertJsonError(get("EIO=4&transport=polling&sid=AAAAAAAAAAAAAAAAAAAA"), 400, 1, "Session ID unknown");
	}

	@Test
	void unknownSidIsRefusedForPost() {
		assertJsonError(request("POST", "EIO=4&transport=polling&sid=AAAAAAAAAAAAAAAAAAAA", "4hello"), 400, 1,
				"Session ID unknown");
	}

	@Test
	void websocketTransportWithoutUpgradeHeadersIsABadRequest() {
		assertJsonError(get("EIO=4&transport=websocket"), 400, 3, "Bad request");
	}

	@Test
	void otherMethodWithSidIsABadRequest() {
		PollingClient polling = openPolling();
		assertJsonError(request("PUT", "EIO=4&transport=polling&sid=" + polling.sid(), "4x"), 400, 3,
				"Bad request");
	}

	@Test
	void websocketTransportWithSidButWithoutUpgradeIsABadRequest() {
		PollingClient polling = openPolling();
		assertJsonError(get("EIO=4&transport=websocket&sid=" + polling.sid()), 400, 3, "Bad request");
	}

	@Test
	void pollingOnADirectWebSocketSessionIsABadRequest() {
		try (TestWebSocket webSocket = openWebSocket("EIO=4&transport=websocket")) {
			String sid = openPacketJson(webSocket.nextText()).read("$.sid", String.class);
			assertJsonError(get("EIO=4&transport=polling&sid=" + sid), 400, 3, "Bad request");
			webSocket.send("4unaffected");
			assertThat(webSocket.nextText()).isEqualTo("4unaffected");
		}
	}

	@Test
	void pollingOnAnUpgradedSessionIsABadRequest() {
		PollingClient polling = openPolling();
		try (TestWebSocket webSocket = upgrade(polling)) {
			webSocket.send("4check");
			assertThat(webSocket.nextText()).isEqualTo("4check");
			assertJsonError(polling.get(), 400, 3, "Bad request");
			assertJsonError(polling.post("4hello"), 400, 3, "Bad request");
		}
	}

	@Test
	void refusedHandshakeGets403WithTheCustomMessage() {
		int before = this.server.sessionCount();
		assertJsonError(get("EIO=4&transport=polling&deny=1"), 403, 4, EngineIoTestApplication.DENIAL_MESSAGE);
		assertThat(this.server.sessionCount()).isLessThanOrEqualTo(before);
	}

	@Test
	void failingAllowRequestGets403Forbidden() {
		assertJsonError(get("EIO=4&transport=polling&fail=1"), 403, 4, "Forbidden");
	}

	@Test
	void refusedWebSocketHandshakeIsAPlainHttpError() {
		assertUpgradeRefused(rawUpgrade("EIO=4&transport=websocket&deny=1"), EngineIoTestApplication.DENIAL_MESSAGE);
	}

	@Test
	void websocketUpgradeWithUnknownSidIsRefused() {
		assertUpgradeRefused(rawUpgrade("EIO=4&transport=websocket&sid=AAAAAAAAAAAAAAAAAAAA"), "Session ID unknown");
	}

	@Test
	void websocketUpgradeWithBadEioIsRefused() {
		assertUpgradeRefused(rawUpgrade("EIO=9&transport=websocket"), "Unsupported protocol version");
		assertUpgradeRefused(rawUpgrade("transport=websocket"), "Unsupported protocol version");
	}

	@Test
	void websocketUpgradeWithUnknownTransportIsRefused() {
		assertUpgradeRefused(rawUpgrade("EIO=4&transport=foo"), "Transport unknown");
	}

	@Test
	void websocketUpgradeIsAcceptedWithValidParameters() {
		RawHttp.Response response = rawUpgrade("EIO=4&transport=websocket");
		assertThat(response.status()).isEqualTo(101);
		assertThat(response.header("Sec-WebSocket-Accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
	}

}
