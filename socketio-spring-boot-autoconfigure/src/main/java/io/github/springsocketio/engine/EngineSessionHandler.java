package io.github.springsocketio.engine;

/**
 * The seam between Engine.IO and the layer above it. One handler serves every session
 * of an {@link EngineIoServer}.
 * <p>
 * Callbacks of one session are never invoked concurrently and arrive in order:
 * {@link #onOpen}, then messages, then exactly one {@link #onClose}. They run on
 * Netty event-loop threads and must not block.
 */
public interface EngineSessionHandler {

	/**
	 * A session opened; the open packet has been queued and the handler may send.
	 * @param session the session
	 */
	void onOpen(EngineSession session);

	/**
	 * A text message arrived.
	 * @param session the session
	 * @param text the message
	 */
	void onMessage(EngineSession session, String text);

	/**
	 * A binary message arrived.
	 * @param session the session
	 * @param data the message (owned by the handler)
	 */
	void onBinary(EngineSession session, byte[] data);

	/**
	 * The session closed; nothing more can be sent.
	 * @param session the session
	 * @param reason why it closed
	 */
	void onClose(EngineSession session, CloseReason reason);

}
