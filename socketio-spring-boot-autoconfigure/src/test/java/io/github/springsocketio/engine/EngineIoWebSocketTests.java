package io.github.springsocketio.engine;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.DocumentContext;
import io.github.springsocketio.engine.RecordingSessionHandler.SessionRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebSocket: direct sessions, framing (v4 and v3), heartbeat, frame size limit, and
 * the upgrade from polling with its failure modes.
 */
@EngineIoTest
class EngineIoWebSocketTests extends EngineIoTestSupport {

	private static String sidOf(String openPacket) {
		return openPacketJson(openPacket).read("$.sid", String.class);
	}

	@Test
	void directWebSocketGetsTheOpenPacketWithoutUpgrades() {
		try (TestWebSocket webSocket = openWebSocket("EIO=4&transport=websocket")) {
			DocumentContext open = openPacketJson(webSocket.nextText());
			String sid = open.read("$.sid", String.class);
			assertThat(sid).matches("[A-Za-z0-9_-]{20}");
			assertThat(open.read("$.upgrades", List.class)).isEmpty();
			assertThat(open.read("$.pingInterval", Integer.class)).isEqualTo(300);
			assertThat(open.read("$.pingTimeout", Integer.class)).isEqualTo(200);
			assertThat(open.read("$.maxPayload", Integer.class)).isEqualTo(1000);
			assertThat(record(sid).events()).containsExactly("open");
			assertThat(this.server.session(sid).transport()).isEqualTo(EngineTransport.WEBSOCKET);
		}
	}

	@Test
	void textFramesEcho() {
		try (TestWebSocket webSocket = openWebSocket("EIO=4&transport=websocket")) {
			String sid = sidOf(webSocket.nextText());
			webSocket.send("4hello");
			assertThat(webSocket.nextText()).isEqualTo("4hello");
			webSocket.send("4héllo € 😀");
			assertThat(webSocket.nextText()).isEqualTo("4héllo € 😀");
			assertThat(record(sid).messages()).containsExactly("message:hello", "message:héllo € 😀");
		}
	}

	@Test
	void sendsFromAnotherThreadArriveInOrderAndVolatileOnesGoToAReadingClient() {
		try (TestWebSocket webSocket = openWebSocket("EIO=4&transport=websocket")) {
			EngineSession session = this.server.session(sidOf(webSocket.nextText()));
			// the test thread is no event loop: these drains are handed to the channel's
			for (int i = 0; i < 50; i++) {
				assertThat(session.send(EnginePacket.message("m" + i))).isTrue();
			}
			for (int i = 0; i < 3; i++) {
				assertThat(session.send(List.of(EnginePacket.message("v" + i)), true)).isTrue();
			}
			for (int i = 0; i < 50; i++) {
				assertThat(webSocket.nextText()).isEqualTo("4m" + i);
			}
			for (int i = 0; i < 3; i++) {
				assertThat(webSocket.nextText()).isEqualTo("4v" + i);
			}
		}
	}

	@Test
	void binaryFramesEchoAsRawBinary() {
		try (TestWebSocket webSocket = openWebSocket("EIO=4&transport=websocket")) {
			String sid = sidOf(webSocket.nextText());
			webSocket.send(new byte[] { 1, 2, 3 });
			assertThat(webSocket.nextBinary()).containsExactly(1, 2, 3);
			webSocket.send(new byte[0]);
			assertThat(webSocket.nextBinary()).isEmpty();
			assertThat(record(sid).messages()).containsExactly("binary:AQID", "binary:");
		}
	}

	@Test
	void eio3BinaryFramesCarryTheTypeByte() {
		try (TestWebSocket webSocket = openWebSocket("EIO=3&transport=websocket")) {
			String sid = sidOf(webSocket.nextText());
			webSocket.send("2");
			assertThat(webSocket.nextText()).isEqualTo("3");
			webSocket.send(new byte[] { 4, 1, 2, 3 });
			assertThat(webSocket.nextBinary()).containsExactly(4, 1, 2, 3);
			webSocket.send("4text");
			assertThat(webSocket.nextText()).isEqualTo("4text");
			assertThat(record(sid).messages()).containsExactly("binary:AQID", "message:text");
		}
	}

