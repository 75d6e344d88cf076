package io.github.springsocketio.sample.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.springsocketio.test.RedisServer;

/**
 * The reference fixture ({@code src/test/js/reference-fixture.mjs}, Node.js socket.io
 * 4.8 with {@code @socket.io/redis-adapter} 8.x) as one node of a cluster, in its own
 * process on a free port.
 */
final class ReferenceNode implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

	private final int port;

	private final Process process;

	private final Path log;

	private ReferenceNode(int port, Process process, Path log) {
		this.port = port;
		this.process = process;
		this.log = log;
	}

	/**
	 * Start a node and wait until it accepts connections.
	 * @param redis the cluster's Redis
	 * @param extra more arguments of reference-fixture.mjs ({@code --adapter redis-streams},
	 * {@code --recovery})
	 * @return the running node
	 * @throws IOException if the process cannot be started
	 * @throws InterruptedException if interrupted while waiting
	 */
	static ReferenceNode start(RedisServer redis, String... extra) throws IOException, InterruptedException {
		int port = RedisServer.freePort();
		Path log = Files.createTempFile("reference-node-" + port + "-", ".log");
		List<String> args = new ArrayList<>(
				List.of(Integer.toString(port), "--redis", redis.host() + ":" + redis.port()));
		args.addAll(List.of(extra));
		Process process = Processes.node("reference-fixture.mjs", args.toArray(String[]::new))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		process.getOutputStream().close();
		ReferenceNode node = new ReferenceNode(port, process, log);
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!node.output().contains("Started on port " + port)) {
			if (!process.isAlive() || System.nanoTime() > deadline) {
				node.close();
				throw new IllegalStateException("reference-fixture.mjs did not start on port " + port + ":\n"
						+ node.output());
			}
			Thread.sleep(50);
		}
		return node;
	}

	/**
	 * Return the base URL.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * Return whether the process still runs.
	 * @return whether it is alive
	 */
	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Return what the process printed so far.
	 * @return its output
	 */
	String output() {
		return Processes.read(this.log);
	}

	@Override
	public void close() {
		Processes.stop(this.process, Duration.ZERO, Duration.ofSeconds(5), this.log);
	}

	@Override
	public String toString() {
		return "Node.js node on " + this.port;
	}

}
