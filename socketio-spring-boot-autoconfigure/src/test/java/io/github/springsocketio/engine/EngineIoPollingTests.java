package io.github.springsocketio.engine;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.DocumentContext;
import io.github.springsocketio.engine.RecordingSessionHandler.SessionRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HTTP long-polling: handshake, payloads both ways, limits, overlapping requests,
 * heartbeat (v4 and v3) and closing.
 */
@EngineIoTest
class EngineIoPollingTests extends EngineIoTestSupport {

	@Test
	void handshakeAnswersTheOpenPacket() {
		HttpResponse<String> response = get("EIO=4&transport=polling");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=UTF-8");
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		DocumentContext open = openPacketJson(response.body());
		String sid = open.read("$.sid", String.class);
		assertThat(sid).matches("[A-Za-z0-9_-]{20}");
		assertThat(open.read("$.upgrades", List.class)).containsExactly("websocket");
		assertThat(open.read("$.pingInterval", Integer.class)).isEqualTo(300);
		assertThat(open.read("$.pingTimeout", Integer.class)).isEqualTo(200);
		assertThat(open.read("$.maxPayload", Integer.class)).isEqualTo(1000);
		assertThat(record(sid).events()).first().isEqualTo("open");
		assertThat(openPolling().sid()).isNotEqualTo(sid);
	}

	@Test
	void postedPacketsAreAcknowledgedAndDeliveredInOrder() {
		PollingClient polling = openPolling();
		HttpResponse<String> response = polling.post("4a\u001e4b\u001ebAQID");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html");
		assertThat(response.body()).isEqualTo("ok");
		assertThat(record(polling.sid()).events()).containsExactly("open", "message:a", "message:b", "binary:AQID");
	}

	@Test
	void queuedPacketsAreSentInOneResponse() {
		PollingClient polling = openPolling();
		polling.send("4a", "4b", "bAQID");
		HttpResponse<String> response = polling.get();
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=UTF-8");
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		// a heartbeat ping may be queued among them on a slow machine
		assertThat(packetsOf(response.body())).filteredOn((packet) -> !packet.equals("2"))
			.containsExactly("4a", "4b", "bAQID");
	}

	@Test
	void parkedGetIsReleasedByTheEcho() throws Exception {
		PollingClient polling = openPolling();
		CompletableFuture<List<String>> parked = polling.pollAsync();
		polling.send("4hello");
		assertThat(parked.get(5, TimeUnit.SECONDS)).containsExactly("4hello");
	}

	@Test
	void binaryMessagesTravelAsBase64() {
		PollingClient polling = openPolling();
		polling.send("b/wABAgM=");
		assertThat(polling.awaitPackets(1)).containsExactly("b/wABAgM=");
		assertThat(record(polling.sid()).messages()).containsExactly("binary:/wABAgM=");
	}

	@Test
	void multiByteUtf8RoundTrip() {
		String text = "héllo wörld € 😀 日本語 \u0000 ok";
		PollingClient polling = openPolling();
		polling.send("4" + text, "4second");
		assertThat(polling.awaitPackets(2)).containsExactly("4" + text, "4second");
		assertThat(record(polling.sid()).messages()).containsExactly("message:" + text, "message:second");
	}

	@Test
	void eio3MultiByteUtf8RoundTripCountsUtf16Units() {
		PollingClient polling = openPolling(3);
		HttpResponse<String> response = polling.post("4:4é😀");
		assertThat(response.body()).isEqualTo("ok");
		HttpResponse<String> echo = polling.get();
		assertThat(echo.body()).isEqualTo("4:4é😀");
		assertThat(record(polling.sid()).messages()).containsExactly("message:é😀");
	}

	@Test
	void eio3BinaryIsSentAsABinaryPayload() {
		PollingClient polling = openPolling(3);
		polling.send("b4AQID");
		HttpResponse<byte[]> response = polling.getBytes();
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		assertThat(response.body()).containsExactly(1, 4, 255, 4, 1, 2, 3);
		assertThat(record(polling.sid()).messages()).containsExactly("binary:AQID");
	}

