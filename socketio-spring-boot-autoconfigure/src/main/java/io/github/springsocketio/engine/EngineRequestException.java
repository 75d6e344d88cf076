package io.github.springsocketio.engine;

/**
 * Ends an Engine.IO HTTP request with one of the reference's error responses.
 */
final class EngineRequestException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final EngineError error;

	EngineRequestException(EngineError error) {
		super(error.message(), null, false, false);
		this.error = error;
	}

	EngineError error() {
		return this.error;
	}

}
