package io.github.springsocketio.test.tester;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import io.github.springsocketio.javaclient.SocketIOClient;
import io.github.springsocketio.javaclient.SocketIOConnectException;
import io.github.springsocketio.javaclient.Transport;
import org.jspecify.annotations.Nullable;

/**
 * Connects to the Socket.IO namespaces of a running server from a test, with the Java
 * client: each {@link #connect(String, Object) connect} opens its own connection (one
 * user) and returns a {@link SocketIOSession} that emits, and expects events and
 * acknowledgements with readable assertion failures.
 * <pre class="code">
 * SocketIOSession alice = tester.connect("/chat", Map.of("nickname", "alice"));
 * alice.emitWithAck("join", "general").expectReply(Room.class);
 * alice.expectEvent("message").argument(Message.class);
 * </pre>
 * Inject it with {@code @AutoConfigureSocketIOTester} in a
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}, or create one with
 * {@link #create(URI)}. Close it (or let the test context do so) to close every session.
 */
public final class SocketIOTester implements AutoCloseable {

	/** How long a connection may take at least, whatever the expectations' timeout. */
	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private final Supplier<URI> uri;

	private final String path;

	private final Duration timeout;

	private final Transport[] transports;

	// shared with the testers derived from this one, so that closing it closes theirs
	private final List<SocketIOSession> sessions;

	private SocketIOTester(Supplier<URI> uri, String path, Duration timeout, Transport[] transports,
			List<SocketIOSession> sessions) {
		this.uri = uri;
		this.path = path;
		this.timeout = timeout;
		this.transports = transports;
		this.sessions = sessions;
	}

	/**
	 * Create a tester of a server.
	 * @param uri the server, such as {@code http://localhost:8080}
	 * @return the tester, with the path {@code /socket.io/}, WebSocket only and a 5 s
	 * timeout for expectations
	 */
	public static SocketIOTester create(URI uri) {
		return create(() -> uri, "/socket.io/");
	}

	/**
	 * Create a tester of a server whose address is known late (the random port of a test).
	 * @param uri supplies the server's address on first use
	 * @param path the Socket.IO path
	 * @return the tester
	 */
	public static SocketIOTester create(Supplier<URI> uri, String path) {
		return new SocketIOTester(uri, path, Duration.ofSeconds(5), new Transport[] { Transport.WEBSOCKET },
				new ArrayList<>());
	}

	/**
	 * Return a tester that waits longer or shorter for events and acknowledgements
	 * (connections may take up to 10 s, or this timeout if longer).
	 * @param timeout how long an expectation waits
	 * @return a new tester (closed with this one)
	 */
	public SocketIOTester withTimeout(Duration timeout) {
		return new SocketIOTester(this.uri, this.path, Objects.requireNonNull(timeout, "timeout"), this.transports,
				this.sessions);
	}

	/**
	 * Return a tester that connects over other transports (WebSocket only by default).
	 * @param transports the transports, the first opening the connection
	 * @return a new tester (closed with this one)
	 */
	public SocketIOTester withTransports(Transport... transports) {
		return new SocketIOTester(this.uri, this.path, this.timeout, transports.clone(), this.sessions);
	}

	/**
	 * Connect to a namespace without auth payload.
	 * @param namespace the namespace
	 * @return the connected session
	 * @throws AssertionError if the connection fails
	 */
	public SocketIOSession connect(String namespace) {
		return connect(namespace, null);
	}

	/**
	 * Connect to a namespace.
	 * @param namespace the namespace
	 * @param auth the CONNECT auth payload (a map or an object Jackson converts to a
	 * JSON object), or {@code null}
	 * @return the connected session
	 * @throws AssertionError if the server refuses the namespace or does not answer in time
	 */
	public SocketIOSession connect(String namespace, @Nullable Object auth) {
		SocketIOSession session = open(namespace, auth);
		try {
			session.socket().connect().block(connectTimeout());
		}
		catch (SocketIOConnectException ex) {
			session.close();
			throw new AssertionError("Connection to " + namespace + " refused: " + ex.getMessage()
					+ ((ex.data() != null) ? " " + ex.data() : ""), ex);
		}
		catch (RuntimeException ex) {
			session.close();
			throw new AssertionError("No connection to " + namespace + " within " + connectTimeout().toMillis()
					+ " ms: " + ex.getMessage(), ex);
		}
		return session;
	}

	/**
	 * Try to connect to a namespace and expect the server to refuse it.
	 * @param namespace the namespace
	 * @param auth the auth payload, or {@code null}
	 * @return the refusal, with the server's message and data
	 * @throws AssertionError if the connection succeeds or fails otherwise
	 */
	public SocketIOConnectException expectConnectError(String namespace, @Nullable Object auth) {
		SocketIOSession session = open(namespace, auth);
		try {
			session.socket().connect().block(connectTimeout());
		}
		catch (SocketIOConnectException ex) {
			return ex;
		}
		catch (RuntimeException ex) {
			throw new AssertionError("Expected " + namespace + " to be refused, but got: " + ex, ex);
		}
		finally {
			session.close();
		}
		throw new AssertionError("Expected " + namespace + " to be refused, but it connected");
	}

	private Duration connectTimeout() {
		return (this.timeout.compareTo(CONNECT_TIMEOUT) > 0) ? this.timeout : CONNECT_TIMEOUT;
	}

	private SocketIOSession open(String namespace, @Nullable Object auth) {
		SocketIOClient client = SocketIOClient.builder(this.uri.get())
			.path(this.path)
			.transports(this.transports)
			.reconnection(false)
			.timeout(connectTimeout())
			.build();
		SocketIOSession session = new SocketIOSession(client, client.socket(namespace, auth), this.timeout);
		synchronized (this.sessions) {
			this.sessions.add(session);
		}
		return session;
	}

	/**
	 * Close every session this tester opened.
	 */
	@Override
	public void close() {
		List<SocketIOSession> open;
		synchronized (this.sessions) {
			open = new ArrayList<>(this.sessions);
			this.sessions.clear();
		}
		open.forEach(SocketIOSession::close);
	}

}
