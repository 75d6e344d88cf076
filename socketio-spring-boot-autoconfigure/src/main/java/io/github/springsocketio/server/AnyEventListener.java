package io.github.springsocketio.server;

import tools.jackson.databind.node.ArrayNode;

/**
 * Sees every event of a socket, incoming ({@code onAny}) or outgoing
 * ({@code onAnyOutgoing}). Runs on the calling thread and must not block.
 */
@FunctionalInterface
public interface AnyEventListener {

	/**
	 * Observe an event.
	 * @param event the event name
	 * @param args its arguments
	 */
	void onEvent(String event, ArrayNode args);

}
