package io.github.springsocketio.engine;

import org.jspecify.annotations.Nullable;

/**
 * The answer of an {@link AllowRequest} hook.
 *
 * @param allowed whether the handshake may go on
 * @param message the refusal message sent in the 403 body, or {@code null} for the
 * default {@code "Forbidden"}
 */
public record HandshakeDecision(boolean allowed, @Nullable String message) {

	private static final HandshakeDecision ALLOW = new HandshakeDecision(true, null);

	/**
	 * Let the handshake go on.
	 * @return the decision
	 */
	public static HandshakeDecision allow() {
		return ALLOW;
	}

	/**
	 * Refuse the handshake with HTTP 403 and {@code {"code":4,"message":...}}.
	 * @param message the message, or {@code null} for {@code "Forbidden"}
	 * @return the decision
	 */
	public static HandshakeDecision refuse(@Nullable String message) {
		return new HandshakeDecision(false, message);
	}

}
