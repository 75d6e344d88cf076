package io.github.springsocketio.javaclient;

import org.jspecify.annotations.Nullable;

/**
 * A change of a socket's connection, as {@link ClientSocket#states()} reports it.
 *
 * @param status the new status
 * @param reason why: the disconnect reason of the JavaScript client
 * ({@code io server disconnect}, {@code io client disconnect}, {@code ping timeout},
 * {@code transport close}, {@code transport error}, {@code parse error}), the message
 * of a connect error, or {@code null}
 * @param recovered for {@link Status#CONNECTED}, whether the connection state was
 * recovered (the server replayed the missed packets)
 */
public record ConnectionState(Status status, @Nullable String reason, boolean recovered) {

	/**
	 * The status of a socket.
	 */
	public enum Status {

		/** Not connected, not trying to. */
		DISCONNECTED,

		/** Waiting for the connection or for the server's answer to CONNECT. */
		CONNECTING,

		/** Connected to its namespace. */
		CONNECTED,

		/**
		 * The connection attempt failed: refused by the server (the socket stops) or the
		 * Engine.IO connection could not open (the client retries when reconnection is on).
		 */
		CONNECT_ERROR

	}

	static ConnectionState of(Status status) {
		return new ConnectionState(status, null, false);
	}

}
