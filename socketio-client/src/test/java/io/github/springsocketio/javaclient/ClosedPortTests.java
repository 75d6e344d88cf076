package io.github.springsocketio.javaclient;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Without reconnection, a connection to a port where nothing listens fails at once.
 */
class ClosedPortTests {

	@Test
	void pollingToAClosedPortFails() throws IOException {
		check(Transport.POLLING);
	}

	@Test
	void webSocketToAClosedPortFails() throws IOException {
		check(Transport.WEBSOCKET);
	}

	private static void check(Transport transport) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		SocketIOClient client = SocketIOClient.builder(URI.create("http://127.0.0.1:" + port))
			.transports(transport)
			.reconnection(false)
			.scheduler(VirtualTimeScheduler.create())
			.build();
		assertThatExceptionOfType(SocketIOClientException.class)
			.isThrownBy(() -> client.socket("/").connect().block(Duration.ofSeconds(5)))
			.withMessageStartingWith("connection failed: ");
	}

}
