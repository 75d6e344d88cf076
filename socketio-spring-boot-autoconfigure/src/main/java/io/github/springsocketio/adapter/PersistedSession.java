package io.github.springsocketio.adapter;

import java.util.Map;
import java.util.Set;

/**
 * What is kept of a socket that lost its connection, for connection state recovery.
 *
 * @param sid the socket id
 * @param pid the private session id the client presents to recover
 * @param rooms the socket's rooms
 * @param data the socket's attributes
 */
public record PersistedSession(String sid, String pid, Set<String> rooms, Map<String, Object> data) {

	/**
	 * Copy the collections.
	 */
	public PersistedSession {
		rooms = Set.copyOf(rooms);
		data = Map.copyOf(data);
	}

}
