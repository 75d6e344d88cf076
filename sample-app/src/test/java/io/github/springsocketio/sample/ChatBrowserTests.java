package io.github.springsocketio.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.springsocketio.sample.conformance.NodeClient;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The chat page in headless Chromium (Debian's {@code chromium}, driven by
 * {@code playwright-core}): two people chat, send images, one reconnects and reloads
 * ({@code src/test/js/browser-chat.mjs}). The page uses the client bundle the
 * application serves at {@code /socket.io/socket.io.js}.
 * <p>
 * Without Chromium the test fails under CI ({@code CI=true}) and is skipped elsewhere.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ChatBrowserTests {

	private static final Logger logger = LoggerFactory.getLogger(ChatBrowserTests.class);

	private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));

	private static final Path SCREENSHOT = Path.of("target", "browser-chat.png");

	@LocalServerPort
	private int port;

	@Test
	void twoPeopleChatInTheBrowser() throws Exception {
		requireChromium();
		Files.deleteIfExists(SCREENSHOT);
		String output = NodeClient.run(Duration.ofSeconds(90), "browser-chat.mjs", "http://localhost:" + this.port,
				SCREENSHOT.toAbsolutePath().toString());
		logger.info("browser-chat.mjs:{}{}", System.lineSeparator(), output.strip());
		assertThat(output).contains("ok open", "ok typing", "ok message", "ok image-upload", "ok image-paste",
				"ok image-limits", "ok reconnect", "ok reload", "PASS [browser-chat]");
		assertThat(SCREENSHOT).isNotEmptyFile();
	}

	private static void requireChromium() {
		if (Files.isExecutable(CHROMIUM)) {
			return;
		}
		String message = "No Chromium at " + CHROMIUM + ": install Debian's chromium package "
				+ "(apt-get install -y --no-install-recommends chromium; .ci/run does) or set CHROMIUM_PATH";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			fail(message);
		}
		assumeTrue(false, message + " (skipped: CI is not set)");
	}

}