	@Test
	void eio3WebSocketWithoutClientPingClosesWithPingTimeout() {
		try (TestWebSocket webSocket = openWebSocket("EIO=3&transport=websocket")) {
			String sid = sidOf(webSocket.nextText());
			assertThat(webSocket.awaitEnd()).isNotNull();
			SessionRecord record = record(sid);
			assertThat(record.awaitClose()).isEqualTo(CloseReason.PING_TIMEOUT);
			assertThat(record.openDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(450));
		}
	}

	@Test
	void droppedWebSocketClosesWithTransportClose() {
		try (TestWebSocket webSocket = openWebSocket("EIO=4&transport=websocket")) {
			String sid = sidOf(webSocket.nextText());
			webSocket.send("4before");
			assertThat(webSocket.nextText()).isEqualTo("4before");
			webSocket.abort();
			SessionRecord record = record(sid);
			assertThat(record.awaitClose()).isEqualTo(CloseReason.TRANSPORT_CLOSE);
			assertThat(record.events()).containsExactly("open", "message:before", "close:transport close");
		}
	}

	@Test
	void answeredPingsKeepTheWebSocketAlive() {
		try (TestWebSocket webSocket = openWebSocket("EIO=4&transport=websocket", false)) {
			String sid = sidOf(webSocket.nextText());
			for (int i = 0; i < 3; i++) {
				assertThat(webSocket.nextText()).isEqualTo("2");
				webSocket.send("3");
			}
			webSocket.send("4alive");
			assertThat(webSocket.nextMessage()).isEqualTo("4alive");
			assertThat(record(sid).isClosed()).isFalse();
		}
	}

	@Test
	void unansweredPingClosesTheWebSocketWithPingTimeout() {
		try (TestWebSocket webSocket = openWebSocket("EIO=4&transport=websocket", false)) {
			String sid = sidOf(webSocket.nextText());
			assertThat(webSocket.nextText()).isEqualTo("2");
			assertThat(webSocket.awaitEnd()).isNotNull();
			SessionRecord record = record(sid);
			assertThat(record.awaitClose()).isEqualTo(CloseReason.PING_TIMEOUT);
			assertThat(record.openDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(450));
		}
	}

