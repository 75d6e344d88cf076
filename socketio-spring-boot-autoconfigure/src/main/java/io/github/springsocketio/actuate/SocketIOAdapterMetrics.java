package io.github.springsocketio.actuate;

import io.github.springsocketio.adapter.AdapterStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of a distributed adapter, tagged with its name ({@code adapter=redis}):
 * {@code socketio.adapter.failures} counts cluster operations that failed (publishes
 * refused or dropped while Redis is unreachable or too many wait, requests that failed
 * or timed out), {@code socketio.adapter.connected} is 1 while the other nodes can be
 * reached, else 0.
 */
public final class SocketIOAdapterMetrics implements MeterBinder {

	private final AdapterStatus status;

	/**
	 * Create the binder.
	 * @param status the adapter's state
	 */
	public SocketIOAdapterMetrics(AdapterStatus status) {
		this.status = status;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder("socketio.adapter.failures", this.status, AdapterStatus::failures)
			.description("Cluster operations of the adapter that failed")
			.tag("adapter", this.status.name())
			.register(registry);
		Gauge.builder("socketio.adapter.connected", this.status, (status) -> status.isAvailable() ? 1 : 0)
			.description("Whether the adapter reaches the other nodes (1) or not (0)")
			.tag("adapter", this.status.name())
			.register(registry);
	}

}
