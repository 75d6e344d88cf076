package io.github.springsocketio.adapter.redis;

/**
 * A cluster operation of the Redis adapter failed: Redis cannot be reached, too many
 * publishes wait for it, or the other nodes did not answer in time.
 */
public class RedisAdapterException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message what failed
	 */
	public RedisAdapterException(String message) {
		super(message);
	}

	/**
	 * Create the exception.
	 * @param message what failed
	 * @param cause why
	 */
	public RedisAdapterException(String message, Throwable cause) {
		super(message, cause);
	}

}
