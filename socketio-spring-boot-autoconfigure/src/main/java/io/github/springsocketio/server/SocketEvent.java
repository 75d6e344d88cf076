package io.github.springsocketio.server;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * An event received from a client: its name, its arguments as JSON trees (binary
 * values are {@code BinaryNode}s) and, when the client asked for one, the means to
 * acknowledge it (once).
 */
public final class SocketEvent {

	private final Socket socket;

	private final String name;

	private final ArrayNode args;

	private final long ackId;

	private final AtomicBoolean acknowledged = new AtomicBoolean();

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

	@Override
	public String toString() {
		return "SocketEvent[" + this.name + ", " + this.args.size() + " args" + (hasAck() ? ", ack]" : "]");
	}

}
