package io.github.springsocketio.engine;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second context: default Engine.IO settings (so Engine.IO v3 is refused and no
 * cookie is set) with CORS enabled for any origin.
 */
@SpringBootTest(classes = EngineIoTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "socketio.cors.allowed-origin-patterns=*")
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EngineIoCorsAndDefaultsTests extends EngineIoTestSupport {

	@Autowired
	SessionRequestCounter webFluxRequests;

	private static final String ORIGIN = "http://client.example.com";

	@Test
	void preflightOnTheEngineIoPathIsAnswered() {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri(PATH + "?EIO=4&transport=polling"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", ORIGIN)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "content-type"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
		assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
				(methods) -> assertThat(methods).contains("GET").contains("POST"));
		assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).isPresent();
	}

	@Test
	void crossOriginSessionRequestsAreAnsweredAsWebFluxAnswersThem() throws IOException {
		PollingClient polling = openPolling();
		DirectPollingTests.assertSameAnswers(this.port, polling, "Origin: " + ORIGIN + "\r\n", this.webFluxRequests);
	}

	@Test
	void crossOriginRequestsGetTheAllowOriginHeader() {
		HttpResponse<String> handshake = send(
				HttpRequest.newBuilder(uri(PATH + "?EIO=4&transport=polling")).header("Origin", ORIGIN).GET());
		assertThat(handshake.statusCode()).isEqualTo(200);
		assertThat(handshake.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
		String sid = openPacketJson(handshake.body()).read("$.sid", String.class);
		HttpResponse<String> post = send(HttpRequest.newBuilder(uri(PATH + "?EIO=4&transport=polling&sid=" + sid))
			.header("Origin", ORIGIN)
			.POST(HttpRequest.BodyPublishers.ofString("4cors")));
		assertThat(post.body()).isEqualTo("ok");
		assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
	}

	@Test
	void defaultsAreAnnouncedInTheOpenPacket() {
		DocumentContext open = openPacketJson(openPolling().openPacket());
		assertThat(open.read("$.upgrades", List.class)).containsExactly("websocket");
		assertThat(open.read("$.pingInterval", Integer.class)).isEqualTo(25000);
		assertThat(open.read("$.pingTimeout", Integer.class)).isEqualTo(20000);
		assertThat(open.read("$.maxPayload", Integer.class)).isEqualTo(1000000);
	}

	@Test
	void noCookieByDefault() {
		assertThat(openPolling().handshake().headers().allValues("Set-Cookie")).isEmpty();
		RawHttp.Response webSocket = rawUpgrade("EIO=4&transport=websocket");
		assertThat(webSocket.status()).isEqualTo(101);
		assertThat(webSocket.headers()).doesNotContainKey("set-cookie");
	}

	@Test
	void eio3IsRefusedUnlessAllowed() {
		assertJsonError(get("EIO=3&transport=polling"), 400, 5, "Unsupported protocol version");
		assertUpgradeRefused(rawUpgrade("EIO=3&transport=websocket"), "Unsupported protocol version");
	}


	@Test
	void crossOriginUpgradeIsAcceptedFromAnAllowedOrigin() throws Exception {
		assertThat(RawHttp.upgrade(this.port, PATH + "?EIO=4&transport=websocket", "http://any.example").status())
			.isEqualTo(101);
	}

}
