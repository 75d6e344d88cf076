package io.github.springsocketio.server;

import reactor.core.publisher.Mono;

/**
 * Runs before a socket is admitted to a namespace. Completing empty admits it;
 * failing refuses it with a CONNECT_ERROR carrying the error's message, and its data
 * when the error is a {@link ConnectionRefusedException}.
 */
@FunctionalInterface
public interface ConnectMiddleware {

	/**
	 * Decide about a socket.
	 * @param socket the socket, not yet connected
	 * @return completes to admit, errors to refuse
	 */
	Mono<Void> apply(Socket socket);

}
