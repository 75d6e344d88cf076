package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import io.github.springsocketio.adapter.BroadcastAckCollector;
import io.github.springsocketio.adapter.SocketDetails;
import io.github.springsocketio.engine.ProtocolClock;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The requests of one Redis adapter waiting for other nodes, by request id: broadcasts
 * expecting acknowledgements (a client count from each node, then each client's
 * answer) and requests expecting one answer per node ({@code fetchSockets},
 * {@code serverSideEmitWithAck}). What differs between the adapters (message shapes,
 * channels, ids) is given by the caller. Thread-safe.
 */
final class ClusterRequests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final RedisConnections redis;

	private final ProtocolClock clock;

	private final Duration requestTimeout;

	private final Supplier<String> ids;

	private final Map<String, PendingRequest> requests = new ConcurrentHashMap<>();

	private final Map<String, BroadcastAckCollector> ackRequests = new ConcurrentHashMap<>();

	/**
	 * Create the requests of an adapter.
	 * @param redis counts failures and tells Redis is unavailable
	 * @param clock times the waits
	 * @param requestTimeout how long a request waits for every node
	 * @param ids makes request ids
	 */
	ClusterRequests(RedisConnections redis, ProtocolClock clock, Duration requestTimeout, Supplier<String> ids) {
		this.redis = redis;
		this.clock = clock;
		this.requestTimeout = requestTimeout;
		this.ids = ids;
	}

	/**
	 * Broadcast expecting acknowledgements from the clients of every node.
	 * @param nodes the number of nodes, this one included
	 * @param timeout how long to wait for the acknowledgements
	 * @param publish publishes the request with a request id; false when refused
	 * @param local sends to the local clients with an acknowledgement callback, returning
	 * how many were sent to
	 * @return one argument array per client
	 */
	Mono<List<JsonNode>> broadcastWithAck(Mono<Integer> nodes, Duration timeout, Predicate<String> publish,
			ToIntFunction<Consumer<JsonNode>> local) {
		return nodes.flatMap((count) -> {
			String requestId = this.ids.get();
			BroadcastAckCollector collector = new BroadcastAckCollector(Math.max(1, count));
			this.ackRequests.put(requestId, collector);
			if (count > 1 && !publish.test(requestId)) {
				this.ackRequests.remove(requestId);
				return Mono.error(this.redis.unavailable());
			}
			collector.clientCount(local.applyAsInt(collector::ack));
			return collector.result(timeout, this.clock).doFinally((signal) -> this.ackRequests.remove(requestId));
		});
	}

	/**
	 * Ask every other node and gather one answer from each.
	 * @param nodes the number of nodes, this one included
	 * @param fetch whether the answers are socket lists
	 * @param operation the operation, for errors
	 * @param publish publishes the request with a request id; false when refused
	 * @return the answers
	 */
	Mono<List<JsonNode>> request(Mono<Integer> nodes, boolean fetch, String operation, Predicate<String> publish) {
		return nodes.flatMap((count) -> {
			int expected = count - 1;
			if (expected <= 0) {
				return Mono.just(List.<JsonNode>of());
			}
			String requestId = this.ids.get();
			PendingRequest pending = new PendingRequest(fetch, expected);
			this.requests.put(requestId, pending);
			if (!publish.test(requestId)) {
				this.requests.remove(requestId);
				return Mono.<List<JsonNode>>error(this.redis.unavailable());
			}
			return pending.result(this.requestTimeout, this.clock, this.redis, operation)
				.doFinally((signal) -> this.requests.remove(requestId));
		});
	}

	/**
	 * Return whether a broadcast expecting acknowledgements is this adapter's own.
	 * @param requestId its request id
	 * @return whether it waits here
	 */
	boolean isWaitingForAcks(String requestId) {
		return this.ackRequests.containsKey(requestId);
	}

	/**
	 * Record a node's client count of a broadcast expecting acknowledgements.
	 * @param requestId the request id
	 * @param clients the count
	 */
	void clientCount(String requestId, int clients) {
		BroadcastAckCollector collector = this.ackRequests.get(requestId);
		if (collector != null) {
			collector.clientCount(clients);
		}
	}

	/**
	 * Record a client's acknowledgement of a broadcast.
	 * @param requestId the request id
	 * @param value its (first) argument, or {@code null} for none
	 */
	void ack(String requestId, @Nullable JsonNode value) {
		BroadcastAckCollector collector = this.ackRequests.get(requestId);
		if (collector != null) {
			ArrayNode args = NODES.arrayNode(1);
			if (value != null) {
				args.add(value);
			}
			collector.ack(args);
		}
	}

	/**
	 * Record a node's answer to a request.
	 * @param requestId the request id
	 * @param sockets the sockets, when it answers a fetch
	 * @param data the acknowledgement's argument, when it answers a server-side emit
	 */
	void answer(String requestId, @Nullable JsonNode sockets, @Nullable JsonNode data) {
		PendingRequest pending = this.requests.get(requestId);
		if (pending == null) {
			return;
		}
		if (pending.isFetch()) {
			if (sockets != null && sockets.isArray()) {
				pending.answer(sockets);
			}
		}
		else if (sockets == null) {
			pending.answer((data != null) ? data : NODES.nullNode());
		}
	}

	/**
	 * Fail the requests waiting and forget them.
	 * @param error what they fail with
	 */
	void close(Throwable error) {
		this.requests.values().forEach((pending) -> pending.fail(error));
		this.requests.clear();
		this.ackRequests.clear();
	}

	/**
	 * Read the socket lists of the answers to a fetch.
	 * @param answers one list per node
	 * @return the sockets
	 */
	static List<SocketDetails> sockets(List<JsonNode> answers) {
		List<SocketDetails> sockets = new ArrayList<>();
		for (JsonNode answer : answers) {
			for (JsonNode socket : answer) {
				SocketDetails details = ClusterMessages.readSocket(socket);
				if (details != null) {
					sockets.add(details);
				}
			}
		}
		return sockets;
	}

	/**
	 * Wrap an acknowledgement so that only its first call answers.
	 * @param answer sends the answer
	 * @return the acknowledgement
	 */
	static Consumer<JsonNode> once(Consumer<JsonNode> answer) {
		AtomicBoolean answered = new AtomicBoolean();
		return (value) -> {
			if (answered.compareAndSet(false, true)) {
				answer.accept(value);
			}
		};
	}

}
