package io.github.springsocketio.actuate;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.server.Socket;
import io.github.springsocketio.server.SocketIOServer;
import io.socket.client.Ack;
import io.socket.client.IO;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The actuator endpoint, health and metrics with real clients: the official Java
 * client ({@code io.socket:socket.io-client}, Engine.IO 4) over polling and WebSocket.
 */
@SpringBootTest(classes = SocketIOActuatorTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=socketio,health,metrics",
				"management.endpoint.health.show-details=always" })
@AutoConfigureWebTestClient
class SocketIOActuatorIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final OkHttpClient http = new OkHttpClient.Builder().readTimeout(1, TimeUnit.MINUTES).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private WebTestClient webClient;

	@Autowired
	private SocketIOServer server;

	private final List<io.socket.client.Socket> clients = new ArrayList<>();

	@BeforeEach
	void noClientLeft() {
		await().atMost(TIMEOUT).until(() -> this.server.clientCount() == 0);
	}

	@AfterEach
	void closeClients() {
		this.clients.forEach(io.socket.client.Socket::close);
	}

	@AfterAll
	static void closeHttp() {
		http.dispatcher().executorService().shutdown();
		http.connectionPool().evictAll();
	}

	@Test
	void endpointDescribesNamespacesRoomsAndTransports() throws Exception {
		TestClient websocket = connect("/", "websocket");
		TestClient polling = connect("/chat", "polling");
		websocket.emitWithAck("join", "lobby");
		polling.emitWithAck("join", "ops");

		JsonNode body = get("/actuator/socketio");
		assertThat(body.get("clients").asInt()).isEqualTo(2);
		assertThat(body.get("sockets").asInt()).isEqualTo(2);
		assertThat(body.at("/transports/websocket").asInt()).isEqualTo(1);
		assertThat(body.at("/transports/polling").asInt()).isEqualTo(1);
		assertThat(body.get("adapter").asString()).isEqualTo("io.github.springsocketio.adapter.InMemoryAdapter");
		JsonNode main = body.get("namespaces").get("/");
		assertThat(main.get("sockets").asInt()).isEqualTo(1);
		assertThat(main.at("/transports/websocket").asInt()).isEqualTo(1);
		assertThat(main.at("/transports/polling").asInt()).isZero();
		assertThat(json.convertValue(main.get("rooms"), java.util.Map.class)).containsExactly(
				java.util.Map.entry("lobby", 1));
		JsonNode chat = body.get("namespaces").get("/chat");
		assertThat(chat.get("sockets").asInt()).isEqualTo(1);
		assertThat(chat.at("/transports/polling").asInt()).isEqualTo(1);
		assertThat(chat.at("/rooms/ops").asInt()).isEqualTo(1);
		JsonNode settings = body.get("settings");
		assertThat(settings.get("path").asString()).isEqualTo("/socket.io/");
		assertThat(settings.get("transports").toString()).isEqualTo("[\"polling\",\"websocket\"]");
		assertThat(settings.get("pingInterval").asString()).isEqualTo("PT25S");
		assertThat(settings.get("maxHttpBufferSize").asLong()).isEqualTo(1_000_000);
		assertThat(settings.get("allowEio3").asBoolean()).isFalse();
	}

	@Test
	void selectorDescribesTheSocketsOfOneNamespace() throws Exception {
		TestClient websocket = connect("/", "websocket");
		TestClient polling = connect("/chat", "polling");
		polling.emitWithAck("join", "ops");

		JsonNode chat = get("/actuator/socketio/chat");
		assertThat(chat.get("name").asString()).isEqualTo("/chat");
		assertThat(chat.get("sockets")).hasSize(1);
		JsonNode socket = chat.get("sockets").get(0);
		assertThat(socket.get("id").asString()).isEqualTo(polling.socket.id());
		assertThat(socket.get("transport").asString()).isEqualTo("polling");
		assertThat(socket.get("rooms").toString()).isEqualTo("[\"ops\"]");
		assertThat(socket.get("address").asString()).startsWith("127.0.0.1:");
		assertThat(socket.get("handshakeTime").asString()).endsWith("Z");

		JsonNode main = get("/actuator/socketio/_");
		assertThat(main.get("name").asString()).isEqualTo("/");
		assertThat(main.at("/sockets/0/id").asString()).isEqualTo(websocket.socket.id());
		assertThat(main.at("/sockets/0/transport").asString()).isEqualTo("websocket");
		assertThat(main.at("/sockets/0/rooms")).isEmpty();

		// the exact name, percent-encoded
		assertThat(get(URI.create("http://localhost:" + this.port + "/actuator/socketio/%2Fchat")).get("name")
			.asString()).isEqualTo("/chat");
		this.webClient.get().uri("/actuator/socketio/nowhere").exchange().expectStatus().isNotFound();
	}

	@Test
	void deleteDisconnectsOneSocket() throws Exception {
		TestClient target = connect("/chat", "polling");
		TestClient other = connect("/chat", "websocket");
		String id = target.socket.id();

		this.webClient.delete()
			.uri("/actuator/socketio/chat/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(id);

		assertThat(target.disconnects.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("io server disconnect");
		await().atMost(TIMEOUT).until(() -> this.server.of("/chat").sockets().size() == 1);
		assertThat(other.socket.connected()).isTrue();
		this.webClient.delete()
			.uri("/actuator/socketio/chat/{id}", id)
			.exchange()
			.expectStatus()
			.isNotFound();

		this.webClient.delete()
			.uri("/actuator/socketio/chat/{id}?close=true", other.socket.id())
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(other.disconnects.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isNotNull();
		await().atMost(TIMEOUT).until(() -> this.server.clientCount() == 0);
	}

	@Test
	void healthReportsClientsAndSockets() throws Exception {
		connect("/", "websocket");
		connect("/chat", "polling");
		JsonNode health = get("/actuator/health");
		JsonNode socketio = health.at("/components/socketio");
		assertThat(socketio.get("status").asString()).isEqualTo("UP");
		assertThat(socketio.at("/details/clients").asInt()).isEqualTo(2);
		assertThat(socketio.at("/details/sockets").asInt()).isEqualTo(2);
	}

	@Test
	void metricsCountConnectionsPacketsAndBytes() throws Exception {
		double connects = metric("socketio.connects", "namespace:/chat");
		double eventsIn = metric("socketio.packets", "direction:in", "type:event");
		double acksOut = metric("socketio.packets", "direction:out", "type:ack");
		double bytesIn = metric("socketio.bytes", "direction:in");
		double bytesOut = metric("socketio.bytes", "direction:out");
		double disconnects = metric("socketio.disconnects", "namespace:/chat", "reason:client namespace disconnect");

		TestClient websocket = connect("/chat", "websocket");
		TestClient polling = connect("/chat", "polling");
		await().atMost(TIMEOUT).until(() -> metric("socketio.connects", "namespace:/chat") == connects + 2);
		assertThat(metric("socketio.clients", "transport:websocket")).isEqualTo(1);
		assertThat(metric("socketio.clients", "transport:polling")).isEqualTo(1);
		assertThat(metric("socketio.sockets", "namespace:/chat")).isEqualTo(2);

		websocket.emitWithAck("join", "room-1");
		polling.emitWithAck("join", "room-2");
		await().atMost(TIMEOUT).until(() -> metric("socketio.packets", "direction:in", "type:event") == eventsIn + 2);
		assertThat(metric("socketio.packets", "direction:out", "type:ack")).isEqualTo(acksOut + 2);
		// 2["join","room-1"] is 18 bytes, the answer 0["joined"] 12 bytes (ack id 0..9)
		assertThat(metric("socketio.bytes", "direction:in")).isGreaterThanOrEqualTo(bytesIn + 2 * 18);
		assertThat(metric("socketio.bytes", "direction:out")).isGreaterThanOrEqualTo(bytesOut + 2 * 12);

		websocket.socket.disconnect();
		await().atMost(TIMEOUT)
			.until(() -> metric("socketio.disconnects", "namespace:/chat",
					"reason:client namespace disconnect") == disconnects + 1);
		assertThat(metric("socketio.sockets", "namespace:/chat")).isEqualTo(1);
	}

	@Test
	void engineIoRequestsStayOutOfTheHttpServerRequestObservations() throws Exception {
		// an observed request of the application's own, so the meter exists
		this.webClient.get().uri("/actuator/health").exchange().expectStatus().isOk();
		TestClient polling = connect("/chat", "polling");
		polling.emitWithAck("join", "room-1");
		JsonNode body = metricBody("http.server.requests");
		assertThat(body).isNotNull();
		List<String> uris = new ArrayList<>();
		for (JsonNode tag : body.get("availableTags")) {
			if (tag.get("tag").asString().equals("uri")) {
				tag.get("values").forEach((value) -> uris.add(value.asString()));
			}
		}
		assertThat(uris).contains("/actuator/health").noneMatch((uri) -> uri.contains("socket.io"));
	}

	@Test
	void metricsTimeAcknowledgementsRequestedByTheServer() throws Exception {
		double count = metric("socketio.ack.duration", "namespace:/");
		TestClient client = connect("/", "polling");
		client.socket.on("question", (args) -> ((Ack) args[args.length - 1]).call("answer"));
		Socket socket = this.server.sockets().socket(client.socket.id());
		ArrayNode answer = socket.timeout(TIMEOUT).emitWithAck("question", 42).block(TIMEOUT);
		assertThat(answer.get(0).asString()).isEqualTo("answer");
		await().atMost(TIMEOUT).until(() -> metric("socketio.ack.duration", "namespace:/") == count + 1);
		assertThat(measurement("socketio.ack.duration", "TOTAL_TIME", "namespace:/")).isPositive();
	}

	@Test
	void metricsCountFailingListeners() throws Exception {
		double sync = metric("socketio.handler.errors", "event:fail", "exception:IllegalStateException");
		double async = metric("socketio.handler.errors", "event:fail-async", "exception:IllegalArgumentException");
		TestClient client = connect("/chat", "websocket");
		client.socket.emit("fail");
		client.socket.emit("fail-async");
		await().atMost(TIMEOUT)
			.until(() -> metric("socketio.handler.errors", "namespace:/chat", "event:fail",
					"exception:IllegalStateException") == sync + 1
					&& metric("socketio.handler.errors", "event:fail-async",
							"exception:IllegalArgumentException") == async + 1);
		assertThat(client.socket.connected()).isTrue();
	}

	// ---- helpers

	private TestClient connect(String namespace, String transport) throws Exception {
		IO.Options options = new IO.Options();
		options.forceNew = true;
		options.reconnection = false;
		options.transports = new String[] { transport };
		options.upgrade = false;
		options.callFactory = http;
		options.webSocketFactory = http;
		io.socket.client.Socket socket = IO.socket(URI.create("http://localhost:" + this.port + namespace), options);
		TestClient client = new TestClient(socket);
		this.clients.add(socket);
		BlockingQueue<Boolean> connected = new LinkedBlockingQueue<>();
		socket.on(io.socket.client.Socket.EVENT_CONNECT, (args) -> connected.add(true));
		socket.on(io.socket.client.Socket.EVENT_DISCONNECT,
				(args) -> client.disconnects.add((args.length > 0) ? String.valueOf(args[0]) : ""));
		socket.connect();
		assertThat(connected.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("connected").isTrue();
		return client;
	}

	private JsonNode get(String path) {
		byte[] body = this.webClient.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return json.readTree(body);
	}

	private JsonNode get(URI uri) {
		byte[] body = this.webClient.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return json.readTree(body);
	}

	/** The COUNT or VALUE of a meter, 0 when it does not exist yet. */
	private double metric(String name, String... tags) {
		JsonNode body = metricBody(name, tags);
		if (body == null) {
			return 0;
		}
		for (JsonNode measurement : body.get("measurements")) {
			String statistic = measurement.get("statistic").asString();
			if (statistic.equals("COUNT") || statistic.equals("VALUE")) {
				return measurement.get("value").asDouble();
			}
		}
		throw new IllegalStateException("No count or value in " + body);
	}

	private double measurement(String name, String statistic, String... tags) {
		JsonNode body = metricBody(name, tags);
		assertThat(body).isNotNull();
		for (JsonNode measurement : body.get("measurements")) {
			if (measurement.get("statistic").asString().equals(statistic)) {
				return measurement.get("value").asDouble();
			}
		}
		throw new IllegalStateException("No " + statistic + " in " + body);
	}

	private JsonNode metricBody(String name, String... tags) {
		var result = this.webClient.get().uri((builder) -> {
			builder.path("/actuator/metrics/{name}");
			for (String tag : tags) {
				builder.queryParam("tag", tag);
			}
			return builder.build(name);
		}).exchange().returnResult(byte[].class);
		if (result.getStatus() == HttpStatus.NOT_FOUND) {
			return null;
		}
		assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
		return json.readTree(result.getResponseBodyContent());
	}

	private static final class TestClient {

		final io.socket.client.Socket socket;

		final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();

		TestClient(io.socket.client.Socket socket) {
			this.socket = socket;
		}

		void emitWithAck(String event, Object arg) throws InterruptedException {
			BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
			this.socket.emit(event, new Object[] { arg }, (args) -> answers.add((args.length > 0) ? args[0] : ""));
			assertThat(answers.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("ack of " + event).isNotNull();
		}

	}

}
