package io.github.springsocketio.protocol;

/**
 * Thrown when a Socket.IO packet cannot be decoded. The connection it came from is
 * expected to be closed.
 */
public class PacketParseException extends Exception {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new exception.
	 * @param message the reason
	 */
	public PacketParseException(String message) {
		super(message);
	}

	/**
	 * Create a new exception with a cause.
	 * @param message the reason
	 * @param cause the underlying failure
	 */
	public PacketParseException(String message, Throwable cause) {
		super(message, cause);
	}

}
