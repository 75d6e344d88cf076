package io.github.springsocketio.sample;

import java.util.Map;

import io.github.springsocketio.sample.conformance.NodeClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat demo under the {@code secure} profile, driven by socket.io-client 4.x: users
 * are known by their login, only moderators may clear a room's history, and nobody
 * joins without a login.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("secure")
class SecureChatTests {

	@LocalServerPort
	private int port;

	@Test
	void aUserIsKnownByLoginAndMayNotClearTheHistory() throws Exception {
		Map<String, Object> result = run("alice:alice", "join=\"general\"", "clear");
		assertThat(result.get("session")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("nickname", "alice");
		assertThat(acks(result).get("clear")).isEqualTo(Map.of("error", "unauthorized"));
	}

	@Test
	void aModeratorMayClearTheHistory() throws Exception {
		Map<String, Object> result = run("bob:bob", "join=\"general\"", "clear");
		assertThat(acks(result).get("clear")).isEqualTo(Map.of("room", "general"));
	}

	@Test
	void nobodyJoinsWithoutALogin() throws Exception {
		assertThat(run("none")).containsKey("connectError");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> acks(Map<String, Object> result) {
		return (Map<String, Object>) result.get("acks");
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> run(String credentials, String... events) throws Exception {
		String[] args = new String[3 + events.length];
		args[0] = "websocket";
		args[1] = "http://localhost:" + this.port + "/chat";
		args[2] = credentials;
		System.arraycopy(events, 0, args, 3, events.length);
		String output = NodeClient.run("secured-client.mjs", args);
		String line = output.lines().filter((candidate) -> candidate.startsWith("RESULT ")).findFirst().orElseThrow();
		return JsonMapper.builder().build().readValue(line.substring("RESULT ".length()), Map.class);
	}

}
