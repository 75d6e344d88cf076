package io.github.springsocketio.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.springsocketio.autoconfigure.SocketIOServerCustomizer;
import io.github.springsocketio.engine.EngineIoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that resets its connection (TCP RST: a phone losing its network, a load
 * balancer giving up) in the middle of an exchange is normal life for a server: its
 * session ends, and nothing is logged at WARN or ERROR (the reset is logged at DEBUG).
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = ConnectionResetTests.ResetApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ConnectionResetTests {

	private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

	private static final Pattern LOUD = Pattern.compile("(?m)^.*\\s(WARN|ERROR)\\s.*$");

	@LocalServerPort
	private int port;

	@Autowired
	private EngineIoServer engine;

	@AfterEach
	void sessionsEnd() {
		await().atMost(Duration.ofSeconds(5)).until(() -> this.engine.sessionCount() == 0);
	}

	@Test
	void resetWhileTheServerWritesToAWebSocket(CapturedOutput output) throws Exception {
		try (Socket socket = connect()) {
			upgrade(socket, "/socket.io/?EIO=4&transport=websocket");
			sendText(socket, "40");
			sendText(socket, "42[\"flood\"]");
			// read a little of what the server writes flat out, then reset
			socket.getInputStream().readNBytes(4096);
			reset(socket);
		}
		sessionsEnd();
		assertQuiet(output);
	}

	@Test
	void resetInTheMiddleOfAWebSocketFrame(CapturedOutput output) throws Exception {
		try (Socket socket = connect()) {
			upgrade(socket, "/socket.io/?EIO=4&transport=websocket");
			sendText(socket, "40");
			await().atMost(Duration.ofSeconds(5)).until(() -> this.engine.sessionCount() == 1);
			// a masked text frame announcing 100 bytes, of which 3 arrive
			socket.getOutputStream().write(new byte[] { (byte) 0x81, (byte) 0xE4, 1, 2, 3, 4, 'a', 'b', 'c' });
			socket.getOutputStream().flush();
			reset(socket);
		}
		sessionsEnd();
		assertQuiet(output);
	}

	@Test
	void resetWhileAPollIsParked(CapturedOutput output) throws Exception {
		String sid = pollingHandshake();
		try (Socket socket = connect()) {
			request(socket, "GET", "/socket.io/?EIO=4&transport=polling&sid=" + sid, null, 0, false);
			reset(socket);
		}
		sessionsEnd();
		assertQuiet(output);
	}

	@Test
	void resetInTheMiddleOfAPollingBody(CapturedOutput output) throws Exception {
		String sid = pollingHandshake();
		try (Socket socket = connect()) {
			request(socket, "POST", "/socket.io/?EIO=4&transport=polling&sid=" + sid, "40{\"tok".getBytes(), 1000,
					false);
			reset(socket);
		}
		sessionsEnd();
		assertQuiet(output);
	}

	private static void assertQuiet(CapturedOutput output) {
		Matcher loud = LOUD.matcher(output.getAll());
		assertThat(loud.find()).as("a WARN or ERROR line: %s", loud.find(0) ? loud.group() : "").isFalse();
		assertThat(output.getAll()).doesNotContain("onErrorDropped").doesNotContain("Connection reset");
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket("127.0.0.1", this.port);
		socket.setSoTimeout(5000);
		return socket;
	}

	/** Close with a TCP RST instead of a FIN. */
	private static void reset(Socket socket) throws IOException {
		socket.setSoLinger(true, 0);
		socket.close();
	}

	private String pollingHandshake() throws IOException {
		try (Socket socket = connect()) {
			String answer = request(socket, "GET", "/socket.io/?EIO=4&transport=polling", null, 0, true);
			Matcher sid = SID.matcher(answer);
			assertThat(sid.find()).as(answer).isTrue();
			String id = sid.group(1);
			String path = "/socket.io/?EIO=4&transport=polling&sid=" + id;
			assertThat(request(socket, "POST", path, "40".getBytes(), 2, true)).endsWith("ok");
			// the CONNECT's answer: the session has nothing queued after it
			assertThat(request(socket, "GET", path, null, 0, true)).contains("40{");
			return id;
		}
	}

	/**
	 * Write a request and read its answer or not.
	 * @return the answer's head and body as text, or empty
	 */
	private static String request(Socket socket, String method, String path, byte[] body, int contentLength,
			boolean readAnswer) throws IOException {
		StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
			.append("Host: localhost\r\n");
		if (body != null) {
			head.append("Content-Type: text/plain;charset=UTF-8\r\nContent-Length: ").append(contentLength)
				.append("\r\n");
		}
		head.append("\r\n");
		OutputStream out = socket.getOutputStream();
		out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
		if (body != null) {
			out.write(body);
		}
		out.flush();
		return readAnswer ? readAnswer(socket.getInputStream()) : "";
	}

	private static String readAnswer(InputStream in) throws IOException {
		String head = readHead(in);
		Matcher length = Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
		int size = length.find() ? Integer.parseInt(length.group(1)) : 0;
		return head + new String(in.readNBytes(size), StandardCharsets.UTF_8);
	}

	private static String readHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("connection closed in the answer's head: " + head);
			}
			head.append((char) b);
		}
		return head.toString();
	}

	private static void upgrade(Socket socket, String path) throws IOException {
		String key = Base64.getEncoder().encodeToString("reset-test-key-1".getBytes(StandardCharsets.US_ASCII));
		String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
		socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
		assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 101");
	}

	/** A masked text frame of fewer than 126 bytes. */
	private static void sendText(Socket socket, String text) throws IOException {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		byte[] mask = { 7, 1, 7, 1 };
		byte[] frame = new byte[6 + payload.length];
		frame[0] = (byte) 0x81;
		frame[1] = (byte) (0x80 | payload.length);
		System.arraycopy(mask, 0, frame, 2, 4);
		for (int i = 0; i < payload.length; i++) {
			frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
		}
		socket.getOutputStream().write(frame);
		socket.getOutputStream().flush();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ResetApplication {

		@Bean
		SocketIOServerCustomizer floodOnRequest() {
			String chunk = "x".repeat(1024);
			return (io) -> io.onConnection((socket) -> socket.on("flood", (event) -> {
				for (int i = 0; i < 2000; i++) {
					socket.emit("chunk", chunk);
				}
			}));
		}

	}

}
