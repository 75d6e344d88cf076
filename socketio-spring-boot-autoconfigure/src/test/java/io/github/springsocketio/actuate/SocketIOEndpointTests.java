package io.github.springsocketio.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.springsocketio.actuate.SocketIOEndpoint.NamespaceDetailsDescriptor;
import io.github.springsocketio.actuate.SocketIOEndpoint.SettingsDescriptor;
import io.github.springsocketio.actuate.SocketIOEndpoint.SocketDescriptor;
import io.github.springsocketio.actuate.SocketIOEndpoint.SocketIODescriptor;
import io.github.springsocketio.engine.EngineIoHandlerMapping;
import io.github.springsocketio.engine.EngineIoOptions;
import io.github.springsocketio.engine.EngineIoServer;
import io.github.springsocketio.engine.EngineTransport;
import io.github.springsocketio.server.Socket;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.server.SocketIOServerOptions;
import io.github.springsocketio.test.InProcessSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.cors.CorsConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketIOEndpoint} with in-process sessions.
 */
class SocketIOEndpointTests {

	private final SocketIOServer server = new SocketIOServer(SocketIOServerOptions.defaults(),
			JsonMapper.builder().build());

	private final EngineIoServer engine = new EngineIoServer(
			EngineIoOptions.builder().pingInterval(Duration.ofSeconds(5)).allowEio3(true).build(), this.server.engineHandler());

	private final EngineIoHandlerMapping mapping;

	private final SocketIOEndpoint endpoint;

	SocketIOEndpointTests() {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(List.of("https://example.com"));
		this.mapping = new EngineIoHandlerMapping("/io/", this.engine, cors);
		this.endpoint = new SocketIOEndpoint(this.server, null, this.mapping);
		this.server.of("/chat");
	}

	@Test
	void selectorsNameNamespaces() {
		assertThat(SocketIOEndpoint.namespaceName("_")).isEqualTo("/");
		assertThat(SocketIOEndpoint.namespaceName("chat")).isEqualTo("/chat");
		assertThat(SocketIOEndpoint.namespaceName("a/b")).isEqualTo("/a/b");
		assertThat(SocketIOEndpoint.namespaceName("/")).isEqualTo("/");
		assertThat(SocketIOEndpoint.namespaceName("/_")).isEqualTo("/_");
	}

	@Test
	void roomsLeaveOutEachSocketsOwnRoom() {
		InProcessSession first = InProcessSession.open(this.server, EngineTransport.WEBSOCKET).receive("40/chat,");
		InProcessSession second = InProcessSession.open(this.server, EngineTransport.POLLING).receive("40/chat,");
		socket("/chat", first).join("lobby", "a");
		socket("/chat", second).join("lobby");
		SocketIODescriptor descriptor = this.endpoint.socketIO();
		assertThat(descriptor.clients()).isEqualTo(2);
		assertThat(descriptor.sockets()).isEqualTo(2);
		assertThat(descriptor.transports()).containsExactly(Map.entry("polling", 1), Map.entry("websocket", 1));
		assertThat(descriptor.namespaces()).containsOnlyKeys("/", "/chat");
		assertThat(descriptor.namespaces().get("/chat").rooms()).containsExactly(Map.entry("a", 1),
				Map.entry("lobby", 2));
		assertThat(descriptor.namespaces().get("/").sockets()).isZero();
	}

	@Test
	void settingsAreTheOnesInForce() {
		SettingsDescriptor settings = this.endpoint.socketIO().settings();
		assertThat(settings.path()).isEqualTo("/io/");
		assertThat(settings.pingInterval()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.allowEio3()).isTrue();
		assertThat(settings.transports()).containsExactly("polling", "websocket");
		assertThat(settings.connectTimeout()).isEqualTo(SocketIOServerOptions.DEFAULT_CONNECT_TIMEOUT);
		assertThat(settings.cors().allowedOrigins()).containsExactly("https://example.com");
	}

	@Test
	void namespaceDetailsListTheSockets() {
		InProcessSession session = InProcessSession.open(this.server, EngineTransport.POLLING).receive("40/chat,");
		socket("/chat", session).join("lobby");
		NamespaceDetailsDescriptor chat = this.endpoint.namespace("chat");
		assertThat(chat.name()).isEqualTo("/chat");
		assertThat(chat.sockets()).singleElement().satisfies((socket) -> {
			assertThat(socket.id()).isEqualTo(session.lastSocketId());
			assertThat(socket.transport()).isEqualTo("polling");
			assertThat(socket.rooms()).containsExactly("lobby");
			assertThat(socket.address()).isEqualTo("127.0.0.1:4242");
		});
		assertThat(this.endpoint.namespace("nowhere")).isNull();
	}

	@Test
	void unknownNamespacesAreNotCreatedByLookups() {
		this.endpoint.namespace("ghost");
		this.endpoint.disconnect("ghost", "id", null);
		assertThat(this.server.namespaces()).extracting((namespace) -> namespace.name())
			.containsExactlyInAnyOrder("/", "/chat");
	}

	@Test
	void disconnectLeavesTheNamespaceOrClosesTheConnection() {
		InProcessSession session = InProcessSession.open(this.server, EngineTransport.WEBSOCKET).receive("40").receive("40/chat,");
		String mainId = socket("/", session).id();
		SocketDescriptor disconnected = this.endpoint.disconnect("chat", session.lastSocketId(), null);
		assertThat(disconnected).isNotNull();
		assertThat(session.sent().get(session.sent().size() - 1).text()).isEqualTo("1/chat,");
		assertThat(session.isOpen()).isTrue();
		assertThat(this.endpoint.disconnect("_", mainId, true)).isNotNull();
		assertThat(session.isOpen()).isFalse();
		assertThat(this.endpoint.disconnect("_", mainId, true)).isNull();
	}

	private Socket socket(String namespace, InProcessSession session) {
		return this.server.of(namespace)
			.sockets()
			.values()
			.stream()
			.filter((socket) -> socket.handshake().issued().equals(session.handshake().issued())
					&& session.sent().stream().anyMatch((packet) -> packet.text() != null
							&& packet.text().contains("\"sid\":\"" + socket.id() + "\"")))
			.findFirst()
			.orElseThrow();
	}

}
