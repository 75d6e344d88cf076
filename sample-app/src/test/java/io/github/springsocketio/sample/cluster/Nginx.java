package io.github.springsocketio.sample.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real nginx in the foreground, started by a test with its own configuration and
 * everything it writes (pid, logs, temp files) under a temporary directory.
 * <p>
 * Uses {@code $NGINX} when set, else {@code nginx} from the PATH or {@code /usr/sbin}.
 */
final class Nginx implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private final Path directory;

	private final Process process;

	private Nginx(Path directory, Process process) {
		this.directory = directory;
		this.process = process;
	}

	/**
	 * Find the nginx executable.
	 * @return its path, if installed
	 */
	static Optional<Path> executable() {
		String configured = System.getenv("NGINX");
		if (configured != null && !configured.isBlank()) {
			return Optional.of(Path.of(configured)).filter(Files::isExecutable);
		}
		String path = System.getenv().getOrDefault("PATH", "");
		return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/sbin", "/usr/local/sbin"))
			.filter((dir) -> !dir.isBlank())
			.map((dir) -> Path.of(dir, "nginx"))
			.filter(Files::isExecutable)
			.findFirst();
	}

	/**
	 * Start nginx with a configuration whose relative paths resolve in a new temporary
	 * directory, and wait until it accepts connections on every port given.
	 * @param executable the nginx executable
	 * @param configuration the configuration text
	 * @param ports the ports it must listen on (127.0.0.1)
	 * @return the running nginx
	 * @throws IOException if it cannot be started
	 */
	static Nginx start(Path executable, String configuration, List<Integer> ports) throws IOException {
		Path directory = Files.createTempDirectory("nginx-");
		// worker processes run as an unprivileged user when nginx is started as root
		Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path config = directory.resolve("nginx.conf");
		Files.writeString(config, configuration, StandardCharsets.UTF_8);
		Process process = new ProcessBuilder(executable.toString(), "-p", directory + "/", "-c", config.toString(),
				"-g", "daemon off;")
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("stdout.log").toFile())
			.start();
		process.getOutputStream().close();
		Nginx nginx = new Nginx(directory, process);
		try {
			nginx.awaitAccepting(ports);
		}
		catch (RuntimeException ex) {
			nginx.close();
			throw ex;
		}
		return nginx;
	}

	private void awaitAccepting(List<Integer> ports) {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		for (int port : ports) {
			while (true) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("nginx exited: " + read("stdout.log") + read("error.log"));
				}
				try (Socket socket = new Socket()) {
					socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
					break;
				}
				catch (IOException ex) {
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException("nginx did not listen on " + port + " within "
								+ START_TIMEOUT.toSeconds() + " s: " + read("error.log"));
					}
					sleep(50);
				}
			}
		}
	}

	/**
	 * Return the access log so far ({@code access.log} in the directory).
	 * @return its text
	 */
	String accessLog() {
		return read("access.log");
	}

	/**
	 * Return the error log so far.
	 * @return its text
	 */
	String errorLog() {
		return read("error.log");
	}

	private String read(String file) {
		try {
			Path path = this.directory.resolve(file);
			return Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			return "(" + file + ": " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		// SIGTERM: a fast shutdown, the master stops its workers; a worker left over (the
		// master killed hard) would keep the port, so they go too if still alive
		List<ProcessHandle> workers = this.process.descendants().toList();
		this.process.destroy();
		try {
			if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		workers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
		deleteDirectory();
	}

	private void deleteDirectory() {
		try (Stream<Path> paths = Files.walk(this.directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// a temp directory
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return a configuration with each key replaced by its value, failing when a key does
	 * not occur (the file and the test drifted apart).
	 * @param template the configuration
	 * @param replacements text to replace, in order
	 * @return the rewritten configuration
	 */
	static String rewrite(String template, Map<String, String> replacements) {
		String result = template;
		for (Map.Entry<String, String> entry : replacements.entrySet()) {
			if (!result.contains(entry.getKey())) {
				throw new IllegalStateException("'" + entry.getKey() + "' not found in the nginx configuration");
			}
			result = result.replace(entry.getKey(), entry.getValue());
		}
		return result;
	}

}
