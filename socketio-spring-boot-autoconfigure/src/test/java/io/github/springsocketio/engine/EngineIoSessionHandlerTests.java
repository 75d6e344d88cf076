package io.github.springsocketio.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.engine.RecordingSessionHandler.SessionRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seam to the layer above: the order of the handler callbacks and
 * {@link EngineSession#close()} from the server side.
 */
@EngineIoTest
class EngineIoSessionHandlerTests extends EngineIoTestSupport {

	@Test
	void pollingCallbacksArriveOpenMessagesThenOneClose() {
		PollingClient polling = openPolling();
		polling.send("4one", "4two", "bAQID");
		assertThat(polling.awaitPackets(3)).containsExactly("4one", "4two", "bAQID");
		polling.send("1");
		SessionRecord record = record(polling.sid());
		assertThat(record.awaitClose()).isEqualTo(CloseReason.TRANSPORT_CLOSE);
		// no second close from a heartbeat timer left behind
		await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() -> record.closeCount() == 1);
		assertThat(record.events()).containsExactly("open", "message:one", "message:two", "binary:AQID",
				"close:transport close");
	}

	@Test
	void webSocketCallbacksArriveOpenMessagesThenOneClose() {
		String sid;
		try (TestWebSocket webSocket = openWebSocket("EIO=4&transport=websocket")) {
			sid = openPacketJson(webSocket.nextText()).read("$.sid", String.class);
			webSocket.send("4one");
			webSocket.send(new byte[] { 1, 2, 3 });
			webSocket.send("4two");
			assertThat(webSocket.nextText()).isEqualTo("4one");
			assertThat(webSocket.nextBinary()).containsExactly(1, 2, 3);
			assertThat(webSocket.nextText()).isEqualTo("4two");
		}
		SessionRecord record = record(sid);
		assertThat(record.awaitClose()).isEqualTo(CloseReason.TRANSPORT_CLOSE);
		await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() -> record.closeCount() == 1);
		assertThat(record.events()).containsExactly("open", "message:one", "binary:AQID", "message:two",
				"close:transport close");
	}

	@Test
	void serverCloseOfAPollingSessionDeliversQueuedMessagesThenClose() {
		PollingClient polling = openPolling();
		EngineSession session = this.server.session(polling.sid());
		assertThat(session.send("a")).isTrue();
		assertThat(session.send(new byte[] { 1, 2, 3 })).isTrue();
		session.close();
		assertThat(session.isOpen()).isFalse();
		assertThat(session.send("too late")).isFalse();
		// the reference may split them over several responses and add a noop
		List<String> received = new ArrayList<>();
		while (!received.contains("1")) {
			received.addAll(polling.poll());
		}
		assertThat(received).filteredOn((packet) -> !packet.equals("6")).containsExactly("4a", "bAQID", "1");
		SessionRecord record = record(polling.sid());
		assertThat(record.awaitClose()).isEqualTo(CloseReason.FORCED_CLOSE);
		assertThat(record.events()).containsExactly("open", "close:forced close");
		assertJsonError(polling.get(), 400, 1, "Session ID unknown");
	}

	@Test
	void serverCloseReleasesAParkedGetWithClose() throws Exception {
		PollingClient polling = openPolling();
		CompletableFuture<List<String>> parked = polling.pollAsync();
		// wait until the GET is parked: the session then has nothing queued
		EngineSession session = this.server.session(polling.sid());
		Thread.sleep(50);
		session.close();
		assertThat(parked.get(5, TimeUnit.SECONDS)).containsExactly("1");
		assertThat(record(polling.sid()).awaitClose()).isEqualTo(CloseReason.FORCED_CLOSE);
	}

	@Test
	void serverCloseOfAWebSocketSessionDeliversQueuedMessagesThenCloses() {
		try (TestWebSocket webSocket = openWebSocket("EIO=4&transport=websocket")) {
			String sid = openPacketJson(webSocket.nextText()).read("$.sid", String.class);
			EngineSession session = this.server.session(sid);
			session.send("a");
			session.send(new byte[] { 1, 2, 3 });
			session.close();
			assertThat(webSocket.nextText()).isEqualTo("4a");
			assertThat(webSocket.nextBinary()).containsExactly(1, 2, 3);
			TestWebSocket.Event end = webSocket.awaitEnd();
			assertThat(end).isInstanceOf(TestWebSocket.Closed.class);
			SessionRecord record = record(sid);
			assertThat(record.awaitClose()).isEqualTo(CloseReason.FORCED_CLOSE);
			assertThat(record.events()).containsExactly("open", "close:forced close");
		}
	}

	@Test
	void serverCloseOfAnUpgradedSessionClosesTheWebSocket() {
		PollingClient polling = openPolling();
		try (TestWebSocket webSocket = upgrade(polling)) {
			webSocket.send("4hi");
			assertThat(webSocket.nextText()).isEqualTo("4hi");
			EngineSession session = this.server.session(polling.sid());
			session.send("bye");
			session.close();
			assertThat(webSocket.nextText()).isEqualTo("4bye");
			assertThat(webSocket.awaitEnd()).isInstanceOf(TestWebSocket.Closed.class);
			assertThat(record(polling.sid()).awaitClose()).isEqualTo(CloseReason.FORCED_CLOSE);
		}
	}

}
