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
 * The official {@code socket.io-client} 4.x with {@code socket.io-msgpack-parser} 3.x
 * against the fixture started with {@code --socketio.parser=msgpack}: the scenarios of
 * {@code src/test/js/socketio-client.mjs} that exchange packets of every type (connect
 * with and without auth on {@code /} and other namespaces, events and acks with binary
 * both ways, server-emitted events and acks, broadcasts, CONNECT_ERROR from a middleware
 * and for an unknown namespace, server-side disconnect), over polling only (binary
 * messages as base64 in the payloads), WebSocket only and polling upgraded to WebSocket.
 * They pass against the Node.js reference fixture with {@code --parser msgpack} too.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, args = "--socketio.parser=msgpack")
@ActiveProfiles("conformance")
class SocketIOMsgpackInteropTests {

	private static final String[] SCENARIOS = { "connect-auth", "message-echo", "binary", "ack", "server-ack",
			"rooms", "broadcast", "disconnect-me", "custom-namespace", "protected", "dynamic", "invalid-namespace",
			"multiplex" };

	@LocalServerPort
	private int port;

	static Stream<Arguments> scenarios() {
		Stream.Builder<Arguments> cases = Stream.builder();
		for (String scenario : SCENARIOS) {
			for (String mode : SocketIOClientInteropTests.MODES) {
				cases.add(Arguments.of(scenario, mode));
			}
		}
		return cases.build();
	}

	@ParameterizedTest(name = "socket.io-client 4.x with msgpack: {0} over {1}")
	@MethodSource("scenarios")
	void officialClientWithMsgpackParser(String scenario, String mode) throws Exception {
		String output = NodeClient.run(SocketIOClientInteropTests.SCRIPT, "4", scenario, mode,
				"http://localhost:" + this.port, "msgpack");
		assertThat(output).contains("PASS [v4 " + scenario + " " + mode + " msgpack]");
	}

}
