package io.github.springsocketio.engine;

import org.jspecify.annotations.Nullable;

/**
 * The Engine.IO transports.
 */
public enum EngineTransport {

	/** HTTP long-polling. */
	POLLING("polling"),

	/** WebSocket. */
	WEBSOCKET("websocket");

	private final String queryValue;

	EngineTransport(String queryValue) {
		this.queryValue = queryValue;
	}

	/**
	 * Return the name of the transport as the {@code transport} query parameter and the
	 * handshake's {@code upgrades} list give it.
	 * @return the name
	 */
	public String queryValue() {
		return this.queryValue;
	}

	/**
	 * Return the transport of a {@code transport} query parameter.
	 * @param value the parameter value
	 * @return the transport, or {@code null} if unknown
	 */
	public static @Nullable EngineTransport fromQueryValue(@Nullable String value) {
		for (EngineTransport transport : values()) {
			if (transport.queryValue.equals(value)) {
				return transport;
			}
		}
		return null;
	}

}
