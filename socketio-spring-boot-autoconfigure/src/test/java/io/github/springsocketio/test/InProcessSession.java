package io.github.springsocketio.test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.github.springsocketio.engine.Base64Id;
import io.github.springsocketio.engine.CloseReason;
import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.engine.EngineSession;
import io.github.springsocketio.engine.EngineTransport;
import io.github.springsocketio.engine.HandshakeRequest;
import io.github.springsocketio.server.SocketIOServer;

import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * An in-process Engine.IO session: what the server sends is recorded, what the client
 * sends is handed to the server as the Engine.IO layer would.
 */
public final class InProcessSession implements EngineSession {

	private final String id = Base64Id.generate();

	private final SocketIOServer server;

	private final int protocolVersion;

	private final EngineTransport transport;

	private final HandshakeRequest handshake;

	private final List<EnginePacket> sent = new CopyOnWriteArrayList<>();

	private volatile boolean open = true;

	private volatile CloseReason closeReason;

	private volatile Consumer<List<EnginePacket>> onSent = (packets) -> {
	};

	private InProcessSession(SocketIOServer server, int protocolVersion, EngineTransport transport) {
		this.server = server;
		this.protocolVersion = protocolVersion;
		this.transport = transport;
		MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
		query.add("EIO", Integer.toString(protocolVersion));
		query.add("transport", "polling");
		this.handshake = new HandshakeRequest(new HttpHeaders(), query, new InetSocketAddress("127.0.0.1", 4242),
				"/socket.io/?EIO=" + protocolVersion + "&transport=polling", false, Instant.now(), null);
	}

	/** Open an EIO=4 polling session on the server. */
	public static InProcessSession open(SocketIOServer server) {
		return open(server, 4);
	}

	/** Open a polling session of a protocol revision on the server. */
	public static InProcessSession open(SocketIOServer server, int protocolVersion) {
		return open(server, protocolVersion, EngineTransport.POLLING);
	}

	/** Open an EIO=4 session that claims a transport. */
	public static InProcessSession open(SocketIOServer server, EngineTransport transport) {
		return open(server, 4, transport);
	}

	private static InProcessSession open(SocketIOServer server, int protocolVersion, EngineTransport transport) {
		InProcessSession session = new InProcessSession(server, protocolVersion, transport);
		server.engineHandler().onOpen(session);
		return session;
	}

	/**
	 * The client sends a text message, written as on the wire: Engine.IO type
	 * {@code 4} followed by the Socket.IO packet.
	 */
	public InProcessSession receive(String message) {
		if (!message.startsWith("4")) {
			throw new IllegalArgumentException("not an Engine.IO message: " + message);
		}
		this.server.engineHandler().onMessage(this, message.substring(1));
		return this;
	}

	/** The client sends a binary message. */
	public InProcessSession receive(byte[] data) {
		this.server.engineHandler().onBinary(this, data);
		return this;
	}

	/** The connection drops. */
	public void drop(CloseReason reason) {
		if (this.open) {
			this.open = false;
			this.closeReason = reason;
			this.server.engineHandler().onClose(this, reason);
		}
	}

	/** Text messages sent so far, in order, as on the wire ({@code 4} + packet). */
	public List<String> texts() {
		List<String> texts = new ArrayList<>();
		for (EnginePacket packet : this.sent) {
			if (!packet.isBinary()) {
				texts.add("4" + packet.text());
			}
		}
		return texts;
	}

	/** Every message sent so far, binary as "<binary hex>". */
	public List<String> messages() {
		List<String> all = new ArrayList<>();
		for (EnginePacket packet : this.sent) {
			all.add(packet.isBinary() ? "<binary " + hex(packet.binary()) + ">" : "4" + packet.text());
		}
		return all;
	}

	/** Every packet sent so far, in order (live, thread-safe). */
	public List<EnginePacket> sent() {
		return this.sent;
	}

	/** Return the socket id of the last CONNECT reply. */
	public String lastSocketId() {
		for (int i = this.sent.size() - 1; i >= 0; i--) {
			String text = this.sent.get(i).text();
			if (text != null && text.startsWith("0")) {
				return text.replaceAll(".*\\{\"sid\":\"([^\"]+)\"[,}].*", "$1");
			}
		}
		throw new IllegalStateException("not connected");
	}

	public void clear() {
		this.sent.clear();
	}

	public CloseReason closeReason() {
		return this.closeReason;
	}

	private static String hex(byte[] bytes) {
		StringBuilder out = new StringBuilder();
		for (byte b : bytes) {
			out.append(String.format("%02x", b));
		}
		return out.toString();
	}

	public static String utf8(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public int protocolVersion() {
		return this.protocolVersion;
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
		this.onSent.accept(packets);
		return true;
	}

	/**
	 * React to what the server sends, as it sends it (a client that answers at once,
	 * within the server's call).
	 * @param reaction called with the packets of each send
	 * @return this session
	 */
	public InProcessSession onSent(Consumer<List<EnginePacket>> reaction) {
		this.onSent = reaction;
		return this;
	}

	@Override
	public void close() {
		drop(CloseReason.FORCED_CLOSE);
	}

}