	@Test
	void eio3BinaryPayloadIsDecoded() {
		PollingClient polling = openPolling(3);
		byte[] payload = { 1, 4, (byte) 255, 4, 9, 8, 7, 0, 2, (byte) 255, '4', 'x' };
		HttpResponse<String> post = polling.postBytes(payload, "application/octet-stream");
		assertThat(post.body()).isEqualTo("ok");
		assertThat(record(polling.sid()).messages()).containsExactly("binary:CQgH", "message:x");
		HttpResponse<byte[]> echo = polling.getBytes();
		assertThat(echo.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		assertThat(echo.body()).containsExactly(payload);
	}

	@Test
	void eio3ClientWithoutBinarySupportGetsBase64() {
		PollingClient polling = PollingClient.open(HTTP, httpBase(), 3, "&b64=1");
		polling.send("b4AQID");
		HttpResponse<String> response = polling.get();
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=UTF-8");
		assertThat(response.body()).isEqualTo("6:b4AQID");
	}

	@Test
	void binaryPostIsRefusedInProtocolV4() {
		PollingClient polling = openPolling();
		assertJsonError(polling.postBytes(new byte[] { 4, 1, 2 }, "application/octet-stream"), 400, 3,
				"Bad request");
		assertThat(record(polling.sid()).awaitClose()).isEqualTo(CloseReason.TRANSPORT_ERROR);
	}

	@Test
	void postOfExactlyMaxHttpBufferSizeIsAccepted() {
		PollingClient polling = openPolling();
		String message = "x".repeat(999);
		polling.send("4" + message);
		assertThat(polling.awaitPackets(1)).containsExactly("4" + message);
	}

	@Test
	void oversizedPostWithContentLengthGets413AndTheSessionStaysUsable() {
		PollingClient polling = openPolling();
		HttpResponse<String> response = polling.post("4" + "x".repeat(1000));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).isEmpty();
		assertSessionStillUsable(polling);
	}

