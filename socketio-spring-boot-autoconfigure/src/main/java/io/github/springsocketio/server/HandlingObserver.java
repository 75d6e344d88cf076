package io.github.springsocketio.server;

import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;

/**
 * Observes how the server handles each socket's connection and each of its events, to
 * time and trace them (the Micrometer {@code Observation} support is one). For each it
 * returns a {@link Handling} that the server puts in scope around the handlers (on
 * whichever thread they run, and in the Reactor context of their publishers) and stops
 * when that connection or event has been handled.
 * <p>
 * Set with {@link SocketIOServer#setHandlingObserver}; without one the server calls and
 * allocates nothing for it. Called on Netty event-loop threads, concurrently for
 * different connections: implementations must be thread-safe and must not block. An
 * exception it throws is logged and leaves that connection or event unobserved.
 */
public interface HandlingObserver {

	/**
	 * A socket's CONNECT was accepted: called before the server answers it and before
	 * the namespace's connection listeners run.
	 * @param socket the socket, not connected yet
	 * @return the handling of the connection, or {@code null} to leave it unobserved: in
	 * scope around the socket's connection and disconnect listeners, given to
	 * {@link #event} for each of its events, and stopped once the socket has disconnected
	 * and its disconnect listeners have run ({@link Socket#disconnectReason()} says why)
	 */
	@Nullable Handling connection(Socket socket);

	/**
	 * An event passed the socket's middleware and has a handler: a listener of its name,
	 * or a namespace listener that {@linkplain EventListener#handles handles} it. Events
	 * nobody handles are not observed.
	 * @param event the event
	 * @param connection the handling of the socket's connection, {@code null} if that is
	 * not observed
	 * @return the handling of the event, or {@code null} to leave it unobserved: in scope
	 * around its handlers, told the first failure of one, and stopped when the last has
	 * finished (returned, its publisher or its controller method completed)
	 */
	@Nullable Handling event(SocketEvent event, @Nullable Handling connection);

	/**
	 * The handling of one connection or one event.
	 */
	interface Handling {

		/**
		 * Make the handling current on this thread, while a handler runs.
		 * @return what makes it no longer current, closed on the same thread
		 */
		HandlerScope.Restore open();

		/**
		 * Add the handling to the context a handler's publisher is subscribed with.
		 * @param context the context so far
		 * @return the context with the handling
		 */
		Context enrich(Context context);

		/**
		 * A handler failed (called once, before {@link #stop()}).
		 * @param error the failure
		 */
		void error(Throwable error);

		/**
		 * The connection or event has been handled (called once).
		 */
		void stop();

	}

}
