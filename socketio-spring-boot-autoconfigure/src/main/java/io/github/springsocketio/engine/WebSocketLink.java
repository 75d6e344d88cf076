package io.github.springsocketio.engine;

/**
 * A WebSocket as a {@link SessionCore} drives it: the session's transport, or a probe
 * during an upgrade. Every method is safe to call from any thread and never blocks.
 */
interface WebSocketLink {

	/**
	 * Packets were queued in the session: take them as the writer's demand allows.
	 */
	void drain();

	/**
	 * Send a frame ahead of the session's queue (the upgrade handshake).
	 * @param packet the packet
	 */
	void sendDirect(EnginePacket packet);

	/**
	 * Close once the frames already handed over are written.
	 */
	void close();

	/**
	 * Return how many more frames the writer can take now.
	 * @return the outstanding demand, {@code 0} once closing
	 */
	long demand();

}
