package io.github.springsocketio.javaclient;

import java.io.Serial;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The server refused a namespace: the CONNECT_ERROR packet's message and data (for
 * example {@code Invalid namespace}, or what a middleware passed to {@code next(err)}).
 */
public class SocketIOConnectException extends SocketIOClientException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final transient @Nullable JsonNode data;

	/**
	 * Create an exception.
	 * @param message the error's message
	 * @param data the error's data, or {@code null}
	 */
	public SocketIOConnectException(String message, @Nullable JsonNode data) {
		super(message, null);
		this.data = data;
	}

	/**
	 * Return the data the server attached to the error.
	 * @return the data, or {@code null}
	 */
	public @Nullable JsonNode data() {
		return this.data;
	}

}