	@Test
	void oversizedChunkedPostGets413AndTheSessionStaysUsable() {
		PollingClient polling = openPolling();
		HttpResponse<String> response = polling
			.postChunked(("4" + "x".repeat(1500)).getBytes(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).isEmpty();
		assertSessionStillUsable(polling);
	}

	@Test
	void oversizedChunkedPostIsReadToItsEndSoTheConnectionServesTheNextRequest() throws IOException {
		PollingClient polling = openPolling();
		String target = PATH + "?EIO=4&transport=polling&sid=" + polling.sid();
		try (RawHttp.Connection connection = RawHttp.connect(this.port)) {
			RawHttp.Response refused = connection.exchange(RawHttp.chunkedPost(target, "4" + "x".repeat(1500), true));
			assertThat(refused.status()).isEqualTo(413);
			assertThat(refused.header("Connection")).isNull();
			RawHttp.Response accepted = connection.exchange(RawHttp.post(target, "4after"));
			assertThat(accepted.status()).isEqualTo(200);
			assertThat(accepted.body()).isEqualTo("ok");
		}
		assertThat(polling.awaitPackets(1)).containsExactly("4after");
	}

	@Test
	void postToAnUnknownSessionIsAnsweredAfterItsBodySoTheConnectionServesTheNextRequest() throws IOException {
		PollingClient polling = openPolling();
		try (RawHttp.Connection connection = RawHttp.connect(this.port)) {
			RawHttp.Response refused = connection
				.exchange(RawHttp.post(PATH + "?EIO=4&transport=polling&sid=unknown", "4" + "x".repeat(899)));
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
			assertThat(refused.header("Connection")).isNull();
			assertThat(connection.exchange(RawHttp.post(PATH + "?EIO=4&transport=polling&sid=" + polling.sid(), "4after"))
				.body()).isEqualTo("ok");
		}
		assertThat(polling.awaitPackets(1)).containsExactly("4after");
	}

	@Test
	void postFarBeyondTheLimitIsNotReadToItsEnd() throws IOException {
		PollingClient polling = openPolling();
		try (RawHttp.Connection connection = RawHttp.connect(this.port)) {
			// more than twice maxHttpBufferSize (1000) and never finished: the server
			// answers, closes the connection and does not wait for the rest
			RawHttp.Response refused = connection.exchange(RawHttp
				.chunkedPost(PATH + "?EIO=4&transport=polling&sid=" + polling.sid(), "4" + "x".repeat(2500), false));
			assertThat(refused.status()).isEqualTo(413);
			assertThat(refused.header("Connection")).isEqualTo("close");
			assertThat(connection.isClosedByServer()).isTrue();
		}
		assertSessionStillUsable(polling);
	}

	@Test
	void keptAliveConnectionGoesOnReadingAfterABufferedRequest() throws IOException {
		// Reactor Netty 1.3.6 (issue 4361): a request that arrives while the previous one
		// on the connection is still open is buffered; if its answer completes within the
		// call that dispatches it, the connection stops reading. A parked poll with a
		// request pipelined behind it is that case: the ping releases the poll, the
		// buffered request is answered at once (a poll of a session with a packet queued:
		// without the server's own task per request, the request after it timed out).
		PollingClient polling = openPolling();
		PollingClient other = openPolling();
		other.send("4queued");
		String target = PATH + "?EIO=4&transport=polling&sid=" + polling.sid();
		try (RawHttp.Connection connection = RawHttp.connect(this.port)) {
			connection.send(RawHttp.get(target) + RawHttp.get(PATH + "?EIO=4&transport=polling&sid=" + other.sid()));
			assertThat(connection.read().body()).isEqualTo("2");
			// the other session's ping may be queued behind its message by then
			assertThat(connection.read().body()).startsWith("4queued");
			// the pong, on the same connection
			assertThat(connection.exchange(RawHttp.post(target, "3")).body()).isEqualTo("ok");
		}
		// a POST behind the parked poll, then more requests
		try (RawHttp.Connection connection = RawHttp.connect(this.port)) {
			connection.send(RawHttp.get(target) + RawHttp.post(target, "4x"));
			assertThat(connection.read().body()).isEqualTo("2");
			assertThat(connection.read().body()).isEqualTo("ok");
			assertThat(connection.exchange(RawHttp.post(target, "3")).body()).isEqualTo("ok");
			assertThat(connection.exchange(RawHttp.get(target)).body()).isEqualTo("4x");
		}
	}

	private void assertSessionStillUsable(PollingClient polling) {
		polling.send("4after");
		assertThat(polling.awaitPackets(1)).containsExactly("4after");
		SessionRecord record = record(polling.sid());
		assertThat(record.messages()).containsExactly("message:after");
		assertThat(record.isClosed()).isFalse();
	}

	@Test
	void backToBackPostsOnDifferentConnectionsAreNotOverlapping() {
		PollingClient polling = openPolling();
		// a second client has its own connections: consecutive POSTs reach the server on
		// different connections, each answered before the next is sent
		HttpClient other = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		for (int i = 0; i < 200; i++) {
			HttpRequest request = HttpRequest.newBuilder(polling.uri())
				.timeout(PollingClient.REQUEST_TIMEOUT)
				.POST(HttpRequest.BodyPublishers.ofString("3"))
				.build();
			HttpResponse<String> response = send(((i % 2) == 0) ? HTTP : other, request);
			assertThat(response.body()).as("POST #%d", i).isEqualTo("ok");
		}
		assertThat(record(polling.sid()).isClosed()).isFalse();
	}

	@Test
	void concurrentGetIsRefusedAndClosesTheSession() throws Exception {
		PollingClient polling = openPolling();
		CompletableFuture<HttpResponse<String>> first = polling.getAsync();
		CompletableFuture<HttpResponse<String>> second = polling.getAsync();
		List<HttpResponse<String>> responses = List.of(first.get(5, TimeUnit.SECONDS),
				second.get(5, TimeUnit.SECONDS));
		// either may reach the server first: one is refused, the other gets the close
		HttpResponse<String> refused = responses.stream().filter((r) -> r.statusCode() == 400).findFirst().orElseThrow();
		HttpResponse<String> closed = responses.stream().filter((r) -> r != refused).findFirst().orElseThrow();
		assertJsonError(refused, 400, 3, "Bad request");
		assertThat(closed.statusCode()).isEqualTo(200);
		assertThat(closed.body()).isEqualTo("1");
		assertThat(record(polling.sid()).awaitClose()).isEqualTo(CloseReason.TRANSPORT_ERROR);
		assertJsonError(polling.get(), 400, 1, "Session ID unknown");
	}

	@Test
	void closeSentByTheClientReleasesItsParkedGetWithANoop() throws Exception {
		PollingClient polling = openPolling();
		CompletableFuture<List<String>> parked = polling.pollAsync();
		PollingTransport transport = ((SessionCore) this.server.session(polling.sid())).polling();
		await().atMost(Duration.ofSeconds(5)).until(transport::isWritable);
		polling.send("1");
		// as the reference's polling transport: the GET ends with a noop, not a close
		assertThat(parked.get(5, TimeUnit.SECONDS)).containsExactly("6");
		assertThat(record(polling.sid()).awaitClose()).isEqualTo(CloseReason.TRANSPORT_CLOSE);
		assertJsonError(polling.get(), 400, 1, "Session ID unknown");
	}

	@Test
	void oneGetHandledJustAfterTheClientsCloseGetsANoopThenTheSessionIsUnknown() {
		PollingClient polling = openPolling();
		polling.send("1");
		assertThat(record(polling.sid()).awaitClose()).isEqualTo(CloseReason.TRANSPORT_CLOSE);
		assertThat(this.server.session(polling.sid())).isNull();
		// a GET sent before the close may be handled after it on another thread
		HttpResponse<String> late = polling.get();
		assertThat(late.statusCode()).isEqualTo(200);
		assertThat(late.body()).isEqualTo("6");
		assertJsonError(polling.post("4after close"), 400, 1, "Session ID unknown");
		// that one GET only
		assertJsonError(polling.get(), 400, 1, "Session ID unknown");
	}

	@Test
	void malformedPostIsRefusedAndClosesTheSession() throws Exception {
		PollingClient polling = openPolling();
		CompletableFuture<HttpResponse<String>> parked = polling.getAsync();
		assertJsonError(polling.post("abc"), 400, 3, "Bad request");
		SessionRecord record = record(polling.sid());
		assertThat(record.awaitClose()).isEqualTo(CloseReason.PARSE_ERROR);
		HttpResponse<String> released = parked.get(5, TimeUnit.SECONDS);
		// the parked GET gets the close packet, or the session was gone when it arrived
		if (released.statusCode() == 200) {
			assertThat(released.body()).isEqualTo("1");
		}
		else {
			assertJsonError(released, 400, 1, "Session ID unknown");
		}
		assertJsonError(polling.get(), 400, 1, "Session ID unknown");
		assertThat(record.events()).containsExactly("open", "close:parse error");
	}

	@Test
	void emptyPostIsMalformed() {
		PollingClient polling = openPolling();
		assertJsonError(polling.post(""), 400, 3, "Bad request");
		assertThat(record(polling.sid()).awaitClose()).isEqualTo(CloseReason.PARSE_ERROR);
	}

	@Test
	void emptyMessageRoundTrip() {
		PollingClient polling = openPolling();
		polling.send("4");
		assertThat(polling.awaitPackets(1)).containsExactly("4");
		assertThat(record(polling.sid()).messages()).containsExactly("message:");
	}

	@Test
	void packetsBeforeAMalformedOneAreDelivered() {
		PollingClient polling = openPolling();
		assertJsonError(polling.post("4good\u001e9bad"), 400, 3, "Bad request");
		SessionRecord record = record(polling.sid());
		assertThat(record.awaitClose()).isEqualTo(CloseReason.PARSE_ERROR);
		assertThat(record.events()).containsExactly("open", "message:good", "close:parse error");
	}

	@Test
	void getDroppedByTheClientClosesWithTransportError() throws Exception {
		PollingClient polling = openPolling();
		RawHttp.sendAndDisconnect(this.port, "GET " + PATH + "?EIO=4&transport=polling&sid=" + polling.sid()
				+ " HTTP/1.1\r\nHost: localhost\r\n\r\n");
		assertThat(record(polling.sid()).awaitClose()).isEqualTo(CloseReason.TRANSPORT_ERROR);
		assertJsonError(polling.get(), 400, 1, "Session ID unknown");
	}

	@Test
	void postDroppedByTheClientClosesWithTransportError() throws Exception {
		PollingClient polling = openPolling();
		RawHttp.sendAndDisconnect(this.port,
				"POST " + PATH + "?EIO=4&transport=polling&sid=" + polling.sid() + " HTTP/1.1\r\n"
						+ "Host: localhost\r\nContent-Type: text/plain;charset=UTF-8\r\n"
						+ "Transfer-Encoding: chunked\r\n\r\n3\r\n4hi\r\n");
		SessionRecord record = record(polling.sid());
		assertThat(record.awaitClose()).isEqualTo(CloseReason.TRANSPORT_ERROR);
		assertThat(record.messages()).isEmpty();
		assertJsonError(polling.get(), 400, 1, "Session ID unknown");
	}

	@Test
	void serverPingsAfterThePingInterval() {
		// the ping is scheduled once the handshake request arrived: never before start + interval
		long start = System.nanoTime();
		PollingClient polling = openPolling();
		HttpResponse<String> response = polling.get();
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("2");
		assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(3));
		polling.send("3");
	}

