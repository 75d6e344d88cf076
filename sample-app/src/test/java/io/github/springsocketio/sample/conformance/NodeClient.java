package io.github.springsocketio.sample.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs one scenario script of {@code src/test/js} (official npm clients, installed by
 * the build) and asserts that it passed.
 */
public final class NodeClient {

	private static final Path SCRIPTS = Path.of("src", "test", "js");

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private NodeClient() {
	}

	/**
	 * Run a script and fail with its output unless it exits with 0 within 30 s.
	 * @param script the script file name
	 * @param args its arguments
	 * @return what the script printed
	 * @throws IOException if the script cannot be started
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	public static String run(String script, String... args) throws IOException, InterruptedException {
		return run(TIMEOUT, script, args);
	}

	/**
	 * Run a script and fail with its output unless it exits with 0 in time.
	 * @param timeout how long the script may run
	 * @param script the script file name
	 * @param args its arguments
	 * @return what the script printed
	 * @throws IOException if the script cannot be started
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	public static String run(Duration timeout, String script, String... args)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("node", script));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).directory(SCRIPTS.toFile()).redirectErrorStream(true).start();
		process.getOutputStream().close();
		boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (!finished) {
			// a browser the script launched too
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
		}
		String output = read(process.getInputStream());
		if (!finished) {
			fail("%s %s did not finish within %d s:%n%s", script, String.join(" ", args), timeout.toSeconds(), output);
		}
		assertThat(process.exitValue()).as("exit code of %s %s, output:%n%s", script, String.join(" ", args), output)
			.isZero();
		return output;
	}

	private static String read(InputStream input) throws IOException {
		try (input) {
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
