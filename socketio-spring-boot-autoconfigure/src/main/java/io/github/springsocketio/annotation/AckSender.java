package io.github.springsocketio.annotation;

import org.jspecify.annotations.Nullable;

/**
 * Acknowledges the event being handled, as a handler method parameter. Only the first
 * acknowledgement of an event counts, and only if the client asked for one.
 */
@FunctionalInterface
public interface AckSender {

	/**
	 * Send the acknowledgement; each value becomes one argument of the client's callback.
	 * @param values the values, converted with the application's {@code JsonMapper}
	 * @return whether an acknowledgement was sent
	 */
	boolean send(@Nullable Object... values);

}
