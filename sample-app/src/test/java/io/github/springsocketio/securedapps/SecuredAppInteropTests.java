package io.github.springsocketio.securedapps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.github.springsocketio.sample.conformance.NodeClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * socket.io-client 4.x against secured applications with Spring Security's CSRF
 * protection on, over polling, WebSocket and the upgrade: it connects with
 * credentials, is refused without them, its handlers see who is calling, and method
 * security allows and denies per event.
 */
class SecuredAppInteropTests {

	private static final String ALICE = "alice:secret";

	private static ConfigurableApplicationContext bootDefaults;

	private static ConfigurableApplicationContext ownChain;

	@BeforeAll
	static void start() {
		bootDefaults = new SpringApplicationBuilder(SecuredApps.BootDefaults.class).web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "spring.security.user.name=alice", "spring.security.user.password=secret",
					"spring.security.user.roles=USER")
			.run();
		ownChain = new SpringApplicationBuilder(SecuredApps.OwnChain.class).web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "socketio.controllers.executor=bounded-elastic")
			.run();
	}

	@AfterAll
	static void stop() {
		bootDefaults.close();
		ownChain.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "polling", "websocket", "upgrade" })
	void bootsDefaultSecurityServesAuthenticatedClientsAndHandlersSeeThem(String mode) throws Exception {
		Map<String, Object> result = run(bootDefaults, mode, ALICE, "whoami", "whoami-holder", "whoami-reactive",
				"principal", "whoami-listener", "user-only", "admin-only");
		assertThat(result.get("transport")).isEqualTo(mode.equals("polling") ? "polling" : "websocket");
		assertThat(acks(result)).containsEntry("whoami", "alice")
			.containsEntry("whoami-holder", "alice")
			.containsEntry("whoami-reactive", "alice")
			.containsEntry("principal", "alice")
			.containsEntry("whoami-listener", "alice")
			.containsEntry("user-only", "hello user")
			.containsEntry("admin-only", Map.of("error", "Access Denied"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "polling", "websocket", "upgrade" })
	void theApplicationsOwnChainServesAuthenticatedClientsAndHandlersSeeThem(String mode) throws Exception {
		Map<String, Object> result = run(ownChain, mode, ALICE, "whoami", "whoami-holder", "user-only",
				"admin-only");
		assertThat(acks(result)).containsEntry("whoami", "alice")
			.containsEntry("whoami-holder", "alice on boundedElastic")
			.containsEntry("user-only", "hello user")
			.containsEntry("admin-only", Map.of("error", "Access Denied"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "polling", "websocket" })
	void clientsWithoutCredentialsAreRefused(String mode) throws Exception {
		assertThat(run(bootDefaults, mode, "none")).containsKey("connectError");
		assertThat(run(ownChain, mode, "none")).containsKey("connectError");
		assertThat(run(ownChain, mode, "alice:wrong")).containsKey("connectError");
	}

	@ParameterizedTest
	@ValueSource(strings = { "polling", "websocket" })
	void accessRulesDecideWhoJoinsWhichNamespaceAndSendsWhichEvent(String mode) throws Exception {
		assertThat(runAt(ownChain, "/admin", mode, ALICE)).containsEntry("connectError", "unauthorized");
		assertThat(acks(runAt(ownChain, "/admin", mode, "root:secret", "whoami"))).containsEntry("whoami", "admin");
		assertThat(acks(run(ownChain, mode, ALICE, "moderate", "whoami")))
			.containsEntry("moderate", Map.of("error", "unauthorized"))
			.containsEntry("whoami", "alice");
		assertThat(acks(run(ownChain, mode, "root:secret", "moderate"))).containsEntry("moderate", "moderated");
	}

	@Test
	void csrfProtectionStaysOnForTheApplicationsOtherRequests() throws Exception {
		// the control: a POST elsewhere is refused for want of a CSRF token, while the
		// same user's GET there passes security (and finds nothing)
		assertThat(request(bootDefaults, "POST", "/anything").statusCode()).isEqualTo(403);
		assertThat(request(bootDefaults, "GET", "/anything").statusCode()).isEqualTo(404);
	}

	private static HttpResponse<String> request(ConfigurableApplicationContext app, String method, String path)
			throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port(app) + path))
				.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(ALICE.getBytes()))
				.method(method, HttpRequest.BodyPublishers.ofString("40"))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> acks(Map<String, Object> result) {
		return (Map<String, Object>) result.get("acks");
	}

	private static Map<String, Object> run(ConfigurableApplicationContext app, String mode, String credentials,
			String... events) throws Exception {
		return runAt(app, "/", mode, credentials, events);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> runAt(ConfigurableApplicationContext app, String namespace, String mode,
			String credentials, String... events) throws Exception {
		String url = "http://localhost:" + port(app) + (namespace.equals("/") ? "" : namespace);
		List<String> args = new ArrayList<>(List.of(mode, url, credentials));
		args.addAll(List.of(events));
		String output = NodeClient.run("secured-client.mjs", args.toArray(String[]::new));
		String line = output.lines()
			.filter((candidate) -> candidate.startsWith("RESULT "))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no RESULT in:\n" + output));
		return JsonMapper.builder().build().readValue(line.substring("RESULT ".length()), Map.class);
	}

	private static int port(ConfigurableApplicationContext app) {
		return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
	}

}
