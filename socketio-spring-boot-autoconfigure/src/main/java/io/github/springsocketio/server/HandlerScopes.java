package io.github.springsocketio.server;

import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The {@link HandlerScope}s of a server, applied in registration order and undone in
 * reverse. Held in an array swapped on change: with none, opening costs a volatile read
 * and allocates nothing.
 */
final class HandlerScopes implements HandlerScope {

	private static final Logger logger = LoggerFactory.getLogger(HandlerScopes.class);

	private static final HandlerScope[] NONE = {};

	private volatile HandlerScope[] scopes = NONE;

	synchronized void add(HandlerScope scope) {
		HandlerScope[] current = this.scopes;
		HandlerScope[] next = Arrays.copyOf(current, current.length + 1);
		next[current.length] = scope;
		this.scopes = next;
	}

	boolean isEmpty() {
		return this.scopes.length == 0;
	}

	@Override
	public Restore open(Socket socket) {
		HandlerScope[] current = this.scopes;
		if (current.length == 0) {
			return Restore.NOTHING;
		}
		if (current.length == 1) {
			return current[0].open(socket);
		}
		Restore[] opened = new Restore[current.length];
		for (int i = 0; i < current.length; i++) {
			opened[i] = current[i].open(socket);
		}
		return () -> {
			for (int i = opened.length - 1; i >= 0; i--) {
				try {
					opened[i].close();
				}
				catch (RuntimeException ex) {
					logger.error("Handler scope failed to restore the thread of socket {}", socket.id(), ex);
				}
			}
		};
	}

	@Override
	public Context enrich(Socket socket, Context context) {
		Context enriched = context;
		for (HandlerScope scope : this.scopes) {
			enriched = scope.enrich(socket, enriched);
		}
		return enriched;
	}

	/**
	 * Subscribe a handler's publisher with the socket's context entries.
	 * @param socket the socket
	 * @param publisher what the handler returned
	 * @return the publisher with the entries in its context
	 */
	<T> Mono<T> apply(Socket socket, Mono<T> publisher) {
		return isEmpty() ? publisher : publisher.contextWrite((context) -> enrich(socket, context));
	}

}