	@Test
	void pongsKeepTheSessionAliveAcrossSeveralIntervals() {
		PollingClient polling = openPolling();
		for (int i = 0; i < 4; i++) {
			HttpResponse<String> response = polling.get();
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("2");
			polling.send("3");
		}
		polling.send("4still here");
		assertThat(polling.awaitPackets(1)).containsExactly("4still here");
		assertThat(record(polling.sid()).isClosed()).isFalse();
		assertThat(this.server.session(polling.sid())).isNotNull();
	}

	@Test
	void missingPongClosesWithPingTimeout() {
		PollingClient polling = openPolling();
		assertThat(polling.get().body()).isEqualTo("2");
		SessionRecord record = record(polling.sid());
		assertThat(record.awaitClose()).isEqualTo(CloseReason.PING_TIMEOUT);
		// interval (300 ms) + timeout (200 ms), measured from onOpen
		assertThat(record.openDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(450));
		assertJsonError(polling.get(), 400, 1, "Session ID unknown");
	}

	@Test
	void pingFromAV4ClientIsATransportError() {
		PollingClient polling = openPolling();
		polling.send("2");
		assertThat(record(polling.sid()).awaitClose()).isEqualTo(CloseReason.TRANSPORT_ERROR);
	}

	@Test
	void closePacketFromTheClientClosesWithTransportClose() {
		PollingClient polling = openPolling();
		polling.send("4bye", "1");
		SessionRecord record = record(polling.sid());
		assertThat(record.awaitClose()).isEqualTo(CloseReason.TRANSPORT_CLOSE);
		assertThat(record.events()).containsExactly("open", "message:bye", "close:transport close");
		assertJsonError(polling.post("4more"), 400, 1, "Session ID unknown");
	}

