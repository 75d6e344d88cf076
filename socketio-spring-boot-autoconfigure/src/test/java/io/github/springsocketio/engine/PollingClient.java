package io.github.springsocketio.engine;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A minimal Engine.IO long-polling client (v4 or v3) over {@link HttpClient}, for the
 * test thread. Pings found in GET responses (v4) are answered by {@link #poll()},
 * {@link #pollAsync()} and {@link #awaitPackets(int)}; {@link #get()} gives the raw
 * response.
 */
final class PollingClient {

	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

	static final String SEPARATOR = "\u001e";

	private final HttpClient http;

	/** The handshake URL, to which {@code &sid=...} is appended. */
	private final String base;

	private final int eio;

	private final String sid;

	private final String openPacket;

	private final HttpResponse<String> handshake;

	private PollingClient(HttpClient http, String base, int eio, String sid, String openPacket,
			HttpResponse<String> handshake) {
		this.http = http;
		this.base = base;
		this.eio = eio;
		this.sid = sid;
		this.openPacket = openPacket;
		this.handshake = handshake;
	}

	/**
	 * Open a session with a polling handshake.
	 * @param http the client
	 * @param base the Engine.IO URL, e.g. {@code http://localhost:1234/socket.io/}
	 * @param eio the protocol revision, 4 or 3
	 * @return the client, bound to the new session
	 */
	static PollingClient open(HttpClient http, String base, int eio) {
		return open(http, base, eio, "");
	}

	/**
	 * Open a session with a polling handshake and extra query parameters, which every
	 * later request repeats.
	 * @param http the client
	 * @param base the Engine.IO URL
	 * @param eio the protocol revision, 4 or 3
	 * @param extraQuery e.g. {@code &b64=1}, or empty
	 * @return the client, bound to the new session
	 */
	static PollingClient open(HttpClient http, String base, int eio, String extraQuery) {
		HttpResponse<String> response = send(http,
				HttpRequest.newBuilder(URI.create(base + "?EIO=" + eio + "&transport=polling" + extraQuery)).GET());
		assertThat(response.statusCode()).as("handshake: %s", response.body()).isEqualTo(200);
		List<String> packets = decode(eio, response.body());
		assertThat(packets).as("handshake body %s", response.body()).hasSize(1);
		String open = packets.get(0);
		assertThat(open).startsWith("0{");
		DocumentContext json = JsonPath.parse(open.substring(1));
		return new PollingClient(http, base + "?EIO=" + eio + "&transport=polling" + extraQuery, eio,
				json.read("$.sid", String.class), open, response);
	}

	String sid() {
		return this.sid;
	}

	int eio() {
		return this.eio;
	}

	/** @return the open packet of the handshake, type digit included */
	String openPacket() {
		return this.openPacket;
	}

	/** @return the response to the handshake GET */
	HttpResponse<String> handshake() {
		return this.handshake;
	}

	URI uri() {
		return URI.create(this.base + "&sid=" + this.sid);
	}

	HttpResponse<String> get() {
		return send(this.http, HttpRequest.newBuilder(uri()).GET());
	}

	HttpResponse<byte[]> getBytes() {
		try {
			return this.http.send(HttpRequest.newBuilder(uri()).timeout(REQUEST_TIMEOUT).GET().build(),
					BodyHandlers.ofByteArray());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("request failed: " + ex, ex);
		}
	}

	/**
	 * POST raw bytes with the given content type.
	 * @param body the payload
	 * @param contentType the {@code Content-Type}
	 * @return the response
	 */
	HttpResponse<String> postBytes(byte[] body, String contentType) {
		return send(this.http, HttpRequest.newBuilder(uri())
			.header("Content-Type", contentType)
			.POST(BodyPublishers.ofByteArray(body)));
	}

	CompletableFuture<HttpResponse<String>> getAsync() {
		return this.http.sendAsync(HttpRequest.newBuilder(uri()).timeout(REQUEST_TIMEOUT).GET().build(),
				BodyHandlers.ofString());
	}

	/**
	 * POST a raw body as {@code text/plain;charset=UTF-8}.
	 * @param body the payload, already encoded
	 * @return the response
	 */
	HttpResponse<String> post(String body) {
		return send(this.http, postRequest(BodyPublishers.ofString(body)));
	}

	/**
	 * POST raw bytes with chunked transfer encoding (no {@code Content-Length}).
	 * @param body the payload
	 * @return the response
	 */
	HttpResponse<String> postChunked(byte[] body) {
		return send(this.http, postRequest(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
	}

	private CompletableFuture<HttpResponse<String>> postAsync(String body) {
		return this.http.sendAsync(postRequest(BodyPublishers.ofString(body)).timeout(REQUEST_TIMEOUT).build(),
				BodyHandlers.ofString());
	}

	private HttpRequest.Builder postRequest(BodyPublisher body) {
		return HttpRequest.newBuilder(uri()).header("Content-Type", "text/plain;charset=UTF-8").POST(body);
	}

	/**
	 * POST packets encoded as a payload of this client's protocol revision.
	 * @param packets the packets, type digit included
	 */
	void send(String... packets) {
		HttpResponse<String> response = post(encode(this.eio, packets));
		assertThat(response.statusCode()).as("POST: %s", response.body()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("ok");
	}

	/**
	 * GET once, answer the pings it carries, return the other packets.
	 * @return the packets other than pings, possibly none
	 */
	List<String> poll() {
		HttpResponse<String> response = get();
		assertThat(response.statusCode()).as("GET: %s", response.body()).isEqualTo(200);
		List<String> packets = decode(this.eio, response.body());
		List<String> others = withoutPings(packets);
		if (others.size() < packets.size()) {
			send("3");
		}
		return others;
	}

	/**
	 * GET (again and again while only pings arrive, answering them) until other
	 * packets arrive.
	 * @return completes with the packets other than pings
	 */
	CompletableFuture<List<String>> pollAsync() {
		return getAsync().thenCompose((response) -> {
			if (response.statusCode() != 200) {
				return CompletableFuture.failedFuture(
						new AssertionError("GET answered " + response.statusCode() + ": " + response.body()));
			}
			List<String> packets = decode(this.eio, response.body());
			List<String> others = withoutPings(packets);
			CompletableFuture<?> pong = (others.size() < packets.size()) ? postAsync("3")
					: CompletableFuture.completedFuture(null);
			return pong.thenCompose((ignored) -> others.isEmpty() ? pollAsync()
					: CompletableFuture.completedFuture(others));
		});
	}

	/**
	 * Poll until the given number of packets other than pings arrived.
	 * @param count the number of packets to wait for
	 * @return exactly those packets, in order
	 */
	List<String> awaitPackets(int count) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		List<String> packets = new ArrayList<>();
		while (packets.size() < count) {
			if (System.nanoTime() > deadline) {
				fail("expected " + count + " packets, got " + packets);
			}
			packets.addAll(poll());
		}
		assertThat(packets).hasSize(count);
		return packets;
	}

	private List<String> withoutPings(List<String> packets) {
		if (this.eio < 4) {
			return packets;
		}
		return packets.stream().filter((packet) -> !packet.equals("2")).toList();
	}

	// ---- payload encoding

	/**
	 * Encode packets as a polling payload.
	 * @param eio the protocol revision
	 * @param packets the packets
	 * @return v4: joined by 0x1e; v3: each prefixed by its length in UTF-16 units and a
	 * colon
	 */
	static String encode(int eio, String... packets) {
		if (eio >= 4) {
			return String.join(SEPARATOR, packets);
		}
		StringBuilder out = new StringBuilder();
		for (String packet : packets) {
			out.append(packet.length()).append(':').append(packet);
		}
		return out.toString();
	}

	/**
	 * Decode a text polling payload.
	 * @param eio the protocol revision
	 * @param body the payload
	 * @return the packets
	 */
	static List<String> decode(int eio, String body) {
		if (eio >= 4) {
			return List.of(body.split(SEPARATOR, -1));
		}
		List<String> packets = new ArrayList<>();
		int position = 0;
		while (position < body.length()) {
			int colon = body.indexOf(':', position);
			assertThat(colon).as("v3 payload %s", body).isGreaterThan(position);
			int length = Integer.parseInt(body.substring(position, colon));
			assertThat(colon + 1 + length).as("v3 payload %s", body).isLessThanOrEqualTo(body.length());
			packets.add(body.substring(colon + 1, colon + 1 + length));
			position = colon + 1 + length;
		}
		return packets;
	}

	private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
		try {
			return http.send(request.timeout(REQUEST_TIMEOUT).build(), BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("request failed: " + ex, ex);
		}
	}

}
