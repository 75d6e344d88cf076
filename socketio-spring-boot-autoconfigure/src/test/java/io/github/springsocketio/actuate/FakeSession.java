package io.github.springsocketio.actuate;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.springsocketio.engine.Base64Id;
import io.github.springsocketio.engine.CloseReason;
import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.engine.EngineSession;
import io.github.springsocketio.engine.EngineTransport;
import io.github.springsocketio.engine.HandshakeRequest;
import io.github.springsocketio.server.SocketIOServer;

import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;

/**
 * An in-process Engine.IO session for unit tests: what the server sends is recorded,
 * {@link #receive} hands a Socket.IO packet to the server.
 */
final class FakeSession implements EngineSession {

	private final String id = Base64Id.generate();

	private final SocketIOServer server;

	private final EngineTransport transport;

	private final HandshakeRequest handshake;

	final List<EnginePacket> sent = new CopyOnWriteArrayList<>();

	private volatile boolean open = true;

	private FakeSession(SocketIOServer server, EngineTransport transport) {
		this.server = server;
		this.transport = transport;
		this.handshake = new HandshakeRequest(new HttpHeaders(), new LinkedMultiValueMap<>(),
				new InetSocketAddress("127.0.0.1", 4242), "/socket.io/?EIO=4", false, Instant.now(), null);
	}

	static FakeSession open(SocketIOServer server, EngineTransport transport) {
		FakeSession session = new FakeSession(server, transport);
		server.onOpen(session);
		return session;
	}

	/** The client sends a Socket.IO packet, e.g. {@code 0/chat,}. */
	FakeSession receive(String packet) {
		this.server.onMessage(this, packet);
		return this;
	}

	/** Return the socket id of the last CONNECT reply. */
	String lastSocketId() {
		for (int i = this.sent.size() - 1; i >= 0; i--) {
			String text = this.sent.get(i).text();
			if (text != null && text.startsWith("0")) {
				return text.replaceAll(".*\\{\"sid\":\"([^\"]+)\"}.*", "$1");
			}
		}
		throw new IllegalStateException("not connected");
	}

	void drop(CloseReason reason) {
		if (this.open) {
			this.open = false;
			this.server.onClose(this, reason);
		}
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public int protocolVersion() {
		return 4;
	}

	@Override
	public EngineTransport transport() {
		return this.transport;
	}

	@Override
	public HandshakeRequest handshake() {
		return this.handshake;
	}

	@Override
	public boolean isOpen() {
		return this.open;
	}

	@Override
	public boolean send(EnginePacket packet) {
		return send(List.of(packet), false);
	}

	@Override
	public boolean send(List<EnginePacket> packets, boolean isVolatile) {
		if (!this.open) {
			return false;
		}
		this.sent.addAll(packets);
		return true;
	}

	@Override
	public void close() {
		drop(CloseReason.FORCED_CLOSE);
	}

}
