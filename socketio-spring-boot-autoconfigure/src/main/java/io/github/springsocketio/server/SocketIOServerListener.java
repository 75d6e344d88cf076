package io.github.springsocketio.server;

import io.github.springsocketio.engine.EngineTransport;
import io.github.springsocketio.protocol.PacketType;

/**
 * Observes a {@link SocketIOServer}: connections, sockets, packets, acknowledgements
 * and failing handlers, for metrics and diagnostics. Register it with
 * {@link SocketIOServer#addListener}.
 * <p>
 * Every method has a no-op default. Methods are called on Netty event-loop threads
 * (or the threads of asynchronous handlers), concurrently for different connections:
 * implementations must be thread-safe, fast and must not block. An exception thrown
 * by a listener is logged and otherwise ignored.
 */
public interface SocketIOServerListener {

	/**
	 * An Engine.IO connection opened (before any socket connects on it).
	 * @param sessionId the Engine.IO session id
	 * @param transport the transport it opened with
	 */
	default void onClientConnected(String sessionId, EngineTransport transport) {
	}

	/**
	 * An Engine.IO connection closed; its sockets have already disconnected.
	 * @param sessionId the Engine.IO session id
	 * @param transport the transport it used last
	 * @param reason why it closed
	 */
	default void onClientDisconnected(String sessionId, EngineTransport transport, DisconnectReason reason) {
	}

	/**
	 * A socket connected to a namespace: the CONNECT packet has been queued, the
	 * namespace's connection listeners have not run yet.
	 * @param socket the socket
	 */
	default void onSocketConnected(Socket socket) {
	}

	/**
	 * A socket disconnected: it has left its rooms and its namespace, its disconnect
	 * listeners have not run yet.
	 * @param socket the socket
	 * @param reason why
	 */
	default void onSocketDisconnected(Socket socket, DisconnectReason reason) {
	}

	/**
	 * A Socket.IO packet arrived, binary attachments reassembled.
	 * @param type the packet type
	 * @param bytes size of its Engine.IO messages' data (UTF-8 text plus attachments),
	 * without Engine.IO framing
	 */
	default void onPacketReceived(PacketType type, long bytes) {
	}

	/**
	 * A Socket.IO packet was queued for one client (a broadcast counts once per
	 * recipient; a volatile packet that was dropped is not reported).
	 * @param type the packet type
	 * @param bytes size of its Engine.IO messages' data (UTF-8 text plus attachments),
	 * without Engine.IO framing
	 */
	default void onPacketSent(PacketType type, long bytes) {
	}

	/**
	 * A client acknowledged an event the server emitted with an acknowledgement
	 * ({@code emitWithAck}, also for broadcasts).
	 * @param socket the socket that answered
	 * @param nanos time from queueing the event to receiving the acknowledgement
	 */
	default void onAckReceived(Socket socket, long nanos) {
	}

	/**
	 * An event listener failed: it threw, or its {@code Mono} ended with an error.
	 * @param socket the socket the event came from
	 * @param event the event name
	 * @param error the failure
	 */
	default void onHandlerError(Socket socket, String event, Throwable error) {
	}

}
