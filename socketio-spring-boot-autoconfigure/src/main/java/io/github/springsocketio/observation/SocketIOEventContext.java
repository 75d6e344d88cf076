package io.github.springsocketio.observation;

import io.github.springsocketio.server.Socket;
import io.github.springsocketio.server.SocketEvent;
import io.micrometer.observation.Observation;

/**
 * The context of the handling of an event a client sent: from the moment it passed the
 * socket's middleware until its last handler has finished (returned, its publisher or
 * controller method completed, acknowledgement sent). A child of the socket's
 * connection observation.
 */
public class SocketIOEventContext extends Observation.Context {

	private final SocketEvent event;

	private volatile boolean handled;

	/**
	 * Create the context of an event's handling.
	 * @param event the event
	 */
	public SocketIOEventContext(SocketEvent event) {
		this.event = event;
	}

	/**
	 * Return the event.
	 * @return the event
	 */
	public SocketEvent getEvent() {
		return this.event;
	}

	/**
	 * Return the socket the event came from.
	 * @return the socket
	 */
	public Socket getSocket() {
		return this.event.socket();
	}

	/**
	 * Return the name of the socket's namespace.
	 * @return e.g. {@code /chat}
	 */
	public String getNamespace() {
		return this.event.socket().namespace().name();
	}

	/**
	 * Return whether the event has been handled: every handler has finished, and
	 * {@link #getError()} tells whether one failed.
	 * @return {@code true} when the observation stops
	 */
	public boolean isHandled() {
		return this.handled;
	}

	void setHandled() {
		this.handled = true;
	}

}
