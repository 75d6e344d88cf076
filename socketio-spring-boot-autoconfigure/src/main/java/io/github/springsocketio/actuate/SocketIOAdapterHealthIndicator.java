package io.github.springsocketio.actuate;

import io.github.springsocketio.adapter.AdapterStatus;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

/**
 * Health of a distributed adapter ({@code socketioAdapter}): {@code UP} while the
 * other nodes can be reached, {@code DOWN} while they cannot (local delivery still
 * works then; leave this contributor out of a readiness group if a node cut off from
 * Redis should keep taking traffic). Reads state only, never blocks.
 */
public final class SocketIOAdapterHealthIndicator implements ReactiveHealthIndicator {

	private final AdapterStatus status;

	/**
	 * Create the indicator.
	 * @param status the adapter's state
	 */
	public SocketIOAdapterHealthIndicator(AdapterStatus status) {
		this.status = status;
	}

	@Override
	public Mono<Health> health() {
		return Mono.fromSupplier(() -> (this.status.isAvailable() ? Health.up() : Health.down())
			.withDetails(this.status.details())
			.build());
	}

}
