package io.github.springsocketio.server;

import java.util.Arrays;

import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.engine.EngineTransport;
import io.github.springsocketio.protocol.MsgpackPacketEncoder;
import io.github.springsocketio.protocol.PacketType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SocketIOServerListener}s of a server, called in registration order. Held
 * in an array swapped on change, so a call with no listener costs a volatile read and
 * allocates nothing; a failing listener is logged and skipped.
 */
final class ServerListeners {

	private static final Logger logger = LoggerFactory.getLogger(ServerListeners.class);

	private static final SocketIOServerListener[] NONE = {};

	private volatile SocketIOServerListener[] listeners = NONE;

	synchronized void add(SocketIOServerListener listener) {
		SocketIOServerListener[] current = this.listeners;
		SocketIOServerListener[] next = Arrays.copyOf(current, current.length + 1);
		next[current.length] = listener;
		this.listeners = next;
	}

	synchronized void remove(SocketIOServerListener listener) {
		SocketIOServerListener[] current = this.listeners;
		for (int i = 0; i < current.length; i++) {
			if (current[i] == listener) {
				SocketIOServerListener[] next = new SocketIOServerListener[current.length - 1];
				System.arraycopy(current, 0, next, 0, i);
				System.arraycopy(current, i + 1, next, i, current.length - i - 1);
				this.listeners = next;
				return;
			}
		}
	}

	boolean isEmpty() {
		return this.listeners.length == 0;
	}

	void clientConnected(String sessionId, EngineTransport transport) {
		for (SocketIOServerListener listener : this.listeners) {
			try {
				listener.onClientConnected(sessionId, transport);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	void clientDisconnected(String sessionId, EngineTransport transport, DisconnectReason reason) {
		for (SocketIOServerListener listener : this.listeners) {
			try {
				listener.onClientDisconnected(sessionId, transport, reason);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	void socketConnected(Socket socket) {
		for (SocketIOServerListener listener : this.listeners) {
			try {
				listener.onSocketConnected(socket);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	void socketDisconnected(Socket socket, DisconnectReason reason) {
		for (SocketIOServerListener listener : this.listeners) {
			try {
				listener.onSocketDisconnected(socket, reason);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	void packetReceived(PacketType type, long bytes) {
		for (SocketIOServerListener listener : this.listeners) {
			try {
				listener.onPacketReceived(type, bytes);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	/**
	 * Report the messages of one Socket.IO packet queued for a client.
	 * @param messages the packet's text message, then its attachments; or its one
	 * binary message (the msgpack parser)
	 */
	void packetSent(java.util.List<EnginePacket> messages) {
		SocketIOServerListener[] current = this.listeners;
		if (current.length == 0 || messages.isEmpty()) {
			return;
		}
		EnginePacket first = messages.get(0);
		String text = first.text();
		PacketType type;
		if (text != null) {
			type = !text.isEmpty() ? PacketType.fromCode(text.charAt(0) - '0') : null;
		}
		else {
			byte[] binary = first.binary();
			type = (binary != null) ? MsgpackPacketEncoder.typeOf(binary) : null;
		}
		if (type == null) {
			return;
		}
		long bytes = 0;
		for (int i = 0; i < messages.size(); i++) {
			bytes += messages.get(i).dataLength();
		}
		for (SocketIOServerListener listener : current) {
			try {
				listener.onPacketSent(type, bytes);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	void ackReceived(Socket socket, long nanos) {
		for (SocketIOServerListener listener : this.listeners) {
			try {
				listener.onAckReceived(socket, nanos);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	void handlerError(Socket socket, String event, Throwable error) {
		for (SocketIOServerListener listener : this.listeners) {
			try {
				listener.onHandlerError(socket, event, error);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	private static void failed(SocketIOServerListener listener, RuntimeException ex) {
		logger.warn("Server listener {} failed", listener, ex);
	}

	/**
	 * Return the number of bytes of a string in UTF-8 without encoding it; an unpaired
	 * surrogate counts as U+FFFD (3 bytes), as it is sent.
	 * @param text the string
	 * @return its UTF-8 length
	 */
	static int utf8Length(String text) {
		int length = text.length();
		int bytes = length;
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				continue;
			}
			if (c < 0x800) {
				bytes += 1;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
				bytes += 2;
				i++;
			}
			else {
				bytes += 2;
			}
		}
		return bytes;
	}

}
