package io.github.springsocketio.server;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.util.context.Context;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * An event received from a client: its name, its arguments as JSON trees (binary
 * values are {@code BinaryNode}s) and, when the client asked for one, the means to
 * acknowledge it (once).
 * <p>
 * A listener that goes on handling the event after it returns (on another thread, in a
 * publisher of its own), as the annotated controllers do, runs that work in the
 * {@linkplain #openScope() scope} of the event's handlers and tells when it
 * {@linkplain #defer() starts} and {@linkplain #complete() ends}, so that the event's
 * observation (see {@link HandlingObserver}) covers it.
 */
public final class SocketEvent {

	private static final Logger logger = LoggerFactory.getLogger(SocketEvent.class);

	private static final AtomicIntegerFieldUpdater<SocketEvent> PENDING = AtomicIntegerFieldUpdater
		.newUpdater(SocketEvent.class, "pending");

	private static final AtomicReferenceFieldUpdater<SocketEvent, Throwable> FAILURE = AtomicReferenceFieldUpdater
		.newUpdater(SocketEvent.class, Throwable.class, "failure");

	private final Socket socket;

	private final String name;

	private final ArrayNode args;

	private final long ackId;

	private final AtomicBoolean acknowledged = new AtomicBoolean();

	/** The observed handling of this event, set before its handlers see it. */
	private HandlingObserver.@Nullable Handling handling;

	/** Parts of the observed handling still running: the dispatch, and each deferral. */
	private volatile int pending;

	/** The first failure of a handler, while the handling is observed. */
	private volatile @Nullable Throwable failure;

	SocketEvent(Socket socket, String name, ArrayNode args, long ackId) {
		this.socket = socket;
		this.name = name;
		this.args = args;
		this.ackId = ackId;
	}

	/**
	 * Return the socket the event came from.
	 * @return the socket
	 */
	public Socket socket() {
		return this.socket;
	}

	/**
	 * Return the event name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the arguments (the event name excluded).
	 * @return the arguments, never to be modified
	 */
	public ArrayNode args() {
		return this.args;
	}

	/**
	 * Return the number of arguments.
	 * @return the count
	 */
	public int argCount() {
		return this.args.size();
	}

	/**
	 * Return one argument as a JSON tree.
	 * @param index its position
	 * @return the argument, or {@code null} if there are fewer
	 */
	public @Nullable JsonNode arg(int index) {
		return (index < this.args.size()) ? this.args.get(index) : null;
	}

	/**
	 * Return one argument converted with the server's {@code JsonMapper}.
	 * @param <T> the type
	 * @param index its position
	 * @param type the type
	 * @return the converted argument, or {@code null} if absent or JSON null
	 */
	public <T> @Nullable T arg(int index, Class<T> type) {
		JsonNode node = arg(index);
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		return this.socket.payloads().convert(node, type);
	}

	/**
	 * Return whether the client asked for an acknowledgement.
	 * @return {@code true} if it did
	 */
	public boolean hasAck() {
		return this.ackId >= 0;
	}

	/**
	 * Return whether the event has been acknowledged.
	 * @return {@code true} once {@link #ack} has been called
	 */
	public boolean isAcknowledged() {
		return this.acknowledged.get();
	}

	/**
	 * Acknowledge the event; each value becomes one argument of the client's ack
	 * callback. Only the first call counts, and only if the client asked for an ack.
	 * @param values the values, converted with the server's {@code JsonMapper}
	 * @return whether an acknowledgement was sent
	 */
	public boolean ack(@Nullable Object... values) {
		return ackArgs(this.socket.payloads().toArgs(values));
	}

	/**
	 * Acknowledge the event with ready-made arguments.
	 * @param args the arguments, one element per argument
	 * @return whether an acknowledgement was sent
	 */
	public boolean ackArgs(ArrayNode args) {
		if (!hasAck() || !this.acknowledged.compareAndSet(false, true)) {
			return false;
		}
		this.socket.sendAck(this.ackId, args);
		return true;
	}

	// ---- handling away from the listener

	/**
	 * Return whether the handling of this event is observed: the server has a
	 * {@link HandlingObserver}, which observes this event.
	 * @return {@code true} if {@link #defer()} and {@link #complete()} count
	 */
	public boolean isObserved() {
		return this.handling != null;
	}

	/**
	 * Set up the current thread for a handler of this event: the server's
	 * {@link HandlerScope}s for the socket, and the event's observed handling (else the
	 * socket's connection's). The server does it around listeners; code that handles the
	 * event on another thread does it there.
	 * @return what restores the thread, closed on it when the handler has returned
	 */
	public HandlerScope.Restore openScope() {
		return this.socket.namespace().server().handlerScopes().open(this.socket, scopeHandling());
	}

	/**
	 * Add the same to the context a handler's publisher is subscribed with.
	 * @param context the context so far
	 * @return the context with the entries of the handler scopes and the handling
	 */
	public Context enrich(Context context) {
		return this.socket.namespace().server().handlerScopes().enrich(this.socket, scopeHandling(), context);
	}

	/**
	 * Return the handling that is current while a handler of this event runs.
	 */
	HandlingObserver.@Nullable Handling scopeHandling() {
		HandlingObserver.Handling handling = this.handling;
		return (handling != null) ? handling : this.socket.connectionHandling();
	}

	/**
	 * Tell that the handling of this event goes on after the listener returns: its
	 * observation stops once {@link #complete()} has been called once for this call and
	 * once for each other. Nothing happens when the handling is not observed.
	 */
	public void defer() {
		if (this.handling != null) {
			PENDING.incrementAndGet(this);
		}
	}

	/**
	 * Tell that a handler of this event failed, even if the failure was then handled (an
	 * error acknowledgement): the event's observation reports the first failure.
	 * @param error the failure
	 */
	public void failed(Throwable error) {
		if (this.handling != null) {
			FAILURE.compareAndSet(this, null, error);
		}
	}

	/**
	 * Tell that a part of the handling announced by {@link #defer()} has ended.
	 */
	public void complete() {
		HandlingObserver.Handling handling = this.handling;
		if (handling == null || PENDING.decrementAndGet(this) != 0) {
			return;
		}
		try {
			Throwable error = this.failure;
			if (error != null) {
				handling.error(error);
			}
			handling.stop();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not stop the observation of event '{}' of socket {}", this.name, this.socket.id(), ex);
		}
	}

	/**
	 * Observe the handling of this event: the dispatch is its first part, to
	 * {@link #complete()} when the listeners have returned.
	 */
	void observe(HandlingObserver.Handling handling) {
		this.handling = handling;
		this.pending = 1;
	}

	@Override
	public String toString() {
		return "SocketEvent[" + this.name + ", " + this.args.size() + " args" + (hasAck() ? ", ack]" : "]");
	}

}
