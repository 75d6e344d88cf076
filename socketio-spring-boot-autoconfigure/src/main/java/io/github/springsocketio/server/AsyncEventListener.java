package io.github.springsocketio.server;

import reactor.core.publisher.Mono;

/**
 * Handles an event asynchronously: the returned {@code Mono} is subscribed to and the
 * socket moves on to its next event at once. Its value, if any, becomes the
 * acknowledgement's single argument when the client asked for one.
 */
@FunctionalInterface
public interface AsyncEventListener {

	/**
	 * Handle an event.
	 * @param event the event
	 * @return the acknowledgement value, empty for none
	 */
	Mono<?> onEvent(SocketEvent event);

}
