package io.github.springsocketio.test.tester;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.github.springsocketio.javaclient.Arguments;
import io.github.springsocketio.javaclient.ClientSocket;
import io.github.springsocketio.javaclient.Event;
import io.github.springsocketio.javaclient.SocketIOClient;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * One connected socket of a {@link SocketIOTester}. Every event the server sends is
 * recorded from the moment of connection, so that an expectation written after the
 * action that caused the event still sees it; {@link #expectEvent(String)} takes the
 * first recorded event of a name, waiting for it if needed.
 */
public final class SocketIOSession implements AutoCloseable {

	private final SocketIOClient client;

	private final ClientSocket socket;

	private final Duration timeout;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition received = this.lock.newCondition();

	private final List<Event> events = new ArrayList<>();

	private final List<Event> consumed = new ArrayList<>();

	private final Disposable recording;

	SocketIOSession(SocketIOClient client, ClientSocket socket, Duration timeout) {
		this.client = client;
		this.socket = socket;
		this.timeout = timeout;
		this.recording = socket.onAny().subscribe(this::record);
	}

	private void record(Event event) {
		this.lock.lock();
		try {
			this.events.add(event);
			this.received.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Return the underlying client socket, for anything the session does not offer
	 * (for instance {@code socket().on("x")} with {@code StepVerifier}).
	 * @return the socket
	 */
	public ClientSocket socket() {
		return this.socket;
	}

	/**
	 * Return the socket id the server gave.
	 * @return the id, or {@code null} once disconnected
	 */
	public @Nullable String id() {
		return this.socket.id();
	}

	/**
	 * Emit an event.
	 * @param event the event name
	 * @param args the arguments (converted by Jackson; {@code byte[]} goes as binary)
	 * @return this session
	 */
	public SocketIOSession emit(String event, Object... args) {
		this.socket.emit(event, args);
		return this;
	}

	/**
	 * Emit an event with an acknowledgement callback, now.
	 * @param event the event name
	 * @param args the arguments
	 * @return the acknowledgement to expect
	 */
	public AckSpec emitWithAck(String event, Object... args) {
		Mono<Arguments> ack = this.socket.emitWithAck(event, args).cache();
		ack.subscribe((arguments) -> {
		}, (error) -> {
		});
		return new AckSpec(event, ack, this.timeout);
	}

	/**
	 * Expect an event: take the first recorded event of that name, waiting for one up
	 * to the tester's timeout.
	 * @param event the event name
	 * @return the event, to check its arguments
	 * @throws AssertionError if none arrives in time (the message lists the events
	 * received meanwhile)
	 */
	public EventSpec expectEvent(String event) {
		return expectEvent(event, this.timeout);
	}

	/**
	 * Expect an event within a given time (see {@link #expectEvent(String)}).
	 * @param event the event name
	 * @param timeout how long to wait for it
	 * @return the event, to check its arguments
	 * @throws AssertionError if none arrives in time
	 */
	public EventSpec expectEvent(String event, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		this.lock.lock();
		try {
			while (true) {
				for (Iterator<Event> it = this.events.iterator(); it.hasNext();) {
					Event candidate = it.next();
					if (candidate.name().equals(event)) {
						it.remove();
						this.consumed.add(candidate);
						return new EventSpec(candidate);
					}
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new AssertionError("No event '" + event + "' on " + this.socket.namespace() + " within "
							+ timeout.toMillis() + " ms; not yet expected: " + this.events + "; already expected: "
							+ this.consumed);
				}
				this.received.await(left, TimeUnit.NANOSECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting for '" + event + "'", ex);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Disconnect the socket (the server sees {@code client namespace disconnect}).
	 */
	public void disconnect() {
		this.socket.disconnect();
	}

	/**
	 * Close the session's connection.
	 */
	@Override
	public void close() {
		this.recording.dispose();
		this.client.close();
	}

	/**
	 * A received event.
	 *
	 * @param event the event
	 */
	public record EventSpec(Event event) {

		/**
		 * Return the first argument converted to a type.
		 * @param <T> the type
		 * @param type the type
		 * @return the value
		 * @throws AssertionError if the event has no such argument or it is {@code null}
		 */
		public <T> T argument(Class<T> type) {
			return argument(0, type);
		}

		/**
		 * Return an argument converted to a type.
		 * @param <T> the type
		 * @param index its position, from 0
		 * @param type the type
		 * @return the value
		 * @throws AssertionError if the event has no such argument or it is {@code null}
		 */
		public <T> T argument(int index, Class<T> type) {
			T value = this.event.argument(index, type);
			if (value == null) {
				throw new AssertionError("Event '" + this.event.name() + "' has no argument " + index + ": "
						+ this.event.arguments());
			}
			return value;
		}

		/**
		 * Return every argument.
		 * @return the arguments
		 */
		public Arguments arguments() {
			return this.event.arguments();
		}

	}

	/**
	 * An acknowledgement awaited from the server.
	 */
	public static final class AckSpec {

		private final String event;

		private final Mono<Arguments> ack;

		private final Duration timeout;

		AckSpec(String event, Mono<Arguments> ack, Duration timeout) {
			this.event = event;
			this.ack = ack;
			this.timeout = timeout;
		}

		/**
		 * Wait for the acknowledgement and return its first argument.
		 * @param <T> the type
		 * @param type the type of the first argument
		 * @return the value
		 * @throws AssertionError if no acknowledgement comes in time or it has no
		 * first argument
		 */
		public <T> T expectReply(Class<T> type) {
			Arguments arguments = expectAck();
			T value = arguments.get(0, type);
			if (value == null) {
				throw new AssertionError("The acknowledgement of '" + this.event + "' has no first argument: "
						+ arguments);
			}
			return value;
		}

		/**
		 * Wait for the acknowledgement.
		 * @return its arguments
		 * @throws AssertionError if none comes in time
		 */
		public Arguments expectAck() {
			try {
				Arguments arguments = this.ack.block(this.timeout);
				if (arguments == null) {
					throw new AssertionError("No acknowledgement of '" + this.event + "'");
				}
				return arguments;
			}
			catch (IllegalStateException ex) {
				throw new AssertionError("No acknowledgement of '" + this.event + "' within " + this.timeout.toMillis()
						+ " ms", ex);
			}
			catch (RuntimeException ex) {
				throw new AssertionError("The acknowledgement of '" + this.event + "' failed: " + ex.getMessage(), ex);
			}
		}

		/**
		 * Return the acknowledgement as a {@code Mono}, for {@code StepVerifier}.
		 * @return the acknowledgement's arguments
		 */
		public Mono<Arguments> mono() {
			return this.ack;
		}

	}

}