	@Test
	void eio3ClientPingsAndGetsPong() {
		PollingClient polling = openPolling(3);
		DocumentContext open = openPacketJson(polling.openPacket());
		assertThat(open.read("$.upgrades", List.class)).containsExactly("websocket");
		polling.send("2");
		HttpResponse<String> pong = polling.get();
		assertThat(pong.statusCode()).isEqualTo(200);
		assertThat(pong.headers().firstValue("Content-Type")).hasValue("text/plain; charset=UTF-8");
		assertThat(pong.body()).isEqualTo("1:3");
		polling.send("4hello", "4world");
		assertThat(polling.get().body()).isEqualTo("6:4hello6:4world");
		assertThat(record(polling.sid()).messages()).containsExactly("message:hello", "message:world");
	}

	@Test
	void eio3ClientPingsKeepTheSessionAlive() throws Exception {
		PollingClient polling = openPolling(3);
		long start = System.nanoTime();
		// client pings every 200 ms, well within interval + timeout (500 ms)
		while (System.nanoTime() - start < Duration.ofMillis(800).toNanos()) {
			Thread.sleep(200);
			polling.send("2");
			assertThat(polling.get().body()).isEqualTo("1:3");
		}
		assertThat(record(polling.sid()).isClosed()).isFalse();
	}

	@Test
	void eio3WithoutClientPingClosesWithPingTimeout() {
		PollingClient polling = openPolling(3);
		SessionRecord record = record(polling.sid());
		assertThat(record.awaitClose()).isEqualTo(CloseReason.PING_TIMEOUT);
		assertThat(record.openDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(450));
		assertJsonError(polling.get(), 400, 1, "Session ID unknown");
	}

	@Test
	void pongFromAV3ClientIsATransportError() {
		PollingClient polling = openPolling(3);
		polling.send("3");
		assertThat(record(polling.sid()).awaitClose()).isEqualTo(CloseReason.TRANSPORT_ERROR);
	}

	@Test
	void pathWithoutTrailingSlashWorks() {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(uri("/socket.io?EIO=4&transport=polling")).GET());
		assertThat(response.statusCode()).isEqualTo(200);
		String sid = openPacketJson(response.body()).read("$.sid", String.class);
		HttpResponse<String> post = send(HttpRequest
			.newBuilder(uri("/socket.io?EIO=4&transport=polling&sid=" + sid))
			.POST(HttpRequest.BodyPublishers.ofString("4x")));
		assertThat(post.body()).isEqualTo("ok");
		assertThat(record(sid).messages()).containsExactly("message:x");
	}

	@Test
	void otherRoutesStillAnswer() {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/hello")).GET());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("hello");
		assertThat(send(HttpRequest.newBuilder(uri("/nothing-here")).GET()).statusCode()).isEqualTo(404);
	}

	@Test
	void withoutCorsSettingsAPreflightAllowsNoOrigin() {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri(PATH + "?EIO=4&transport=polling"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "http://example.com")
			.header("Access-Control-Request-Method", "POST"));
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void openSessionsAreListedByTheServer() {
		PollingClient polling = openPolling();
		EngineSession session = this.server.session(polling.sid());
		assertThat(session).isNotNull();
		assertThat(session.isOpen()).isTrue();
		assertThat(session.protocolVersion()).isEqualTo(4);
		assertThat(session.transport()).isEqualTo(EngineTransport.POLLING);
		assertThat(session.handshake().queryParam("transport")).isEqualTo("polling");
		await().untilAsserted(() -> assertThat(this.server.sessions()).contains(session));
	}

}
