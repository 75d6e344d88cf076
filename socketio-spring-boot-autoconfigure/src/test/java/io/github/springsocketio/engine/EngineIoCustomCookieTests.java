package io.github.springsocketio.engine;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handshake cookie with every attribute set through {@code socketio.cookie.*}: the
 * expected value is what engine.io 6.6 sends for {@code cookie: { name: "srv", path:
 * "/x", httpOnly: false, sameSite: "strict", maxAge: 86400, secure: true, domain:
 * "example.com" }}.
 */
@SpringBootTest(classes = EngineIoTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "socketio.cookie.enabled=true", "socketio.cookie.name=srv", "socketio.cookie.path=/x",
				"socketio.cookie.http-only=false", "socketio.cookie.same-site=strict",
				"socketio.cookie.max-age=86400", "socketio.cookie.secure=true",
				"socketio.cookie.domain=example.com" })
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EngineIoCustomCookieTests extends EngineIoTestSupport {

	@Test
	void pollingHandshakeSetsTheCookieWithEveryAttribute() {
		PollingClient polling = openPolling();
		assertThat(polling.handshake().headers().allValues("Set-Cookie")).containsExactly("srv=" + polling.sid()
				+ "; Max-Age=86400; Domain=example.com; Path=/x; Secure; SameSite=Strict");
	}

}
