package io.github.springsocketio.adapter;

import java.util.Map;

/**
 * The state of a distributed adapter's link to the other nodes, for health checks and
 * metrics. Reads never block.
 */
public interface AdapterStatus {

	/**
	 * Return the adapter's name.
	 * @return e.g. {@code redis}
	 */
	String name();

	/**
	 * Return whether the other nodes can be reached now.
	 * @return whether cluster operations can work
	 */
	boolean isAvailable();

	/**
	 * Return how many cluster operations failed (publishes dropped or refused, requests
	 * that failed or timed out) since the start.
	 * @return the count, monotonic
	 */
	long failures();

	/**
	 * Return details for the health endpoint.
	 * @return names and values
	 */
	Map<String, Object> details();

}
