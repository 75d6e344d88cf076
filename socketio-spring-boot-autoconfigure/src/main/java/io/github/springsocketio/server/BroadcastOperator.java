package io.github.springsocketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.springsocketio.adapter.BroadcastOptions;
import io.github.springsocketio.adapter.SocketDetails;
import io.github.springsocketio.protocol.Packet;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Targets sockets of a namespace for a broadcast. Immutable: every operator returns a
 * new instance, so a prepared operator can be shared and reused.
 */
public final class BroadcastOperator {

	private final Namespace namespace;

	private final BroadcastOptions options;

	BroadcastOperator(Namespace namespace, BroadcastOptions options) {
		this.namespace = namespace;
		this.options = options;
	}

	/**
	 * Return the targeting and flags.
	 * @return the options
	 */
	public BroadcastOptions options() {
		return this.options;
	}

	/**
	 * Also target the sockets in rooms.
	 * @param rooms the rooms
	 * @return a new operator
	 */
	public BroadcastOperator to(String... rooms) {
		Set<String> targets = new HashSet<>(this.options.rooms());
		targets.addAll(List.of(rooms));
		return with(this.options.withRooms(targets));
	}

	/**
	 * Same as {@link #to}.
	 * @param rooms the rooms
	 * @return a new operator
	 */
	public BroadcastOperator in(String... rooms) {
		return to(rooms);
	}

	/**
	 * Leave out the sockets in rooms.
	 * @param rooms the rooms
	 * @return a new operator
	 */
	public BroadcastOperator except(String... rooms) {
		Set<String> excluded = new HashSet<>(this.options.except());
		excluded.addAll(List.of(rooms));
		return with(this.options.withExcept(excluded));
	}

	/**
	 * Drop the packet for clients that cannot take it right away.
	 * @return a new operator
	 */
	public BroadcastOperator volatileOnly() {
		return with(this.options.withFlags(true, this.options.compress(), this.options.local()));
	}

	/**
	 * Set whether the packet may be compressed.
	 * @param compress the flag
	 * @return a new operator
	 */
	public BroadcastOperator compress(boolean compress) {
		return with(this.options.withFlags(this.options.isVolatile(), compress, this.options.local()));
	}

	/**
	 * Keep the broadcast on this node.
	 * @return a new operator
	 */
	public BroadcastOperator local() {
		return with(this.options.withFlags(this.options.isVolatile(), this.options.compress(), true));
	}

	/**
	 * Bound the wait for acknowledgements.
	 * @param timeout the time limit
	 * @return a new operator
	 */
	public BroadcastOperator timeout(Duration timeout) {
		return with(this.options.withTimeout(timeout));
	}

	private BroadcastOperator with(BroadcastOptions options) {
		return new BroadcastOperator(this.namespace, options);
	}

	/**
	 * Emit an event to every targeted socket; the packet is encoded once.
	 * @param event the event name
	 * @param args the arguments
	 */
	public void emit(String event, @Nullable Object... args) {
		emitArgs(event, this.namespace.payloads().toArgs(args));
	}

	/**
	 * Emit an event with ready-made arguments.
	 * @param event the event name
	 * @param args the arguments, one element per argument
	 */
	public void emitArgs(String event, ArrayNode args) {
		Packet packet = Packet.event(this.namespace.name(), this.namespace.payloads().eventData(event, args),
				Packet.NO_ACK);
		this.namespace.adapter().broadcast(packet, this.options);
	}

	/**
	 * Emit an event to every targeted socket and collect every client's
	 * acknowledgement; use {@link #timeout} to bound the wait.
	 * @param event the event name
	 * @param args the arguments
	 * @return one argument array per client; fails with
	 * {@link io.github.springsocketio.adapter.BroadcastAckTimeoutException} (holding the
	 * answers received) when the timeout passes first
	 */
	public Mono<List<JsonNode>> emitWithAck(String event, @Nullable Object... args) {
		ArrayNode data = this.namespace.payloads().eventData(event, this.namespace.payloads().toArgs(args));
		return this.namespace.adapter()
			.broadcastWithAck(Packet.event(this.namespace.name(), data, Packet.NO_ACK), this.options);
	}

	/**
	 * Return the targeted sockets of the whole cluster: this node's first, then those
	 * other nodes hold (with a distributed adapter, unless {@link #local()}).
	 * @return the sockets; fails when another node cannot be asked (adapter unavailable,
	 * request timeout)
	 */
	public Mono<List<RemoteSocket>> fetchSockets() {
		return Mono.defer(() -> {
			List<RemoteSocket> sockets = new ArrayList<>();
			for (String id : this.namespace.adapter().sockets(this.options)) {
				Socket socket = this.namespace.socket(id);
				if (socket != null) {
					sockets.add(RemoteSocket.local(socket));
				}
			}
			return this.namespace.adapter().fetchRemoteSockets(this.options).map((remote) -> {
				for (SocketDetails details : remote) {
					sockets.add(RemoteSocket.remote(this.namespace, details));
				}
				return sockets;
			});
		});
	}

	/**
	 * Make the targeted sockets join rooms.
	 * @param rooms the rooms
	 */
	public void socketsJoin(String... rooms) {
		this.namespace.adapter().addSockets(this.options, Set.of(rooms));
	}

	/**
	 * Make the targeted sockets leave rooms.
	 * @param rooms the rooms
	 */
	public void socketsLeave(String... rooms) {
		this.namespace.adapter().delSockets(this.options, Set.of(rooms));
	}

	/**
	 * Disconnect the targeted sockets.
	 * @param close whether to close their connections too
	 */
	public void disconnectSockets(boolean close) {
		this.namespace.adapter().disconnectSockets(this.options, close);
	}

}
