package io.github.springsocketio.engine;

import reactor.core.publisher.Mono;

/**
 * Decides whether a handshake may open a session, like the reference server's
 * {@code allowRequest} option. It is asked for handshakes only (requests without a
 * {@code sid}) and must not block.
 */
@FunctionalInterface
public interface AllowRequest {

	/** Allows every handshake. */
	AllowRequest ALLOW_ALL = (request) -> Mono.just(HandshakeDecision.allow());

	/**
	 * Decide about a handshake.
	 * @param request the handshake request
	 * @return the decision; an error or an empty result refuses the handshake
	 */
	Mono<HandshakeDecision> check(HandshakeRequest request);

}
