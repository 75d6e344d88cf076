package io.github.springsocketio.sample.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.springsocketio.sample.SampleApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official clients reconnect by themselves after the server goes away and comes
 * back on the same port: the script prints {@code READY_FOR_RESTART}, the test stops
 * the application and starts it again.
 */
class SocketIOReconnectInteropTests {

	private static final long TIMEOUT_SECONDS = 40;

	private ConfigurableApplicationContext context;

	static Stream<Arguments> cases() {
		Stream.Builder<Arguments> cases = Stream.builder();
		for (String client : SocketIOClientInteropTests.CLIENTS) {
			for (String mode : SocketIOClientInteropTests.MODES) {
				cases.add(Arguments.of(client, mode));
			}
		}
		return cases.build();
	}

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@ParameterizedTest(name = "socket.io-client {0}.x reconnects over {1}")
	@MethodSource("cases")
	void clientReconnectsAfterServerRestart(String client, String mode) throws Exception {
		int port = freePort();
		this.context = start(port);
		Process process = new ProcessBuilder("node", SocketIOClientInteropTests.SCRIPT, client, "reconnect", mode,
				"http://localhost:" + port)
			.directory(new java.io.File("src/test/js"))
			.redirectErrorStream(true)
			.start();
		process.getOutputStream().close();
		List<String> output = new ArrayList<>();
		boolean restarted = false;
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				output.add(line);
				if ("READY_FOR_RESTART".equals(line.trim()) && !restarted) {
					this.context.close();
					this.context = start(port);
					restarted = true;
				}
			}
		}
		boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		if (!finished) {
			process.destroyForcibly();
		}
		String printed = String.join(System.lineSeparator(), output);
		assertThat(restarted).as("script asked for a restart:%n%s", printed).isTrue();
		assertThat(finished && process.exitValue() == 0).as("script passed:%n%s", printed).isTrue();
		assertThat(printed).contains("PASS [v" + client + " reconnect " + mode + "]");
	}

	private static ConfigurableApplicationContext start(int port) {
		// a command-line argument, so that it wins over the profile's server.port
		return new SpringApplicationBuilder(SampleApplication.class).profiles("conformance")
			.run("--server.port=" + port);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

}
