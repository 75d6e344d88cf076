package io.github.springsocketio.actuate;

import java.util.regex.Pattern;

import io.github.springsocketio.engine.CloseReason;
import io.github.springsocketio.engine.EngineTransport;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.server.SocketIOServerOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.github.springsocketio.test.InProcessSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketIOMetrics} with in-process sessions.
 */
class SocketIOMetricsTests {

	private final SocketIOServer server = new SocketIOServer(SocketIOServerOptions.defaults(),
			JsonMapper.builder().build());

	private final MeterRegistry registry = new SimpleMeterRegistry();

	SocketIOMetricsTests() {
		this.server.of("/chat");
		this.server.of(Pattern.compile("^/room-\\d+$"));
	}

	@Test
	void gaugesFollowClientsAndSockets() {
		new SocketIOMetrics(this.server).bindTo(this.registry);
		InProcessSession polling = InProcessSession.open(this.server, EngineTransport.POLLING).receive("40/chat,");
		InProcessSession.open(this.server, EngineTransport.WEBSOCKET).receive("40/chat,").receive("40");
		assertThat(gauge("socketio.clients", "transport", "polling")).isEqualTo(1);
		assertThat(gauge("socketio.clients", "transport", "websocket")).isEqualTo(1);
		assertThat(gauge("socketio.sockets", "namespace", "/chat")).isEqualTo(2);
		assertThat(gauge("socketio.sockets", "namespace", "/")).isEqualTo(1);
		polling.drop(CloseReason.TRANSPORT_CLOSE);
		assertThat(gauge("socketio.clients", "transport", "polling")).isZero();
		assertThat(gauge("socketio.sockets", "namespace", "/chat")).isEqualTo(1);
	}

	@Test
	void connectsAndDisconnectsAreCountedByNamespaceAndReason() {
		new SocketIOMetrics(this.server).bindTo(this.registry);
		InProcessSession first = InProcessSession.open(this.server, EngineTransport.POLLING).receive("40/chat,");
		InProcessSession second = InProcessSession.open(this.server, EngineTransport.POLLING).receive("40/chat,");
		first.receive("41/chat,");
		second.drop(CloseReason.PING_TIMEOUT);
		assertThat(this.registry.get("socketio.connects").tag("namespace", "/chat").counter().count()).isEqualTo(2);
		assertThat(this.registry.get("socketio.disconnects")
			.tag("namespace", "/chat")
			.tag("reason", "client namespace disconnect")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("socketio.disconnects")
			.tag("namespace", "/chat")
			.tag("reason", "ping timeout")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void packetsAndBytesAreCountedByDirectionAndType() {
		new SocketIOMetrics(this.server).bindTo(this.registry);
		InProcessSession session = InProcessSession.open(this.server, EngineTransport.WEBSOCKET).receive("40");
		String reply = session.sent().get(0).text();
		session.receive("42[\"hello\"]");
		assertThat(counter("socketio.packets", "direction", "in", "type", "connect")).isEqualTo(1);
		assertThat(counter("socketio.packets", "direction", "in", "type", "event")).isEqualTo(1);
		assertThat(counter("socketio.packets", "direction", "out", "type", "connect")).isEqualTo(1);
		assertThat(counter("socketio.bytes", "direction", "in")).isEqualTo(1 + "2[\"hello\"]".length());
		assertThat(counter("socketio.bytes", "direction", "out")).isEqualTo(reply.length());
	}

	@Test
	void namespacesBeyondTheLimitShareOneTag() {
		new SocketIOMetrics(this.server, 3).bindTo(this.registry);
		// "/" and "/chat" exist: one more namespace gets its own tag
		for (int i = 1; i <= 4; i++) {
			InProcessSession.open(this.server, EngineTransport.POLLING).receive("40/room-" + i + ",");
		}
		assertThat(gauge("socketio.sockets", "namespace", "/room-1")).isEqualTo(1);
		assertThat(this.registry.find("socketio.sockets").tag("namespace", "/room-2").gauge()).isNull();
		assertThat(gauge("socketio.sockets", "namespace", SocketIOMetrics.OTHER_NAMESPACES)).isEqualTo(3);
		assertThat(this.registry.get("socketio.connects")
			.tag("namespace", SocketIOMetrics.OTHER_NAMESPACES)
			.counter()
			.count()).isEqualTo(3);
		assertThat(this.registry.get("socketio.sockets").gauges()).hasSize(4);
	}

	@Test
	void eachRegistryGetsItsOwnMeters() {
		SimpleMeterRegistry other = new SimpleMeterRegistry();
		SocketIOMetrics metrics = new SocketIOMetrics(this.server);
		metrics.bindTo(this.registry);
		metrics.bindTo(other);
		InProcessSession.open(this.server, EngineTransport.POLLING).receive("40/chat,");
		assertThat(this.registry.get("socketio.connects").counter().count()).isEqualTo(1);
		assertThat(other.get("socketio.connects").counter().count()).isEqualTo(1);
	}

	private double gauge(String name, String tag, String value) {
		return this.registry.get(name).tag(tag, value).gauge().value();
	}

	private double counter(String name, String... tags) {
		return this.registry.get(name).tags(tags).counter().count();
	}

}
