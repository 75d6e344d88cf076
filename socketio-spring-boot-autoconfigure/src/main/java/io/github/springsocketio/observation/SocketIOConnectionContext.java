package io.github.springsocketio.observation;

import io.github.springsocketio.server.DisconnectReason;
import io.github.springsocketio.server.Handshake;
import io.github.springsocketio.server.Socket;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The context of a socket's connection to a namespace, observed from the accepted
 * CONNECT to the disconnection. Its carrier is the socket's {@link Handshake}: a trace
 * context the client sent is read from the CONNECT packet's auth payload (e.g.
 * {@code io(url, { auth: { traceparent } })}, which browsers can send), else from the
 * headers of the connection's first HTTP request, so that a tracer continues the
 * client's trace.
 */
public class SocketIOConnectionContext extends ReceiverContext<Handshake> {

	private final Socket socket;

	/**
	 * Create the context of a socket's connection.
	 * @param socket the socket
	 */
	public SocketIOConnectionContext(Socket socket) {
		super(SocketIOConnectionContext::propagationField, Kind.SERVER);
		this.socket = socket;
		setCarrier(socket.handshake());
	}

	/**
	 * Read a propagation field (e.g. {@code traceparent}) of a handshake: a string of the
	 * auth payload, else a header.
	 * @param handshake the handshake
	 * @param name the field
	 * @return the value, or {@code null}
	 */
	static @Nullable String propagationField(Handshake handshake, String name) {
		JsonNode value = handshake.auth().get(name);
		if (value != null && value.isString()) {
			return value.asString();
		}
		return handshake.headers().getFirst(name);
	}

	/**
	 * Return the socket.
	 * @return the socket
	 */
	public Socket getSocket() {
		return this.socket;
	}

	/**
	 * Return the name of the socket's namespace.
	 * @return e.g. {@code /chat}
	 */
	public String getNamespace() {
		return this.socket.namespace().name();
	}

	/**
	 * Return why the socket disconnected.
	 * @return the reason, or {@code null} while it is connected
	 */
	public @Nullable DisconnectReason getDisconnectReason() {
		return this.socket.disconnectReason();
	}

}
