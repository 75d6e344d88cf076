package io.github.springsocketio.server;

import org.jspecify.annotations.Nullable;

/**
 * Refuses a connection from a {@link ConnectMiddleware}: the client receives a
 * CONNECT_ERROR {@code {"message": ..., "data": ...}}.
 */
public class ConnectionRefusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient @Nullable Object data;

	/**
	 * Refuse with a message.
	 * @param message the message
	 */
	public ConnectionRefusedException(String message) {
		this(message, null);
	}

	/**
	 * Refuse with a message and additional data.
	 * @param message the message
	 * @param data the data, converted with the server's {@code JsonMapper}
	 */
	public ConnectionRefusedException(String message, @Nullable Object data) {
		super(message, null, false, false);
		this.data = data;
	}

	/**
	 * Return the additional data.
	 * @return the data, or {@code null}
	 */
	public @Nullable Object getData() {
		return this.data;
	}

}
