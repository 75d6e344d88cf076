package io.github.springsocketio.security;

import io.github.springsocketio.server.Handshake;
import org.jspecify.annotations.Nullable;

/**
 * What a Socket.IO authorization rule decides on: a socket joining a namespace (no
 * event), or a socket's client sending an event.
 *
 * @param namespace the namespace, e.g. {@code /chat}
 * @param event the event name, {@code null} for joining the namespace
 * @param handshake the socket's handshake (headers, query, auth payload, address)
 */
public record SocketIOAccess(String namespace, @Nullable String event, Handshake handshake) {

	/**
	 * Return whether this is a socket joining its namespace.
	 * @return {@code true} for a CONNECT, {@code false} for an event
	 */
	public boolean isConnect() {
		return this.event == null;
	}

}
