package io.github.springsocketio.adapter;

import java.util.List;

import tools.jackson.databind.node.ArrayNode;

/**
 * A recovered session: the persisted state and the events the client missed, in order.
 *
 * @param session the persisted state
 * @param missedEvents the data of each missed event packet (name, arguments, offset)
 */
public record RestoredSession(PersistedSession session, List<ArrayNode> missedEvents) {

	/**
	 * Copy the list.
	 */
	public RestoredSession {
		missedEvents = List.copyOf(missedEvents);
	}

}
