package io.github.springsocketio.actuate;

import io.github.springsocketio.engine.EngineIoOptions;
import io.github.springsocketio.engine.EngineIoServer;
import io.github.springsocketio.engine.EngineTransport;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.server.SocketIOServerOptions;
import io.github.springsocketio.test.InProcessSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketIOHealthIndicator}.
 */
class SocketIOHealthIndicatorTests {

	private final SocketIOServer server = new SocketIOServer(SocketIOServerOptions.defaults(),
			JsonMapper.builder().build());

	private final EngineIoServer engine = new EngineIoServer(EngineIoOptions.defaults(), this.server.engineHandler());

	private final SocketIOHealthIndicator indicator = new SocketIOHealthIndicator(this.server, this.engine);

	@Test
	void upWithCounts() {
		this.server.of("/chat");
		InProcessSession.open(this.server, EngineTransport.POLLING).receive("40").receive("40/chat,");
		Health health = this.indicator.health().block();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("clients", 1)
			.containsEntry("sockets", 2)
			.containsEntry("namespaces", 2);
	}

	@Test
	void downOnceShutDown() {
		this.engine.shutdown();
		assertThat(this.indicator.health().block().getStatus()).isEqualTo(Status.DOWN);
		this.engine.start();
		assertThat(this.indicator.health().block().getStatus()).isEqualTo(Status.UP);
	}

}
