package io.github.springsocketio.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import io.github.springsocketio.sample.conformance.NodeClient;
import io.github.springsocketio.test.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The packaged sample app in Spring AOT mode: {@code java -Dspring.aot.enabled=true -jar
 * target/sample-app.jar} with the conformance profile, whose AOT sources the build
 * generates ({@code process-aot}), driven by the official clients. Run by Failsafe after
 * {@code package}. Spring Boot logs that it starts the AOT-processed application, which
 * fails to start in AOT mode without the generated initializer; the scenarios
 * then cover the annotated controllers (events, acknowledgements from plain and reactive
 * methods, {@code @BeforeConnect} with {@code @Auth}, the last exception handler), rooms
 * and broadcasts, the programmatic dynamic namespaces, the Engine.IO echo endpoint, the
 * served client bundle and the actuator endpoint.
 */
class AotJarIT {

	private static final Path JAR = Path.of("target", "sample-app.jar");

	private static final String AOT_INITIALIZER = "BOOT-INF/classes/io/github/springsocketio/sample/"
			+ "SampleApplication__ApplicationContextInitializer.class";

	private static final String STARTED = "Started SampleApplication";

	/** What Spring Boot logs when it starts from the AOT-generated initializer. */
	private static final String STARTING_AOT = "Starting AOT-processed SampleApplication";

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private static Process app;

	private static Path log;

	private static String url;

	@BeforeAll
	static void startTheJarInAotMode() throws Exception {
		assertThat(JAR).as("the packaged sample app (mvn package)").isRegularFile();
		try (JarFile jar = new JarFile(JAR.toFile())) {
			assertThat(jar.getEntry(AOT_INITIALIZER)).as("the AOT-generated initializer in the jar").isNotNull();
		}
		int port = RedisServer.freePort();
		url = "http://127.0.0.1:" + port;
		log = Files.createTempFile("sample-app-aot", ".log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		app = new ProcessBuilder(java, "-Dspring.aot.enabled=true", "-jar", JAR.toString(),
				"--spring.profiles.active=conformance", "--server.port=" + port)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		app.getOutputStream().close();
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (!read(log).contains(STARTED)) {
			if (!app.isAlive()) {
				fail("The jar did not start in AOT mode (exit %d):%n%s", app.exitValue(), read(log));
			}
			if (System.nanoTime() > deadline) {
				fail("The jar did not start in AOT mode within %d s:%n%s", STARTUP.toSeconds(), read(log));
			}
			Thread.sleep(100);
		}
		assertThat(read(log)).contains(STARTING_AOT);
	}

	@AfterAll
	static void stop() throws Exception {
		if (app != null) {
			app.destroy();
			if (!app.waitFor(15, TimeUnit.SECONDS)) {
				app.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		if (log != null) {
			Files.deleteIfExists(log);
		}
	}

	@ParameterizedTest(name = "socket.io-client 4.x: {0} over {1}")
	@CsvSource({ "connect-auth, websocket", "message-echo, polling", "ack, upgrade", "server-ack, websocket",
			"rooms, websocket", "broadcast, upgrade", "binary, websocket", "handshake, polling", "slow, websocket",
			"throw, websocket", "protected, websocket", "custom-namespace, polling", "dynamic, websocket" })
	void officialClient(String scenario, String mode) throws Exception {
		String output = NodeClient.run("socketio-client.mjs", "4", scenario, mode, url);
		assertThat(output).contains("PASS [v4 " + scenario + " " + mode + "]");
	}

	@Test
	void engineIoEchoEndpoint() throws Exception {
		NodeClient.run("engineio-client.mjs", "6", "echo", "upgrade", url);
	}

	@Test
	void clientBundleIsServed() throws Exception {
		HttpResponse<String> response = get("/socket.io/socket.io.min.js");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("ETag"))
			.hasValueSatisfying((etag) -> assertThat(etag).startsWith("\"4."));
		assertThat(response.body()).isNotEmpty();
	}

	@Test
	void actuatorEndpointDescribesTheNamespaces() throws Exception {
		HttpResponse<String> response = get("/actuator/socketio");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"namespaces\"").contains("\"/protected\"").contains("\"settings\"");
	}

	private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10)).build();
		return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static String read(Path file) throws IOException {
		return Files.readString(file, StandardCharsets.UTF_8);
	}

}
