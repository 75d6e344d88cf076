package io.github.springsocketio.engine;

/**
 * Why an Engine.IO session closed, with the reference server's names.
 */
public enum CloseReason {

	/** The client closed the connection or sent a close packet. */
	TRANSPORT_CLOSE("transport close"),

	/** The transport failed (connection lost, protocol misuse, overlapping requests). */
	TRANSPORT_ERROR("transport error"),

	/** The client did not answer a heartbeat in time. */
	PING_TIMEOUT("ping timeout"),

	/** The client sent data that could not be decoded. */
	PARSE_ERROR("parse error"),

	/** The server closed the session. */
	FORCED_CLOSE("forced close"),

	/** The server is shutting down. */
	SERVER_SHUTTING_DOWN("server shutting down"),

	/** The client did not read its packets fast enough and its outbound queue was full. */
	OUTBOUND_BUFFER_FULL("outbound buffer full");

	private final String description;

	CloseReason(String description) {
		this.description = description;
	}

	/**
	 * Return the reason as the reference server names it.
	 * @return the reason's text, e.g. {@code "ping timeout"}
	 */
	public String description() {
		return this.description;
	}

	@Override
	public String toString() {
		return this.description;
	}

}
