package io.github.springsocketio.javaclient;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

/**
 * A failure of the client: an acknowledgement lost because the socket disconnected, a
 * connection that could not be established.
 */
public class SocketIOClientException extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message what failed
	 * @param cause the cause, or {@code null}
	 */
	public SocketIOClientException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
