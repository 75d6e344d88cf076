package io.github.springsocketio.server;

/**
 * Handles an event synchronously. It runs on the connection's event-loop thread and
 * must not block; use {@link AsyncEventListener} for asynchronous work.
 */
@FunctionalInterface
public interface EventListener {

	/**
	 * Handle an event; acknowledge it with {@link SocketEvent#ack} if needed.
	 * @param event the event
	 */
	void onEvent(SocketEvent event);

}
