package io.github.springsocketio.server;

/**
 * Who may join which namespace and send which event, decided before anything else sees
 * the request: a refused CONNECT is answered with a CONNECT_ERROR
 * {@code {"message":"unauthorized"}}, a refused event is dropped (an acknowledgement
 * the client waits for is answered {@code {"error":"unauthorized"}}) and the socket
 * stays connected. Called on the connection's thread for every CONNECT and event: keep
 * it quick and non-blocking.
 *
 * @see SocketIOServer#setAccessPolicy(AccessPolicy)
 */
public interface AccessPolicy {

	/** The message of a refused CONNECT, and the error of a refused event's acknowledgement. */
	String UNAUTHORIZED = "unauthorized";

	/**
	 * Decide whether a socket may join its namespace.
	 * @param socket the socket, not admitted yet: its namespace and handshake are known
	 * @return {@code true} to go on (to the namespace's middleware)
	 */
	boolean mayConnect(Socket socket);

	/**
	 * Decide whether a socket's client may send an event.
	 * @param socket the socket
	 * @param event the event name
	 * @return {@code true} to hand the event to the listeners
	 */
	boolean mayEmit(Socket socket, String event);

}
