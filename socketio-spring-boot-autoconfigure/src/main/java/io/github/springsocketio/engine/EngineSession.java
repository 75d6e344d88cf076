package io.github.springsocketio.engine;

/**
 * One Engine.IO session, as the layer above sees it. Thread-safe.
 */
public interface EngineSession {

	/**
	 * Return the session id (the {@code sid} of the handshake).
	 * @return the 20-character id
	 */
	String id();

	/**
	 * Return the protocol revision the client speaks.
	 * @return 4 or 3
	 */
	int protocolVersion();

	/**
	 * Return the transport in use (it changes once on an upgrade).
	 * @return the current transport
	 */
	EngineTransport transport();

	/**
	 * Return the request that opened the session.
	 * @return the handshake request
	 */
	HandshakeRequest handshake();

	/**
	 * Return whether the session is open: messages can be sent.
	 * @return {@code true} until the session starts closing
	 */
	boolean isOpen();

	/**
	 * Queue a text message.
	 * @param text the message
	 * @return {@code true} if queued, {@code false} if the session is closed or its
	 * outbound queue was full (the session is then closed)
	 */
	default boolean send(String text) {
		return send(EnginePacket.message(text));
	}

	/**
	 * Queue a binary message. The array is shared, not copied.
	 * @param data the message
	 * @return {@code true} if queued
	 */
	default boolean send(byte[] data) {
		return send(EnginePacket.binary(data));
	}

	/**
	 * Queue a message packet. The same packet may be sent to many sessions; it is
	 * encoded once.
	 * @param packet a {@link EnginePacketType#MESSAGE} packet
	 * @return {@code true} if queued, {@code false} if the session is closed or its
	 * outbound queue was full (the session is then closed)
	 */
	boolean send(EnginePacket packet);

	/**
	 * Queue several message packets at once, with nothing of other senders in between
	 * (a Socket.IO packet and its binary attachments).
	 * @param packets {@link EnginePacketType#MESSAGE} packets
	 * @param isVolatile whether to drop them instead when the client cannot take them
	 * right away (no polling request waiting, or a WebSocket with a backlog)
	 * @return {@code true} if queued
	 */
	boolean send(java.util.List<EnginePacket> packets, boolean isVolatile);

	/**
	 * Close the session: queued packets are still delivered, then the transport is
	 * closed and the handler sees {@link CloseReason#FORCED_CLOSE}.
	 */
	void close();

}
