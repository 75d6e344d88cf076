package io.github.springsocketio.actuate;

import io.github.springsocketio.engine.EngineIoServer;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.SocketIOServer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

/**
 * Health of the Socket.IO server: {@code UP} with its numbers of clients, sockets and
 * namespaces while it accepts connections, {@code DOWN} once its Engine.IO server is
 * shut down (the application is stopping). Reads counters only, never blocks.
 */
public final class SocketIOHealthIndicator implements ReactiveHealthIndicator {

	private final SocketIOServer server;

	private final @Nullable EngineIoServer engine;

	/**
	 * Create the indicator.
	 * @param server the Socket.IO server
	 * @param engine the Engine.IO server it is mounted on, if known
	 */
	public SocketIOHealthIndicator(SocketIOServer server, @Nullable EngineIoServer engine) {
		this.server = server;
		this.engine = engine;
	}

	@Override
	public Mono<Health> health() {
		return Mono.fromSupplier(this::currentHealth);
	}

	private Health currentHealth() {
		int sockets = 0;
		int namespaces = 0;
		for (Namespace namespace : this.server.namespaces()) {
			sockets += namespace.sockets().size();
			namespaces++;
		}
		EngineIoServer engine = this.engine;
		Health.Builder builder = (engine != null && engine.isShutdown()) ? Health.down() : Health.up();
		return builder.withDetail("clients", this.server.clientCount())
			.withDetail("sockets", sockets)
			.withDetail("namespaces", namespaces)
			.build();
	}

}
