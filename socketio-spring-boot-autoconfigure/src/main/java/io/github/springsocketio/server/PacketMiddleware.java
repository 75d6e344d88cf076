package io.github.springsocketio.server;

import reactor.core.publisher.Mono;

/**
 * Runs before every incoming event of a socket ({@code socket.use}). Completing empty
 * lets the event through; failing drops it and hands the error to the socket's error
 * listeners.
 */
@FunctionalInterface
public interface PacketMiddleware {

	/**
	 * Inspect an event.
	 * @param event the event
	 * @return completes to continue, errors to drop the event
	 */
	Mono<Void> apply(SocketEvent event);

}
