package io.github.springsocketio.javaclient;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * An event received from the server: its name, its arguments and, when the server asked
 * for one, a way to acknowledge it.
 */
public final class Event {

	private final String name;

	private final Arguments arguments;

	private final @Nullable Consumer<Object[]> acknowledger;

	private final AtomicBoolean acknowledged = new AtomicBoolean();

	Event(String name, Arguments arguments, @Nullable Consumer<Object[]> acknowledger) {
		this.name = name;
		this.arguments = arguments;
		this.acknowledger = acknowledger;
	}

	/**
	 * Return the event name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the arguments.
	 * @return the arguments
	 */
	public Arguments arguments() {
		return this.arguments;
	}

	/**
	 * Return one argument converted to a type (see {@link Arguments#get(int, Class)}).
	 * @param <T> the type
	 * @param index the argument's position, from 0
	 * @param type the type
	 * @return the value, or {@code null}
	 */
	public <T> @Nullable T argument(int index, Class<T> type) {
		return this.arguments.get(index, type);
	}

	/**
	 * Return whether the server awaits an acknowledgement of this event.
	 * @return {@code true} if {@link #ack(Object...)} sends one
	 */
	public boolean expectsAck() {
		return this.acknowledger != null;
	}

	/**
	 * Acknowledge the event with values, converted to JSON through the client's mapper
	 * ({@code byte[]} and {@link java.nio.ByteBuffer} values anywhere in them are sent
	 * as binary attachments). Only the first call sends an acknowledgement.
	 * @param values the acknowledgement's arguments
	 * @return {@code true} if this call sent the acknowledgement
	 * @throws IllegalStateException if the server did not ask for one
	 */
	public boolean ack(Object... values) {
		if (this.acknowledger == null) {
			throw new IllegalStateException("The server did not ask for an acknowledgement of '" + this.name + "'");
		}
		if (!this.acknowledged.compareAndSet(false, true)) {
			return false;
		}
		this.acknowledger.accept(values);
		return true;
	}

	@Override
	public String toString() {
		return "Event[" + this.name + ", " + this.arguments + (expectsAck() ? ", ack]" : "]");
	}

}
