package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.springsocketio.engine.ProtocolClock;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;

/**
 * A request to the other nodes ({@code fetchSockets}, {@code serverSideEmitWithAck})
 * waiting for one answer from each of a number of nodes. Thread-safe.
 */
final class PendingRequest {

	private final boolean fetch;

	private final int expected;

	private final List<JsonNode> answers = new ArrayList<>();

	private final Sinks.One<List<JsonNode>> result = Sinks.one();

	/**
	 * Create a request.
	 * @param fetch whether its answers are socket lists (a {@code fetchSockets})
	 * @param expected how many nodes answer
	 */
	PendingRequest(boolean fetch, int expected) {
		this.fetch = fetch;
		this.expected = expected;
	}

	boolean isFetch() {
		return this.fetch;
	}

	void answer(JsonNode answer) {
		synchronized (this.answers) {
			this.answers.add(answer);
			if (this.answers.size() == this.expected) {
				this.result.tryEmitValue(List.copyOf(this.answers));
			}
		}
	}

	void fail(Throwable error) {
		this.result.tryEmitError(error);
	}

	/**
	 * Return the answers once every node answered.
	 * @param timeout how long to wait
	 * @param clock times the wait
	 * @param redis counts a timeout as a failure
	 * @param operation the operation, for the error
	 * @return the answers, or a {@link RedisAdapterException} when the time passes first
	 */
	Mono<List<JsonNode>> result(Duration timeout, ProtocolClock clock, RedisConnections redis, String operation) {
		return this.result.asMono().timeout(timeout, Mono.defer(() -> {
			redis.recordFailure(operation + " timed out");
			int received;
			synchronized (this.answers) {
				received = this.answers.size();
			}
			return Mono.error(new RedisAdapterException("timeout reached while waiting for " + operation
					+ " response: " + received + " of " + this.expected + " nodes answered within "
					+ timeout.toMillis() + " ms"));
		}), clock.scheduler());
	}

}
