package io.github.springsocketio.engine;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-site WebSocket hijacking: with CORS settings naming the allowed origins, a
 * WebSocket upgrade from a page of another origin is refused (403) by the CORS check,
 * one from an allowed or the same origin, or without {@code Origin}, is accepted.
 */
@SpringBootTest(classes = EngineIoTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "socketio.cors.allowed-origins=http://good.example")
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EngineIoWebSocketOriginTests extends EngineIoTestSupport {

	private static final String WEBSOCKET = PATH + "?EIO=4&transport=websocket";

	@Test
	void upgradeFromAnotherOriginIsRefused() throws Exception {
		assertThat(RawHttp.upgrade(this.port, WEBSOCKET, "http://evil.example").status()).isEqualTo(403);
	}

	@Test
	void upgradeFromAnAllowedOriginTheSameOriginOrNoOriginIsAccepted() throws Exception {
		assertThat(RawHttp.upgrade(this.port, WEBSOCKET, "http://good.example").status()).isEqualTo(101);
		assertThat(RawHttp.upgrade(this.port, WEBSOCKET, "http://localhost:" + this.port).status()).isEqualTo(101);
		assertThat(RawHttp.upgrade(this.port, WEBSOCKET, null).status()).isEqualTo(101);
	}

}
