package io.github.springsocketio.sample.conformance;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official {@code socket.io-client} 4.x and 2.x (Engine.IO v3) against every row
 * of the fixture's Socket.IO table, over polling only, WebSocket only and polling
 * upgraded to WebSocket. The scenarios are in {@code src/test/js/socketio-client.mjs};
 * they pass against the Node.js reference fixture too ({@code reference-fixture.mjs}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("conformance")
class SocketIOClientInteropTests {

	static final String SCRIPT = "socketio-client.mjs";

	private static final String[] SCENARIOS = { "connect-auth", "message-echo", "binary", "ack", "server-ack",
			"rooms", "broadcast", "handshake", "slow", "throw", "disconnect-me", "custom-namespace", "protected",
			"dynamic", "invalid-namespace", "multiplex", "connect-timeout" };

	static final String[] MODES = { "polling", "websocket", "upgrade" };

	static final String[] CLIENTS = { "4", "2" };

	@LocalServerPort
	private int port;

	static Stream<Arguments> scenarios() {
		Stream.Builder<Arguments> cases = Stream.builder();
		for (String client : CLIENTS) {
			for (String scenario : SCENARIOS) {
				for (String mode : MODES) {
					cases.add(Arguments.of(client, scenario, mode));
				}
			}
		}
		return cases.build();
	}

	@ParameterizedTest(name = "socket.io-client {0}.x: {1} over {2}")
	@MethodSource("scenarios")
	void officialClient(String client, String scenario, String mode) throws Exception {
		String output = NodeClient.run(SCRIPT, client, scenario, mode, "http://localhost:" + this.port);
		assertThat(output).contains("PASS [v" + client + " " + scenario + " " + mode + "]");
	}

}
