package io.github.springsocketio.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (Debian package {@code redis-server}) started by a test on
 * a free loopback port, without persistence. It can be killed (SIGKILL, as a crash) and
 * started again on the same port, to test what survives a Redis outage.
 * <p>
 * Uses {@code $REDIS_SERVER} when set, else {@code redis-server} from the PATH.
 */
public final class RedisServer implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private final int port;

	private final Path log;

	private Process process;

	private RedisServer(int port) {
		this.port = port;
		try {
			this.log = Files.createTempFile("redis-" + port + "-", ".log");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Start a server on a free port and wait until it accepts connections.
	 * @return the running server
	 */
	public static RedisServer start() {
		RedisServer server = new RedisServer(freePort());
		server.restart();
		return server;
	}

	/**
	 * Return the port.
	 * @return the TCP port on 127.0.0.1
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Return the host.
	 * @return {@code 127.0.0.1}
	 */
	public String host() {
		return "127.0.0.1";
	}

	/**
	 * Return whether the process is alive.
	 * @return whether it runs
	 */
	public boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * Kill the server with SIGKILL, as a crash, and wait until it is gone.
	 */
	public void kill() {
		if (this.process != null) {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	/**
	 * Stop the process (SIGSTOP): connections stay open but nothing is answered, as with
	 * a Redis that hangs.
	 */
	public void pause() {
		signal("STOP");
	}

	/**
	 * Let a paused process go on (SIGCONT).
	 */
	public void resume() {
		signal("CONT");
	}

	private void signal(String name) {
		if (this.process == null) {
			throw new IllegalStateException("redis-server is not running");
		}
		try {
			Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(this.process.pid())).start();
			if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + name + " failed for " + this);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Start the server again on the same port (after {@link #kill()}), empty, and wait
	 * until it accepts connections.
	 */
	public void restart() {
		if (isRunning()) {
			throw new IllegalStateException("redis-server already running on port " + this.port);
		}
		String executable = System.getenv().getOrDefault("REDIS_SERVER", "redis-server");
		List<String> command = List.of(executable, "--port", Integer.toString(this.port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no", "--protected-mode", "no");
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.directory(new File(System.getProperty("java.io.tmpdir")))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + executable
					+ " (install Debian's redis-server package or set REDIS_SERVER)", ex);
		}
		awaitAccepting();
	}

	private void awaitAccepting() {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("redis-server exited: " + readLog());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(host(), this.port), 200);
				return;
			}
			catch (IOException ex) {
				sleep(50);
			}
		}
		throw new IllegalStateException("redis-server did not accept connections on port " + this.port
				+ " within " + START_TIMEOUT.toSeconds() + " s: " + readLog());
	}

	private String readLog() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
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
	 * Return a TCP port nobody listens on right now.
	 * @return the port
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		kill();
		try {
			Files.deleteIfExists(this.log);
		}
		catch (IOException ex) {
			// a temp file
		}
	}

	@Override
	public String toString() {
		return "redis-server on " + host() + ":" + this.port;
	}

}
