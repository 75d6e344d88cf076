package io.github.springsocketio.adapter;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Not every client acknowledged a broadcast in time; carries the acknowledgements
 * that did arrive.
 */
public class BroadcastAckTimeoutException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<JsonNode> responses;

	private final int expected;

	/**
	 * Create the exception.
	 * @param responses the acknowledgements received in time
	 * @param expected how many clients were expected to answer
	 */
	public BroadcastAckTimeoutException(List<JsonNode> responses, int expected) {
		super("operation has timed out: " + responses.size() + " of " + expected + " clients acknowledged");
		this.responses = List.copyOf(responses);
		this.expected = expected;
	}

	/**
	 * Return the acknowledgements received in time.
	 * @return one argument array per client
	 */
	public List<JsonNode> responses() {
		return this.responses;
	}

	/**
	 * Return how many clients were expected to answer.
	 * @return the count
	 */
	public int expected() {
		return this.expected;
	}

}
