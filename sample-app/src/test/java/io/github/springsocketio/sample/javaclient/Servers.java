package io.github.springsocketio.sample.javaclient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.sample.SampleApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The two servers the Java client is tested against: the sample app's conformance
 * fixture and the Node.js reference fixture ({@code src/test/js/reference-fixture.mjs}),
 * each on a free port.
 */
final class Servers {

	private Servers() {
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Start the sample app's conformance fixture.
	 * @param port the port
	 * @param args more command-line arguments
	 * @return the running application
	 */
	static ConfigurableApplicationContext ours(int port, String... args) {
		List<String> all = new ArrayList<>(List.of("--server.port=" + port));
		all.addAll(List.of(args));
		return new SpringApplicationBuilder(SampleApplication.class).profiles("conformance")
			.run(all.toArray(String[]::new));
	}

	/**
	 * The Node.js reference fixture in a child process.
	 */
	static final class Reference implements AutoCloseable {

		private final Process process;

		private final Path log;

		final int port;

		private Reference(int port, Process process, Path log) {
			this.port = port;
			this.process = process;
			this.log = log;
		}

		static Reference start(int port, String... args) throws IOException, InterruptedException {
			Path log = Files.createTempFile("reference-fixture-" + port + "-", ".log");
			List<String> command = new ArrayList<>(List.of("node", "reference-fixture.mjs", Integer.toString(port)));
			command.addAll(List.of(args));
			Process process = new ProcessBuilder(command).directory(Path.of("src", "test", "js").toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			process.getOutputStream().close();
			Reference reference = new Reference(port, process, log);
			long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
			// the script prints one line once it listens
			while (!reference.output().contains("Started on port " + port)) {
				if (!process.isAlive() || System.nanoTime() > deadline) {
					reference.close();
					throw new IllegalStateException("reference-fixture.mjs did not start:\n" + reference.output());
				}
				Thread.sleep(20);
			}
			return reference;
		}

		String output() {
			try {
				return Files.readString(this.log, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				return ex.toString();
			}
		}

		@Override
		public void close() throws InterruptedException {
			this.process.destroy();
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}

	}

}
