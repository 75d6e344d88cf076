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

	/**
	 * Return whether this listener handles events of a name: a listener of a namespace's
	 * every event that ignores some tells which, so that only handled events are
	 * observed (see {@link HandlingObserver}), and event names a client makes up do not
	 * become metric tags.
	 * @param event the event name
	 * @return {@code true} (the default) if the listener handles it
	 */
	default boolean handles(String event) {
		return true;
	}

}
