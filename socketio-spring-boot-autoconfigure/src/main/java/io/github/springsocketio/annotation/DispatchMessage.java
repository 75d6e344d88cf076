package io.github.springsocketio.annotation;

import io.github.springsocketio.server.DisconnectReason;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.ServerSideEvent;
import io.github.springsocketio.server.Socket;
import io.github.springsocketio.server.SocketEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * The message of one event: its context in fields, which {@link DispatchHeaders} reads
 * directly, and its {@link MessageHeaders} (see {@link DispatchHeaders} for the names)
 * built only if something asks for them, e.g. a custom argument resolver or a
 * {@code MessageHeaders} parameter.
 */
final class DispatchMessage implements Message<ArrayNode> {

	private final SocketIOMapping mapping;

	private final String destination;

	private final Namespace namespace;

	private final @Nullable Socket socket;

	private final @Nullable SocketEvent event;

	private final @Nullable DisconnectReason reason;

	private final @Nullable ServerSideEvent serverSideEvent;

	private final ArrayNode payload;

	private volatile @Nullable MessageHeaders headers;

	DispatchMessage(SocketIOMapping mapping, String destination, Namespace namespace, @Nullable Socket socket,
			@Nullable SocketEvent event, @Nullable DisconnectReason reason, @Nullable ServerSideEvent serverSideEvent,
			ArrayNode payload) {
		this.mapping = mapping;
		this.destination = destination;
		this.namespace = namespace;
		this.socket = socket;
		this.event = event;
		this.reason = reason;
		this.serverSideEvent = serverSideEvent;
		this.payload = payload;
	}

	SocketIOMapping mapping() {
		return this.mapping;
	}

	String destination() {
		return this.destination;
	}

	Namespace namespace() {
		return this.namespace;
	}

	@Nullable Socket socket() {
		return this.socket;
	}

	@Nullable SocketEvent event() {
		return this.event;
	}

	@Nullable DisconnectReason reason() {
		return this.reason;
	}

	@Nullable ServerSideEvent serverSideEvent() {
		return this.serverSideEvent;
	}

	@Override
	public ArrayNode getPayload() {
		return this.payload;
	}

	@Override
	public MessageHeaders getHeaders() {
		MessageHeaders headers = this.headers;
		if (headers == null) {
			headers = new Headers(this);
			this.headers = headers;
		}
		return headers;
	}

	@Override
	public String toString() {
		return "DispatchMessage [payload=" + this.payload + ", headers=" + getHeaders() + "]";
	}

	/**
	 * Headers without the random id and the timestamp: nothing reads them, and a UUID
	 * per event is not free. Filled in place: one map.
	 */
	private static final class Headers extends MessageHeaders {

		private static final long serialVersionUID = 1L;

		Headers(DispatchMessage message) {
			super(null, ID_VALUE_NONE, -1L);
			add(DispatchHeaders.DESTINATION, message.destination);
			add(DispatchHeaders.MAPPING, message.mapping);
			add(DispatchHeaders.NAMESPACE, message.namespace);
			add(DispatchHeaders.SOCKET, message.socket);
			add(DispatchHeaders.EVENT, message.event);
			add(DispatchHeaders.DISCONNECT_REASON, message.reason);
			add(DispatchHeaders.SERVER_SIDE_EVENT, message.serverSideEvent);
		}

		private void add(String name, @Nullable Object value) {
			if (value != null) {
				getRawHeaders().put(name, value);
			}
		}

	}

}
