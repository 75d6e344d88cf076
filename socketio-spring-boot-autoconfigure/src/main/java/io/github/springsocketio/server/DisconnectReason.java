package io.github.springsocketio.server;

import io.github.springsocketio.engine.CloseReason;

/**
 * Why a socket was disconnected, with the reference server's names.
 */
public enum DisconnectReason {

	/** The connection failed. */
	TRANSPORT_ERROR("transport error"),

	/** The connection was closed by the client or lost. */
	TRANSPORT_CLOSE("transport close"),

	/** The connection was closed by the server. */
	FORCED_CLOSE("forced close"),

	/** The client did not answer a heartbeat in time. */
	PING_TIMEOUT("ping timeout"),

	/** The client sent a packet that could not be decoded. */
	PARSE_ERROR("parse error"),

	/** The server is shutting down. */
	SERVER_SHUTTING_DOWN("server shutting down"),

	/** The client disconnected the socket from its namespace. */
	CLIENT_NAMESPACE_DISCONNECT("client namespace disconnect"),

	/** The server disconnected the socket with {@code socket.disconnect()}. */
	SERVER_NAMESPACE_DISCONNECT("server namespace disconnect"),

	/** The client did not read its packets fast enough. */
	OUTBOUND_BUFFER_FULL("outbound buffer full");

	private final String description;

	DisconnectReason(String description) {
		this.description = description;
	}

	/**
	 * Return the reason as the reference server names it.
	 * @return e.g. {@code "transport close"}
	 */
	public String description() {
		return this.description;
	}

	/**
	 * Return the socket-level reason of an Engine.IO close.
	 * @param reason the close reason of the connection
	 * @return the disconnect reason
	 */
	static DisconnectReason of(CloseReason reason) {
		return switch (reason) {
			case TRANSPORT_CLOSE -> TRANSPORT_CLOSE;
			case TRANSPORT_ERROR -> TRANSPORT_ERROR;
			case PING_TIMEOUT -> PING_TIMEOUT;
			case PARSE_ERROR -> PARSE_ERROR;
			case FORCED_CLOSE -> FORCED_CLOSE;
			case SERVER_SHUTTING_DOWN -> SERVER_SHUTTING_DOWN;
			case OUTBOUND_BUFFER_FULL -> OUTBOUND_BUFFER_FULL;
		};
	}

	@Override
	public String toString() {
		return this.description;
	}

}
