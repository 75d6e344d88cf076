package io.github.springsocketio.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP over a plain socket, for what a client library hides: a refused WebSocket
 * upgrade checked byte for byte (status, headers, body), several requests on one
 * connection, a connection closed by the server.
 */
final class RawHttp {

	/**
	 * The answer to an upgrade request.
	 *
	 * @param status the status code
	 * @param headers the headers, names in lower case
	 * @param body the body (empty for a 101)
	 */
	record Response(int status, Map<String, String> headers, String body) {

		String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

	private RawHttp() {
	}

	/**
	 * Send a WebSocket upgrade request and read the response head, and its body unless
	 * the upgrade was accepted. The socket is closed afterwards.
	 * @param port the server port
	 * @param pathAndQuery the request target
	 * @return the response
	 * @throws IOException on a network failure or a timeout (5 s)
	 */
	static Response upgrade(int port, String pathAndQuery) throws IOException {
		return upgrade(port, pathAndQuery, null);
	}

	/**
	 * A WebSocket upgrade request from a page of an origin.
	 * @param port the server port
	 * @param pathAndQuery the request target
	 * @param origin the {@code Origin} header, or {@code null} for none
	 * @return the response (its head only when the upgrade succeeded)
	 * @throws IOException if the exchange fails
	 */
	static Response upgrade(int port, String pathAndQuery, String origin) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + pathAndQuery + " HTTP/1.1\r\n" + "Host: localhost:" + port + "\r\n"
					+ ((origin != null) ? "Origin: " + origin + "\r\n" : "")
					+ "Connection: Upgrade\r\n" + "Upgrade: websocket\r\n" + "Sec-WebSocket-Version: 13\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" + "\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return readResponse(socket.getInputStream(), true);
		}
	}

	/**
	 * Open a connection for several requests.
	 * @param port the server port
	 * @return the connection, reads time out after 5 s
	 * @throws IOException if it cannot connect
	 */
	static Connection connect(int port) throws IOException {
		return new Connection(port);
	}

	/**
	 * A GET.
	 * @param target the request target
	 * @return the request's bytes as text
	 */
	static String get(String target) {
		return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
	}

	/**
	 * A POST with a {@code Content-Length}.
	 * @param target the request target
	 * @param body the body, ASCII
	 * @return the request's bytes as text
	 */
	static String post(String target, String body) {
		return "POST " + target + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + body.length() + "\r\n\r\n"
				+ body;
	}

	/**
	 * A POST whose body is one chunk.
	 * @param target the request target
	 * @param body the body, ASCII
	 * @param finished whether the last (empty) chunk follows
	 * @return the request's bytes as text
	 */
	static String chunkedPost(String target, String body, boolean finished) {
		return "POST " + target + " HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
				+ Integer.toHexString(body.length()) + "\r\n" + body + "\r\n" + (finished ? "0\r\n\r\n" : "");
	}

	/**
	 * Read one response: its head, and its body unless it is a 101.
	 * @param in the connection's input
	 * @param untilEndIfNoLength read a body without {@code Content-Length} up to the end
	 * of the connection (otherwise it is taken as empty)
	 * @return the response
	 * @throws IOException on a network failure, a timeout or a connection closed early
	 */
	static Response readResponse(InputStream in, boolean untilEndIfNoLength) throws IOException {
		String statusLine = readLine(in);
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
			int colon = line.indexOf(':');
			headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
		}
		if (status == 101) {
			return new Response(status, headers, "");
		}
		String length = headers.get("content-length");
		byte[] body = (length != null) ? in.readNBytes(Integer.parseInt(length))
				: untilEndIfNoLength ? in.readAllBytes() : new byte[0];
		return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	/**
	 * Send the start of a request, then drop the connection without reading anything.
	 * @param port the server port
	 * @param requestHead the bytes to send (request line, headers, perhaps some body)
	 * @throws IOException on a network failure
	 */
	static void sendAndDisconnect(int port, String requestHead) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.getOutputStream().write(requestHead.getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream().flush();
			try {
				// give the server a moment to start handling the request
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1) {
			if (b == '\n') {
				break;
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		if (b == -1 && line.size() == 0) {
			throw new IOException("connection closed before the response was complete");
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	/**
	 * A connection kept open for several requests, one at a time.
	 */
	static final class Connection implements AutoCloseable {

		private final Socket socket;

		private Connection(int port) throws IOException {
			this.socket = new Socket("localhost", port);
			this.socket.setSoTimeout(5000);
		}

		/**
		 * Send a request and read its response (a body without {@code Content-Length}
		 * is taken as empty).
		 * @param request the request's bytes as text, ASCII
		 * @return the response
		 * @throws IOException on a network failure, a timeout or a connection closed
		 */
		Response exchange(String request) throws IOException {
			send(request);
			return read();
		}

		/**
		 * Send bytes: a request, part of one, or several at once (pipelined).
		 * @param requests the bytes as text, ASCII
		 * @throws IOException on a network failure
		 */
		void send(String requests) throws IOException {
			OutputStream out = this.socket.getOutputStream();
			out.write(requests.getBytes(StandardCharsets.US_ASCII));
			out.flush();
		}

		/**
		 * Read the next response.
		 * @return the response
		 * @throws IOException on a network failure, a timeout or a connection closed
		 */
		Response read() throws IOException {
			return readResponse(this.socket.getInputStream(), false);
		}

		/**
		 * Read on until the server closes the connection or sends something.
		 * @return {@code true} if the server closed it with nothing more
		 * @throws IOException on a network failure or a timeout
		 */
		boolean isClosedByServer() throws IOException {
			return this.socket.getInputStream().read() == -1;
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
