package io.github.springsocketio.server;

import reactor.util.context.Context;

/**
 * Makes what belongs to a socket available to the code that handles it, as libraries
 * expect to find it: thread-local state while a handler runs on a thread (Spring
 * Security's {@code SecurityContextHolder}, a logging MDC), and entries of the Reactor
 * context a handler's publisher is subscribed with ({@code ReactiveSecurityContextHolder}).
 * Applied around the socket's event listeners, connection and disconnect listeners, and
 * annotated controller methods, on whichever thread they run.
 *
 * @see SocketIOServer#addHandlerScope(HandlerScope)
 */
public interface HandlerScope {

	/**
	 * Set up the current thread for a handler of the socket about to run on it.
	 * @param socket the socket
	 * @return what restores the thread as it was, closed when the handler has returned
	 */
	Restore open(Socket socket);

	/**
	 * Add the socket's entries to the context a handler's publisher is subscribed with.
	 * @param socket the socket
	 * @param context the context so far
	 * @return the context with the entries
	 */
	Context enrich(Socket socket, Context context);

	/**
	 * Undoes what {@link #open} did.
	 */
	@FunctionalInterface
	interface Restore extends AutoCloseable {

		/** Nothing to undo. */
		Restore NOTHING = () -> {
		};

		@Override
		void close();

	}

}
