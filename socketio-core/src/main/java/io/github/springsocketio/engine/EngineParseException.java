package io.github.springsocketio.engine;

/**
 * Thrown by the Engine.IO codecs when input does not follow the protocol.
 */
public class EngineParseException extends Exception {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception with a description of what was wrong.
	 * @param message the description
	 */
	public EngineParseException(String message) {
		super(message);
	}

}
