package io.github.springsocketio.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.springsocketio.engine.ProtocolClock;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;

/**
 * Gathers the acknowledgements of a broadcast that expects them: each node taking part
 * reports how many clients it sent the packet to, then each client's answer arrives.
 * Complete once every node reported and every client answered. Thread-safe.
 */
public final class BroadcastAckCollector {

	private final List<JsonNode> responses = new ArrayList<>();

	private final Sinks.One<List<JsonNode>> result = Sinks.one();

	private int pendingNodes;

	private int expectedClients;

	/**
	 * Create a collector.
	 * @param nodes how many nodes will report a client count (this one included)
	 */
	public BroadcastAckCollector(int nodes) {
		this.pendingNodes = nodes;
	}

	/**
	 * Record one node's number of clients.
	 * @param clients how many clients that node sent the packet to
	 */
	public void clientCount(int clients) {
		synchronized (this.responses) {
			this.pendingNodes--;
			this.expectedClients += clients;
			completeIfDone();
		}
	}

	/**
	 * Record one client's acknowledgement.
	 * @param args its arguments
	 */
	public void ack(JsonNode args) {
		synchronized (this.responses) {
			this.responses.add(args);
			completeIfDone();
		}
	}

	private void completeIfDone() {
		if (this.pendingNodes <= 0 && this.responses.size() >= this.expectedClients) {
			this.result.tryEmitValue(List.copyOf(this.responses));
		}
	}

	/**
	 * Return the acknowledgements once complete.
	 * @param timeout how long to wait, or {@code null} for no limit
	 * @param clock times the wait
	 * @return one argument array per client; fails with
	 * {@link BroadcastAckTimeoutException} holding what arrived when the time passes
	 */
	public Mono<List<JsonNode>> result(@Nullable Duration timeout, ProtocolClock clock) {
		Mono<List<JsonNode>> all = this.result.asMono();
		if (timeout == null) {
			return all;
		}
		return all.timeout(timeout, Mono.defer(() -> {
			synchronized (this.responses) {
				return Mono.error(new BroadcastAckTimeoutException(new ArrayList<>(this.responses),
						this.expectedClients));
			}
		}), clock.scheduler());
	}

}
