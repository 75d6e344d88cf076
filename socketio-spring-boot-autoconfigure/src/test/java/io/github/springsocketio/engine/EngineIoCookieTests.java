package io.github.springsocketio.engine;

import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handshake cookie with the reference's defaults ({@code cookie: true}): the
 * expected {@code Set-Cookie} values are those engine.io 6.6 sends. Like the reference,
 * only the response to a polling handshake carries it, for either protocol revision;
 * a WebSocket handshake's 101 does not.
 */
@SpringBootTest(classes = EngineIoTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "socketio.cookie.enabled=true", "socketio.allow-eio3=true" })
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EngineIoCookieTests extends EngineIoTestSupport {

	@ParameterizedTest
	@ValueSource(ints = { 4, 3 })
	void pollingHandshakeSetsTheCookie(int eio) {
		PollingClient polling = openPolling(eio);
		assertThat(polling.handshake().headers().allValues("Set-Cookie"))
			.containsExactly("io=" + polling.sid() + "; Path=/; HttpOnly; SameSite=Lax");
	}

	@ParameterizedTest
	@ValueSource(ints = { 4, 3 })
	void laterRequestsOfTheSessionCarryNoCookie(int eio) {
		PollingClient polling = openPolling(eio);
		HttpResponse<String> post = polling.post(PollingClient.encode(eio, "4hello"));
		assertThat(post.body()).isEqualTo("ok");
		assertThat(post.headers().allValues("Set-Cookie")).isEmpty();
		HttpResponse<String> get = polling.get();
		assertThat(PollingClient.decode(eio, get.body())).containsExactly("4hello");
		assertThat(get.headers().allValues("Set-Cookie")).isEmpty();
		RawHttp.Response upgrade = rawUpgrade("EIO=" + eio + "&transport=websocket&sid=" + polling.sid());
		assertThat(upgrade.status()).isEqualTo(101);
		assertThat(upgrade.headers()).doesNotContainKey("set-cookie");
	}

	@ParameterizedTest
	@ValueSource(ints = { 4, 3 })
	void webSocketHandshakeCarriesNoCookieLikeTheReference(int eio) {
		RawHttp.Response response = rawUpgrade("EIO=" + eio + "&transport=websocket");
		assertThat(response.status()).isEqualTo(101);
		assertThat(response.headers()).doesNotContainKey("set-cookie");
	}

	@Test
	void refusedHandshakesCarryNoCookie() {
		HttpResponse<String> unsupported = get("EIO=5&transport=polling");
		assertJsonError(unsupported, 400, 5, "Unsupported protocol version");
		assertThat(unsupported.headers().allValues("Set-Cookie")).isEmpty();
		HttpResponse<String> denied = get("EIO=4&transport=polling&deny=1");
		assertThat(denied.statusCode()).isEqualTo(403);
		assertThat(denied.headers().allValues("Set-Cookie")).isEmpty();
	}

}
