package io.github.springsocketio.adapter;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.github.springsocketio.protocol.Packet;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Room membership and broadcast fan-out for one namespace. Implementations are
 * thread-safe; membership changes and broadcasts never block.
 */
public interface Adapter {

	/**
	 * Add a socket to rooms.
	 * @param socketId the socket
	 * @param rooms the rooms
	 */
	void addAll(String socketId, Set<String> rooms);

	/**
	 * Remove a socket from a room.
	 * @param socketId the socket
	 * @param room the room
	 */
	void del(String socketId, String room);

	/**
	 * Remove a socket from every room.
	 * @param socketId the socket
	 */
	void delAll(String socketId);

	/**
	 * Return the rooms of a local socket.
	 * @param socketId the socket
	 * @return a snapshot, empty if unknown
	 */
	Set<String> socketRooms(String socketId);

	/**
	 * Return the local sockets the options target.
	 * @param options rooms and exclusions (flags ignored)
	 * @return a snapshot of socket ids
	 */
	Set<String> sockets(BroadcastOptions options);

	/**
	 * Return the rooms that have at least one local socket.
	 * @return a snapshot
	 */
	Set<String> rooms();

	/**
	 * Send a packet to every targeted socket, encoding it once.
	 * @param packet the packet (its ack id is ignored)
	 * @param options the targets and flags
	 */
	void broadcast(Packet packet, BroadcastOptions options);

	/**
	 * Send an event to one local socket so that it is kept for connection state
	 * recovery, as the reference does when recovery is on: it gets an offset as last
	 * argument like a broadcast. An adapter that recovers sessions on other nodes stores
	 * it where those nodes find it; by default it is a local broadcast to that socket.
	 * @param socketId the socket
	 * @param packet the event packet
	 */
	default void emitRecoverable(String socketId, Packet packet) {
		broadcast(packet, BroadcastOptions.ALL.withRooms(Set.of(socketId)).withFlags(false, true, true));
	}

	/**
	 * Send a packet to every targeted socket and collect their acknowledgements.
	 * @param packet the packet
	 * @param options the targets and flags; {@code timeout} bounds the wait
	 * @return the acknowledgements' arguments, one array per client; fails with
	 * {@link BroadcastAckTimeoutException} when the timeout passes first
	 */
	Mono<List<JsonNode>> broadcastWithAck(Packet packet, BroadcastOptions options);

	/**
	 * Make the targeted sockets join rooms.
	 * @param options the targets
	 * @param rooms the rooms
	 */
	void addSockets(BroadcastOptions options, Set<String> rooms);

	/**
	 * Make the targeted sockets leave rooms.
	 * @param options the targets
	 * @param rooms the rooms
	 */
	void delSockets(BroadcastOptions options, Set<String> rooms);

	/**
	 * Disconnect the targeted sockets.
	 * @param options the targets
	 * @param close whether to close their connections too
	 */
	void disconnectSockets(BroadcastOptions options, boolean close);

	/**
	 * Return the targeted sockets of the other nodes (the local ones are
	 * {@link #sockets}); a local adapter has none.
	 * @param options the targets; with the {@code local} flag, none
	 * @return the sockets other nodes hold
	 */
	default Mono<List<SocketDetails>> fetchRemoteSockets(BroadcastOptions options) {
		return Mono.just(List.of());
	}

	/**
	 * Send an event to the other nodes of the cluster, not to clients; a local adapter
	 * has no one to send it to.
	 * @param data the event name followed by its arguments
	 */
	default void serverSideEmit(ArrayNode data) {
	}

	/**
	 * Send an event to the other nodes and collect one answer per node.
	 * @param data the event name followed by its arguments
	 * @return the first argument of each node's acknowledgement; empty for a local
	 * adapter
	 */
	default Mono<List<JsonNode>> serverSideEmitWithAck(ArrayNode data) {
		return Mono.just(List.of());
	}

	/**
	 * Return the number of nodes sharing this adapter's namespace.
	 * @return 1 for a local adapter
	 */
	default Mono<Integer> serverCount() {
		return Mono.just(1);
	}

	/**
	 * Keep the state of a socket that lost its connection, for connection state
	 * recovery. Adapters without recovery support ignore it.
	 * @param session the state
	 */
	default void persistSession(PersistedSession session) {
	}

	/**
	 * Forget what may be kept of a socket that left for good (a disconnect that cannot
	 * be recovered from), for adapters that keep sessions of connected sockets.
	 * @param pid the socket's private session id
	 */
	default void discardSession(String pid) {
	}

	/**
	 * Take back a persisted session and the events sent since an offset.
	 * @param pid the private session id the client presented
	 * @param offset the offset of the last event the client received
	 * @return the session, or empty when unknown, expired, or the offset is unknown
	 */
	default Mono<Optional<RestoredSession>> restoreSession(String pid, String offset) {
		return Mono.just(Optional.empty());
	}

	/**
	 * Release the adapter's resources.
	 */
	default void close() {
	}

}
