package io.github.springsocketio.annotation;

import java.util.HashMap;
import java.util.Map;

import io.github.springsocketio.server.DisconnectReason;
import io.github.springsocketio.server.Socket;
import io.github.springsocketio.server.SocketEvent;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The headers of the messages that carry socket events to handler methods: the context
 * that argument resolvers and the return value handler read. The payload is the
 * event's arguments ({@code []} for connections and disconnections).
 */
final class DispatchHeaders {

	/** The lookup key of the mapping ({@link SocketIOMapping#destination()}). */
	static final String DESTINATION = "socketio.destination";

	/** The mapping the message is for. */
	static final String MAPPING = "socketio.mapping";

	/** The {@link Socket}. */
	static final String SOCKET = "socketio.socket";

	/** The {@link SocketEvent}, for events only. */
	static final String EVENT = "socketio.event";

	/** The {@link DisconnectReason}, for disconnections only. */
	static final String DISCONNECT_REASON = "socketio.disconnectReason";

	/** The {@link Scheduler} that runs the socket's blocking handlers in order. */
	static final String LANE = "socketio.lane";

	private DispatchHeaders() {
	}

	static Message<ArrayNode> message(SocketIOMapping mapping, Socket socket, @Nullable SocketEvent event,
			@Nullable DisconnectReason reason, @Nullable Scheduler lane) {
		Map<String, Object> headers = new HashMap<>(8);
		headers.put(DESTINATION, mapping.destination());
		headers.put(MAPPING, mapping);
		headers.put(SOCKET, socket);
		if (event != null) {
			headers.put(EVENT, event);
		}
		if (reason != null) {
			headers.put(DISCONNECT_REASON, reason);
		}
		if (lane != null) {
			headers.put(LANE, lane);
		}
		ArrayNode payload = (event != null) ? event.args() : JsonNodeFactory.instance.arrayNode();
		return MessageBuilder.createMessage(payload, new Headers(headers));
	}

	static Socket socket(Message<?> message) {
		Socket socket = message.getHeaders().get(SOCKET, Socket.class);
		if (socket == null) {
			throw new IllegalStateException("Not a Socket.IO message: " + message);
		}
		return socket;
	}

	static @Nullable SocketEvent event(Message<?> message) {
		return message.getHeaders().get(EVENT, SocketEvent.class);
	}

	static @Nullable DisconnectReason disconnectReason(Message<?> message) {
		return message.getHeaders().get(DISCONNECT_REASON, DisconnectReason.class);
	}

	static @Nullable SocketIOMapping mapping(Message<?> message) {
		return message.getHeaders().get(MAPPING, SocketIOMapping.class);
	}

	static @Nullable Scheduler lane(Message<?> message) {
		return message.getHeaders().get(LANE, Scheduler.class);
	}

	/**
	 * Headers without the random id and the timestamp: nothing reads them, and a UUID
	 * per event is not free.
	 */
	private static final class Headers extends MessageHeaders {

		private static final long serialVersionUID = 1L;

		Headers(Map<String, Object> headers) {
			super(headers, ID_VALUE_NONE, -1L);
		}

	}

}
