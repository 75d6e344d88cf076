package io.github.springsocketio.sample.conformance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection state recovery with the official {@code socket.io-client} 4.x: the
 * transport is cut, events are sent meanwhile, and the client reconnects with the same
 * socket id and rooms, {@code socket.recovered === true}, every missed event exactly
 * once and in order ({@code src/test/js/recovery-client.mjs}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "socketio.connection-state-recovery.enabled=true")
@ActiveProfiles("conformance")
class SocketIORecoveryInteropTests {

	@LocalServerPort
	private int port;

	@ParameterizedTest(name = "socket.io-client 4.x recovers over {0}")
	@ValueSource(strings = { "websocket", "polling" })
	void officialClientRecovers(String mode) throws Exception {
		String output = NodeClient.run("recovery-client.mjs", mode, "http://localhost:" + this.port);
		assertThat(output).contains("PASS [recovery " + mode + "]");
	}

}
