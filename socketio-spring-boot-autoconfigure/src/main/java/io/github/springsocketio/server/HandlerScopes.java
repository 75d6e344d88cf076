package io.github.springsocketio.server;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The {@link HandlerScope}s of a server, applied in registration order and undone in
 * reverse, then the observed {@linkplain HandlingObserver.Handling handling} of what runs
 * (the socket's connection, or one of its events). Held in an array swapped on change:
 * with no scope and no handling, opening costs a volatile read and allocates nothing.
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

	/**
	 * Open the scopes of a handler of the socket's connection: the registered scopes and
	 * the handling of the connection, if observed.
	 */
	@Override
	public Restore open(Socket socket) {
		return open(socket, socket.connectionHandling());
	}

	/**
	 * Open the registered scopes, then make a handling current.
	 * @param handling the handling of the socket's connection or of one of its events
	 */
	Restore open(Socket socket, HandlingObserver.@Nullable Handling handling) {
		HandlerScope[] current = this.scopes;
		if (handling == null) {
			if (current.length == 0) {
				return Restore.NOTHING;
			}
			if (current.length == 1) {
				return current[0].open(socket);
			}
		}
		else if (current.length == 0) {
			return handling.open();
		}
		int count = current.length + ((handling != null) ? 1 : 0);
		Restore[] opened = new Restore[count];
		for (int i = 0; i < current.length; i++) {
			opened[i] = current[i].open(socket);
		}
		if (handling != null) {
			opened[current.length] = handling.open();
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
		return enrich(socket, socket.connectionHandling(), context);
	}

	Context enrich(Socket socket, HandlingObserver.@Nullable Handling handling, Context context) {
		Context enriched = context;
		for (HandlerScope scope : this.scopes) {
			enriched = scope.enrich(socket, enriched);
		}
		return (handling != null) ? handling.enrich(enriched) : enriched;
	}

	/**
	 * Subscribe a handler's publisher with the socket's context entries.
	 * @param socket the socket
	 * @param handling the handling of the socket's connection or of one of its events
	 * @param publisher what the handler returned
	 * @return the publisher with the entries in its context
	 */
	<T> Mono<T> apply(Socket socket, HandlingObserver.@Nullable Handling handling, Mono<T> publisher) {
		return (isEmpty() && handling == null) ? publisher
				: publisher.contextWrite((context) -> enrich(socket, handling, context));
	}

}