	@Test
	void frameOfExactlyMaxHttpBufferSizeIsAccepted() {
		try (TestWebSocket webSocket = openWebSocket("EIO=4&transport=websocket")) {
			sidOf(webSocket.nextText());
			String message = "4" + "x".repeat(999);
			webSocket.send(message);
			assertThat(webSocket.nextText()).isEqualTo(message);
		}
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void oversizedFrameClosesTheConnectionAndTheServerGoesOn(boolean binary) {
		String sid;
		try (TestWebSocket webSocket = openWebSocket("EIO=4&transport=websocket")) {
			sid = sidOf(webSocket.nextText());
			if (binary) {
				webSocket.send(new byte[1001]);
			}
			else {
				webSocket.send("4" + "x".repeat(1000));
			}
			TestWebSocket.Event end = webSocket.awaitEnd();
			assertThat(end).isInstanceOfSatisfying(TestWebSocket.Closed.class,
					(closed) -> assertThat(closed.statusCode()).isEqualTo(1009));
		}
		SessionRecord record = record(sid);
		CloseReason reason = record.awaitClose();
		System.out.println("Close reason after an oversized " + (binary ? "binary" : "text") + " frame: " + reason);
		assertThat(reason).isIn(CloseReason.TRANSPORT_ERROR, CloseReason.TRANSPORT_CLOSE);
		assertThat(record.messages()).isEmpty();
		try (TestWebSocket webSocket = openWebSocket("EIO=4&transport=websocket")) {
			sidOf(webSocket.nextText());
			webSocket.send("4next");
			assertThat(webSocket.nextText()).isEqualTo("4next");
		}
	}

	@Test
	void fragmentedMessageIsReassembled() {
		try (TestWebSocket webSocket = openWebSocket("EIO=4&transport=websocket")) {
			String sid = sidOf(webSocket.nextText());
			webSocket.sendFragmented("4frag", "men", "ted");
			assertThat(webSocket.nextText()).isEqualTo("4fragmented");
			assertThat(record(sid).messages()).containsExactly("message:fragmented");
		}
	}

	@Test
	void fragmentedMessageLargerThanMaxHttpBufferSizeClosesTheConnection() {
		String sid;
		try (TestWebSocket webSocket = openWebSocket("EIO=4&transport=websocket")) {
			sid = sidOf(webSocket.nextText());
			webSocket.sendFragmented("4" + "x".repeat(599), "y".repeat(600));
			assertThat(webSocket.awaitEnd()).isNotNull();
		}
		SessionRecord record = record(sid);
		assertThat(record.awaitClose()).isIn(CloseReason.TRANSPORT_ERROR, CloseReason.TRANSPORT_CLOSE);
		assertThat(record.messages()).isEmpty();
	}

	@Test
	void upgradeFromPolling() throws Exception {
		PollingClient polling = openPolling();
		String sid = polling.sid();
		CompletableFuture<List<String>> parked = polling.pollAsync();
		try (TestWebSocket webSocket = openWebSocket("EIO=4&transport=websocket&sid=" + sid)) {
			webSocket.send("2probe");
			assertThat(webSocket.nextText()).isEqualTo("3probe");
			assertThat(parked.get(5, TimeUnit.SECONDS)).containsExactly("6");
			EngineSession session = this.server.session(sid);
			assertThat(session.transport()).isEqualTo(EngineTransport.POLLING);
			assertThat(session.send("queued before the upgrade")).isTrue();
			webSocket.send("5");
			assertThat(webSocket.nextText()).isEqualTo("4queued before the upgrade");
			assertThat(session.transport()).isEqualTo(EngineTransport.WEBSOCKET);
			webSocket.send("4over websocket");
			assertThat(webSocket.nextText()).isEqualTo("4over websocket");
			webSocket.send(new byte[] { 7, 8 });
			assertThat(webSocket.nextBinary()).containsExactly(7, 8);

			assertJsonError(polling.get(), 400, 3, "Bad request");
			assertJsonError(polling.post("4via polling"), 400, 3, "Bad request");
			assertAcceptedThenClosed("EIO=4&transport=websocket&sid=" + sid);

			webSocket.send("4still upgraded");
			assertThat(webSocket.nextText()).isEqualTo("4still upgraded");
			SessionRecord record = record(sid);
			assertThat(record.events()).containsExactly("open", "message:over websocket", "binary:Bwg=",
					"message:still upgraded");
		}
	}

	@Test
	void eio3UpgradeFromPolling() throws Exception {
		PollingClient polling = openPolling(3);
		polling.send("2");
		assertThat(polling.get().body()).isEqualTo("1:3");
		CompletableFuture<HttpResponse<String>> parked = polling.getAsync();
		try (TestWebSocket webSocket = openWebSocket("EIO=3&transport=websocket&sid=" + polling.sid())) {
			webSocket.send("2probe");
			assertThat(webSocket.nextText()).isEqualTo("3probe");
			assertThat(parked.get(5, TimeUnit.SECONDS).body()).isEqualTo("1:6");
			webSocket.send("5");
			webSocket.send("2");
			assertThat(webSocket.nextText()).isEqualTo("3");
			webSocket.send(new byte[] { 4, 9 });
			assertThat(webSocket.nextBinary()).containsExactly(4, 9);
			assertJsonError(polling.get(), 400, 3, "Bad request");
			assertThat(record(polling.sid()).messages()).containsExactly("binary:CQ==");
		}
	}

	@Test
	void upgradePacketWithoutProbeCompletesTheUpgrade() {
		PollingClient polling = openPolling();
		try (TestWebSocket webSocket = openWebSocket("EIO=4&transport=websocket&sid=" + polling.sid())) {
			webSocket.send("5");
			webSocket.send("4direct");
			assertThat(webSocket.nextText()).isEqualTo("4direct");
			assertThat(this.server.session(polling.sid()).transport()).isEqualTo(EngineTransport.WEBSOCKET);
		}
	}

	@Test
	void secondWebSocketDuringTheProbeIsAcceptedThenClosed() {
		PollingClient polling = openPolling();
		try (TestWebSocket webSocket = openWebSocket("EIO=4&transport=websocket&sid=" + polling.sid())) {
			assertAcceptedThenClosed("EIO=4&transport=websocket&sid=" + polling.sid());
			webSocket.send("2probe");
			assertThat(webSocket.nextText()).isEqualTo("3probe");
			webSocket.send("5");
			webSocket.send("4upgraded");
			assertThat(webSocket.nextText()).isEqualTo("4upgraded");
		}
	}

	@Test
	void secondWebSocketOfAWebSocketSessionIsAcceptedThenClosed() {
		try (TestWebSocket webSocket = openWebSocket("EIO=4&transport=websocket")) {
			String sid = sidOf(webSocket.nextText());
			assertAcceptedThenClosed("EIO=4&transport=websocket&sid=" + sid);
			webSocket.send("4fine");
			assertThat(webSocket.nextText()).isEqualTo("4fine");
		}
	}

	@Test
	void probeWithoutUpgradePacketIsClosedAfterTheUpgradeTimeout() throws Exception {
		PollingClient polling = openPolling();
		long start;
		try (TestWebSocket webSocket = openWebSocket("EIO=4&transport=websocket&sid=" + polling.sid())) {
			start = System.nanoTime();
			webSocket.send("2probe");
			assertThat(webSocket.nextText()).isEqualTo("3probe");
			// keep the polling session alive (a noop answers each GET while probed) until
			// the server drops the probe
			long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
			while (!webSocket.hasEnded() && System.nanoTime() < deadline) {
				assertThat(polling.poll()).isSubsetOf("6");
				Thread.sleep(20);
			}
			assertThat(webSocket.hasEnded()).as("probe closed by the server").isTrue();
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
		assertSessionStillPolling(polling);
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void probeSendingAnythingElseIsClosed(boolean probeFirst) {
		PollingClient polling = openPolling();
		try (TestWebSocket webSocket = openWebSocket("EIO=4&transport=websocket&sid=" + polling.sid())) {
			if (probeFirst) {
				webSocket.send("2probe");
				assertThat(webSocket.nextText()).isEqualTo("3probe");
			}
			webSocket.send("4not an upgrade");
			assertThat(webSocket.awaitEnd()).isNotNull();
		}
		assertThat(record(polling.sid()).messages()).isEmpty();
		assertSessionStillPolling(polling);
	}

	private void assertSessionStillPolling(PollingClient polling) {
		// the noops of the probe may still be in flight; then only echoes arrive
		polling.send("4after");
		List<String> packets = polling.awaitPackets(1);
		while (packets.equals(List.of("6"))) {
			packets = polling.awaitPackets(1);
		}
		assertThat(packets).containsExactly("4after");
		SessionRecord record = record(polling.sid());
		assertThat(record.isClosed()).isFalse();
		assertThat(record.messages()).containsExactly("message:after");
		assertThat(this.server.session(polling.sid()).transport()).isEqualTo(EngineTransport.POLLING);
		// and it can still upgrade
		try (TestWebSocket webSocket = upgrade(polling)) {
			webSocket.send("4upgraded");
			assertThat(webSocket.nextText()).isEqualTo("4upgraded");
		}
	}


	/**
	 * As the reference: a WebSocket for a session that is upgraded or upgrading passes
	 * the HTTP upgrade and is closed at once, without a packet.
	 */
	private void assertAcceptedThenClosed(String query) {
		try (TestWebSocket second = openWebSocket(query)) {
			assertThat(second.awaitEnd()).isInstanceOf(TestWebSocket.Closed.class);
		}
	}


	@Test
	void crossOriginUpgradeIsRefusedWithoutCorsSettings() throws Exception {
		RawHttp.Response refused = RawHttp.upgrade(this.port, PATH + "?EIO=4&transport=websocket",
				"http://evil.example");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body()).isEqualTo("Cross-origin WebSocket refused");
	}

	@Test
	void sameOriginUpgradeAndUpgradeWithoutOriginAreAccepted() throws Exception {
		assertThat(RawHttp.upgrade(this.port, PATH + "?EIO=4&transport=websocket", "http://localhost:" + this.port)
			.status()).isEqualTo(101);
		assertThat(RawHttp.upgrade(this.port, PATH + "?EIO=4&transport=websocket", null).status()).isEqualTo(101);
	}

}
