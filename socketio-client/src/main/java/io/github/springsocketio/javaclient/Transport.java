package io.github.springsocketio.javaclient;

/**
 * The Engine.IO transports the client can use.
 */
public enum Transport {

	/** HTTP long-polling. */
	POLLING("polling"),

	/** WebSocket. */
	WEBSOCKET("websocket");

	private final String wireName;

	Transport(String wireName) {
		this.wireName = wireName;
	}

	/**
	 * Return the name of the transport in the {@code transport} query parameter.
	 * @return {@code polling} or {@code websocket}
	 */
	public String wireName() {
		return this.wireName;
	}

}
