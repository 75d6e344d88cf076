package io.github.springsocketio.annotation;

import io.github.springsocketio.server.DisconnectReason;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.ServerSideEvent;
import io.github.springsocketio.server.Socket;
import io.github.springsocketio.server.SocketEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.messaging.Message;

/**
 * The headers of the messages that carry socket events and server-side events to
 * handler methods: the context that argument resolvers and the return value handler
 * read. The payload is the event's arguments ({@code []} for connections and
 * disconnections). The accessors read the fields of a {@link DispatchMessage}, the
 * headers of any other message.
 */
final class DispatchHeaders {

	/** The lookup key of the mapping ({@link SocketIOMapping#destination()}). */
	static final String DESTINATION = "socketio.destination";

	/** The mapping the message is for. */
	static final String MAPPING = "socketio.mapping";

	/** The {@link Namespace}. */
	static final String NAMESPACE = "socketio.namespace";

	/** The {@link Socket}, for socket messages only. */
	static final String SOCKET = "socketio.socket";

	/** The {@link SocketEvent}, for events only. */
	static final String EVENT = "socketio.event";

	/** The {@link DisconnectReason}, for disconnections only. */
	static final String DISCONNECT_REASON = "socketio.disconnectReason";

	/** The {@link ServerSideEvent}, for server-side events only. */
	static final String SERVER_SIDE_EVENT = "socketio.serverSideEvent";

	private DispatchHeaders() {
	}

	/**
	 * Return the message of a socket's event, connection or disconnection.
	 * @param destination the mapping's {@link SocketIOMapping#destination()}, computed once
	 */
	static DispatchMessage message(SocketIOMapping mapping, String destination, Socket socket,
			@Nullable SocketEvent event, @Nullable DisconnectReason reason) {
		ArrayNode payload = (event != null) ? event.args() : JsonNodeFactory.instance.arrayNode();
		return new DispatchMessage(mapping, destination, socket.namespace(), socket, event, reason, null, payload);
	}

	/**
	 * Return the message of a server-side event.
	 * @param destination the mapping's {@link SocketIOMapping#destination()}, computed once
	 */
	static DispatchMessage message(SocketIOMapping mapping, String destination, ServerSideEvent event) {
		return new DispatchMessage(mapping, destination, event.namespace(), null, null, null, event, event.args());
	}

	static Namespace namespace(Message<?> message) {
		Namespace namespace = (message instanceof DispatchMessage dispatch) ? dispatch.namespace()
				: message.getHeaders().get(NAMESPACE, Namespace.class);
		if (namespace == null) {
			throw new IllegalStateException("Not a Socket.IO message: " + message);
		}
		return namespace;
	}

	/**
	 * Return the socket, which server-side events do not have.
	 */
	static @Nullable Socket socket(Message<?> message) {
		if (message instanceof DispatchMessage dispatch) {
			return dispatch.socket();
		}
		return message.getHeaders().get(SOCKET, Socket.class);
	}

	static @Nullable SocketEvent event(Message<?> message) {
		if (message instanceof DispatchMessage dispatch) {
			return dispatch.event();
		}
		return message.getHeaders().get(EVENT, SocketEvent.class);
	}

	static @Nullable ServerSideEvent serverSideEvent(Message<?> message) {
		if (message instanceof DispatchMessage dispatch) {
			return dispatch.serverSideEvent();
		}
		return message.getHeaders().get(SERVER_SIDE_EVENT, ServerSideEvent.class);
	}

	/**
	 * Return whether the sender of the event waits for a value of the handler: a client
	 * that asked for an acknowledgement, or a node that asked for answers.
	 */
	static boolean expectsReply(Message<?> message) {
		SocketEvent event = event(message);
		if (event != null) {
			return event.hasAck();
		}
		ServerSideEvent serverSideEvent = serverSideEvent(message);
		return serverSideEvent != null && serverSideEvent.hasAck();
	}

	/**
	 * Send the value of a handler to the sender of the event if it waits for one: as the
	 * client's acknowledgement (one argument), or as this node's answer to the node that
	 * sent a server-side event. Only the first value counts.
	 */
	static void reply(Message<?> message, Object value) {
		SocketEvent event = event(message);
		if (event != null) {
			event.ack(value);
			return;
		}
		ServerSideEvent serverSideEvent = serverSideEvent(message);
		if (serverSideEvent != null) {
			serverSideEvent.ack(value);
		}
	}

	/**
	 * Return who the message comes from, for logs: {@code socket <id>} or
	 * {@code another node}.
	 */
	static String origin(Message<?> message) {
		Socket socket = socket(message);
		return (socket != null) ? "socket " + socket.id() : "another node";
	}

	static @Nullable DisconnectReason disconnectReason(Message<?> message) {
		if (message instanceof DispatchMessage dispatch) {
			return dispatch.reason();
		}
		return message.getHeaders().get(DISCONNECT_REASON, DisconnectReason.class);
	}

	static @Nullable SocketIOMapping mapping(Message<?> message) {
		if (message instanceof DispatchMessage dispatch) {
			return dispatch.mapping();
		}
		return message.getHeaders().get(MAPPING, SocketIOMapping.class);
	}

	/**
	 * Return the lookup key of the mapping the message is for.
	 */
	static @Nullable String destination(Message<?> message) {
		if (message instanceof DispatchMessage dispatch) {
			return dispatch.destination();
		}
		return message.getHeaders().get(DESTINATION, String.class);
	}

}
