package io.github.springsocketio.adapter;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.engine.ProtocolClock;
import io.github.springsocketio.protocol.Packet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * What an adapter needs from the namespace it serves: its name, packet encoding and
 * the local sockets, addressed by id.
 */
public interface AdapterNamespace {

	/**
	 * Return the namespace name.
	 * @return e.g. {@code /chat}
	 */
	String name();

	/**
	 * Encode a packet once for every recipient.
	 * @param packet the packet
	 * @return the Engine.IO messages carrying it (text first, then attachments)
	 */
	List<EnginePacket> encode(Packet packet);

	/**
	 * Write encoded messages to one local socket's connection.
	 * @param socketId the socket
	 * @param messages the messages from {@link #encode}
	 * @param isVolatile whether they may be dropped when the client cannot take them now
	 * @return whether they were queued
	 */
	boolean deliver(String socketId, List<EnginePacket> messages, boolean isVolatile);

	/**
	 * Write encoded messages expecting an acknowledgement with the packet's ack id.
	 * @param socketId the socket
	 * @param messages the messages
	 * @param ackId the ack id the packet carries
	 * @param timeout how long the broadcast waits for acknowledgements (after that the
	 * socket may forget it expects one), or {@code null} for as long as it is connected
	 * @param onAck receives the socket's acknowledgement arguments
	 * @return whether they were queued
	 */
	boolean deliverWithAck(String socketId, List<EnginePacket> messages, long ackId, @Nullable Duration timeout,
			Consumer<JsonNode> onAck);

	/**
	 * Return how long the state of a disconnected socket is kept for connection state
	 * recovery.
	 * @return the window, or {@code null} when recovery is off
	 */
	@Nullable Duration recoveryWindow();

	/**
	 * Return the clock of the server: adapters time acknowledgement and request
	 * timeouts and recovery expiry with it, never with a clock of their own.
	 * @return the clock
	 */
	ProtocolClock clock();

	/**
	 * Describe a local socket for other nodes.
	 * @param socketId the socket
	 * @return its id, handshake, rooms and data, or {@code null} if it is not here
	 */
	@Nullable SocketDetails describe(String socketId);

	/**
	 * Return the state a local connected socket would be persisted with, should its
	 * connection drop now: for adapters that keep it current, so that a crash of this
	 * node loses nothing a client can recover.
	 * @param socketId the socket
	 * @return its id, private session id, rooms and data, or {@code null} when it is not
	 * here or has no private session id (recovery off)
	 */
	@Nullable PersistedSession session(String socketId);

	/**
	 * Hand an event another node sent with {@code serverSideEmit} to this namespace's
	 * listeners.
	 * @param data the event name followed by its arguments
	 * @param ack receives the first argument of the acknowledgement, once, when the
	 * sender wants one; else {@code null}
	 */
	void serverSideEvent(ArrayNode data, @Nullable Consumer<JsonNode> ack);

	/**
	 * Allocate an ack id unique in this namespace.
	 * @return the id
	 */
	long nextAckId();

	/**
	 * Make a local socket join rooms.
	 * @param socketId the socket
	 * @param rooms the rooms
	 */
	void join(String socketId, Set<String> rooms);

	/**
	 * Make a local socket leave rooms.
	 * @param socketId the socket
	 * @param rooms the rooms
	 */
	void leave(String socketId, Set<String> rooms);

	/**
	 * Disconnect a local socket.
	 * @param socketId the socket
	 * @param close whether to close its whole connection
	 */
	void disconnect(String socketId, boolean close);

}
