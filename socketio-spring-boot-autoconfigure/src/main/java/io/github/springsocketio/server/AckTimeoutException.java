package io.github.springsocketio.server;

/**
 * The client did not acknowledge an event in time, or was disconnected first.
 */
public class AckTimeoutException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message what happened
	 */
	public AckTimeoutException(String message) {
		super(message, null, false, false);
	}

}
