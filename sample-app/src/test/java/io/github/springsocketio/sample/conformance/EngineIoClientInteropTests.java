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
 * The official {@code engine.io-client} 6.x (EIO=4) and 3.x (EIO=3, as used by
 * socket.io-client 2.x) against the fixture's Engine.IO echo endpoint, over polling
 * only, WebSocket only and polling upgraded to WebSocket. The scenarios are in
 * {@code src/test/js/engineio-client.mjs}; they pass against the Node.js reference
 * server too.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("conformance")
class EngineIoClientInteropTests {

	private static final String SCRIPT = "engineio-client.mjs";

	@LocalServerPort
	private int port;

	static Stream<Arguments> scenarios() {
		Stream.Builder<Arguments> cases = Stream.builder();
		for (String client : new String[] { "6", "3" }) {
			for (String scenario : new String[] { "echo", "ping-timeout", "close", "too-large" }) {
				for (String mode : new String[] { "polling", "websocket", "upgrade" }) {
					cases.add(Arguments.of(client, scenario, mode));
				}
			}
		}
		return cases.build();
	}

	@ParameterizedTest(name = "engine.io-client {0}.x: {1} over {2}")
	@MethodSource("scenarios")
	void officialClient(String client, String scenario, String mode) throws Exception {
		String output = NodeClient.run(SCRIPT, client, scenario, mode, "http://localhost:" + this.port);
		assertThat(output).contains("PASS [v" + client + " " + scenario + " " + mode + "]");
	}

}
