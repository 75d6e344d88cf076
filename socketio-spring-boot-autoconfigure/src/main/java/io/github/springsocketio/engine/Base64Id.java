package io.github.springsocketio.engine;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generates the unguessable 20-character URL-safe ids used for Engine.IO sessions
 * and Socket.IO sockets (15 random bytes, base64url without padding).
 */
public final class Base64Id {

	private static final int BYTES = 15;

	private static final SecureRandom RANDOM = new SecureRandom();

	private Base64Id() {
	}

	/**
	 * Generate a new id.
	 * @return 20 characters from {@code [A-Za-z0-9_-]}
	 */
	public static String generate() {
		byte[] bytes = new byte[BYTES];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
