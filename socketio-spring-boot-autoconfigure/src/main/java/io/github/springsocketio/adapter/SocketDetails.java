package io.github.springsocketio.adapter;

import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * A socket as other nodes see it: what a distributed {@code fetchSockets} carries.
 *
 * @param id the socket id
 * @param handshake the handshake in the reference's JSON form ({@code headers},
 * {@code time}, {@code address}, {@code xdomain}, {@code secure}, {@code issued},
 * {@code url}, {@code query}, {@code auth})
 * @param rooms the socket's rooms, its own id included
 * @param data the socket's application data as JSON
 */
public record SocketDetails(String id, JsonNode handshake, Set<String> rooms, JsonNode data) {

	/**
	 * Create details; the room set is copied.
	 */
	public SocketDetails {
		rooms = Set.copyOf(rooms);
	}

}
