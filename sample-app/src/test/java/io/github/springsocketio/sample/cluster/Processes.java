package io.github.springsocketio.sample.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;

/**
 * What the cluster tests share about the processes they start: a Node.js script of
 * {@code src/test/js} with a temporary log ({@link ControlledScript},
 * {@link ReferenceNode}), stopping it, and stopping everything a test class started.
 */
final class Processes {

	private Processes() {
	}

	/**
	 * Return a builder for {@code node <script> <args...>} in {@code src/test/js}.
	 * @param script the script file name
	 * @param args its arguments
	 * @return the builder, its streams not redirected yet
	 */
	static ProcessBuilder node(String script, String... args) {
		List<String> command = new ArrayList<>(List.of("node", script));
		command.addAll(List.of(args));
		return new ProcessBuilder(command).directory(Path.of("src", "test", "js").toFile());
	}

	/**
	 * Return what a process wrote to its log so far.
	 * @param log the log file
	 * @return its text
	 */
	static String read(Path log) {
		try {
			return Files.readString(log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/**
	 * Stop a process and delete its log: wait for it to end by itself, then SIGTERM and
	 * wait again, then SIGKILL.
	 * @param process the process
	 * @param exit how long it may take to end by itself (zero: SIGTERM at once)
	 * @param term how long it may take to end after SIGTERM
	 * @param log its temporary log
	 */
	static void stop(Process process, Duration exit, Duration term, Path log) {
		try {
			if (!process.waitFor(exit.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroy();
				if (!process.waitFor(term.toMillis(), TimeUnit.MILLISECONDS)) {
					process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			Files.deleteIfExists(log);
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			// a temp file
		}
	}

	/**
	 * Close each of what a test class started, in order, skipping the ones not started;
	 * one that fails to stop is logged and the others are closed all the same.
	 * @param logger the test class's logger
	 * @param closeables what it started, {@code null} when not started
	 */
	static void closeAll(Logger logger, AutoCloseable... closeables) {
		for (AutoCloseable closeable : closeables) {
			if (closeable != null) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					logger.warn("Could not stop {}", closeable, ex);
				}
			}
		}
	}

}
