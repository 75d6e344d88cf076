package io.github.springsocketio.engine;

/**
 * An encoded HTTP long-polling response body and its content type.
 *
 * @param body the bytes to send
 * @param contentType the {@code Content-Type} header value
 */
public record PollingPayload(byte[] body, String contentType) {

	/** Content type of text payloads, as the reference server sends it. */
	public static final String TEXT = "text/plain; charset=UTF-8";

	/** Content type of Engine.IO v3 binary payloads. */
	public static final String BINARY = "application/octet-stream";

}
