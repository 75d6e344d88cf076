package io.github.springsocketio.engine;

import org.springframework.http.HttpStatus;

/**
 * Errors answered to Engine.IO requests, with the reference server's codes and
 * messages. The HTTP body is {@code {"code":N,"message":"..."}}.
 */
enum EngineError {

	/** The {@code transport} query parameter is missing or not enabled. */
	UNKNOWN_TRANSPORT(0, "Transport unknown"),

	/** The {@code sid} names no open session. */
	UNKNOWN_SID(1, "Session ID unknown"),

	/** A handshake was attempted with another method than GET. */
	BAD_HANDSHAKE_METHOD(2, "Bad handshake method"),

	/** The request does not fit the session or the protocol. */
	BAD_REQUEST(3, "Bad request"),

	/** The handshake was refused by the application (answered with 403). */
	FORBIDDEN(4, "Forbidden"),

	/** The {@code EIO} query parameter names an unsupported protocol revision. */
	UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version");

	private final int code;

	private final String message;

	EngineError(int code, String message) {
		this.code = code;
		this.message = message;
	}

	/**
	 * Return the numeric code sent in the error body.
	 * @return the code
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Return the default message sent in the error body.
	 * @return the message
	 */
	public String message() {
		return this.message;
	}

	/**
	 * Return the HTTP status of the error response.
	 * @return 403 for {@link #FORBIDDEN}, 400 otherwise
	 */
	public HttpStatus status() {
		return (this == FORBIDDEN) ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST;
	}

}
