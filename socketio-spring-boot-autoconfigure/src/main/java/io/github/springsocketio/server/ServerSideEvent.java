package io.github.springsocketio.server;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * An event from another node of the cluster ({@code serverSideEmit}): its name, its
 * arguments and, when the sender waits for answers, the means to answer once.
 */
public final class ServerSideEvent {

	private final Namespace namespace;

	private final String name;

	private final ArrayNode args;

	private final @Nullable Consumer<JsonNode> ack;

	private final AtomicBoolean acknowledged = new AtomicBoolean();

	ServerSideEvent(Namespace namespace, String name, ArrayNode args, @Nullable Consumer<JsonNode> ack) {
		this.namespace = namespace;
		this.name = name;
		this.args = args;
		this.ack = ack;
	}

	/**
	 * Return the namespace the event was sent to.
	 * @return the namespace
	 */
	public Namespace namespace() {
		return this.namespace;
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
	 * Return one argument converted with the server's {@code JsonMapper}.
	 * @param <T> the type
	 * @param index its position
	 * @param type the type
	 * @return the converted argument, or {@code null} if absent or JSON null
	 */
	public <T> @Nullable T arg(int index, Class<T> type) {
		JsonNode node = (index < this.args.size()) ? this.args.get(index) : null;
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		return this.namespace.payloads().convert(node, type);
	}

	/**
	 * Return whether the sender waits for an answer.
	 * @return {@code true} if it does
	 */
	public boolean hasAck() {
		return this.ack != null;
	}

	/**
	 * Answer the sender: the value is its node's response. Only the first call counts,
	 * as in the reference (one answer per node).
	 * @param value the value, converted with the server's {@code JsonMapper}
	 * @return whether an answer was sent
	 */
	public boolean ack(@Nullable Object value) {
		Consumer<JsonNode> ack = this.ack;
		if (ack == null || !this.acknowledged.compareAndSet(false, true)) {
			return false;
		}
		ack.accept(this.namespace.payloads().toNode(value));
		return true;
	}

	@Override
	public String toString() {
		return "ServerSideEvent[" + this.name + ", " + this.args.size() + " args" + (hasAck() ? ", ack]" : "]");
	}

}
