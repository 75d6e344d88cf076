package io.github.springsocketio.sample.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.fail;

/**
 * A Node.js script of {@code src/test/js} driven over its standard streams with one JSON
 * object per line ({@code cluster-peer.mjs}, {@code fleet-clients.mjs}): it prints
 * {@code {"ready":true}} once started, then answers each command
 * {@code {"id":n,"op":...}} with one line {@code {"id":n,"ok":...,"result":...}}. Its
 * standard error goes to a temporary log, shown when something fails.
 */
final class ControlledScript implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

	private final String name;

	private final Process process;

	private final Path log;

	private final OutputStream stdin;

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private final AtomicInteger ids = new AtomicInteger();

	private ControlledScript(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.stdin = process.getOutputStream();
		Thread reader = new Thread(this::readLines, name + "-stdout");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Start {@code node <script> <args...>} in {@code src/test/js} and wait for its ready
	 * line.
	 * @param name a name for messages and logs
	 * @param script the script file name
	 * @param args its arguments
	 * @return the running script
	 * @throws IOException if it cannot be started
	 */
	static ControlledScript start(String name, String script, String... args) throws IOException {
		ProcessBuilder command = Processes.node(script, args);
		Path log = Files.createTempFile(name + "-", ".log");
		Process process = command.redirectError(log.toFile()).start();
		ControlledScript controlled = new ControlledScript(name, process, log);
		try {
			JsonNode ready = controlled.next((line) -> line.path("ready").asBoolean(false), START_TIMEOUT);
			if (ready == null) {
				fail("%s (%s) did not start within %d s:%n%s", name, String.join(" ", command.command()),
						START_TIMEOUT.toSeconds(), controlled.log());
			}
		}
		catch (RuntimeException | Error ex) {
			controlled.close();
			throw ex;
		}
		return controlled;
	}

	private void readLines() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.lines.add(line);
			}
		}
		catch (IOException ex) {
			// the process ended
		}
	}

	/**
	 * Send a command and return its successful result.
	 * @param op the operation
	 * @param timeout how long to wait for the answer
	 * @param fields the command's other fields, as name, value pairs
	 * @return the {@code result}
	 */
	JsonNode result(String op, Duration timeout, Object... fields) {
		JsonNode answer = call(op, timeout, fields);
		if (!answer.path("ok").asBoolean(false)) {
			fail("%s %s failed: %s%nlog:%n%s", this.name, op, answer, log());
		}
		return answer.path("result");
	}

	/**
	 * Send a command and return its successful result, waiting at most 10 s.
	 * @param op the operation
	 * @param fields the command's other fields, as name, value pairs
	 * @return the {@code result}
	 */
	JsonNode result(String op, Object... fields) {
		return result(op, Duration.ofSeconds(10), fields);
	}

	/**
	 * Send a command and return its whole answer ({@code ok}, {@code result},
	 * {@code error}).
	 * @param op the operation
	 * @param timeout how long to wait for the answer
	 * @param fields the command's other fields, as name, value pairs
	 * @return the answer
	 */
	JsonNode call(String op, Duration timeout, Object... fields) {
		int id = this.ids.incrementAndGet();
		Map<String, Object> command = new LinkedHashMap<>();
		command.put("id", id);
		command.put("op", op);
		for (int i = 0; i + 1 < fields.length; i += 2) {
			command.put((String) fields[i], fields[i + 1]);
		}
		try {
			this.stdin.write((JSON.writeValueAsString(command) + "\n").getBytes(StandardCharsets.UTF_8));
			this.stdin.flush();
		}
		catch (IOException ex) {
			fail("%s: could not send %s (%s)%nlog:%n%s", this.name, command, ex.getMessage(), log());
		}
		JsonNode answer = next((line) -> line.path("id").asInt(-1) == id, timeout);
		if (answer == null) {
			fail("%s: no answer to %s within %d ms (alive: %s)%nlog:%n%s", this.name, command, timeout.toMillis(),
					this.process.isAlive(), log());
		}
		return answer;
	}

	private JsonNode next(java.util.function.Predicate<JsonNode> wanted, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return null;
			}
			String line;
			try {
				line = this.lines.poll(left, TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
			if (line == null) {
				return null;
			}
			try {
				JsonNode node = JSON.readTree(line);
				if (node != null && wanted.test(node)) {
					return node;
				}
			}
			catch (JacksonException ex) {
				// not a protocol line
			}
		}
	}

	/**
	 * Return what the script wrote to its standard error so far.
	 * @return the log
	 */
	String log() {
		return Processes.read(this.log);
	}

	/**
	 * Return whether the process still runs.
	 * @return whether it is alive
	 */
	boolean isAlive() {
		return this.process.isAlive();
	}

	@Override
	public void close() {
		try {
			this.stdin.close();
		}
		catch (IOException ex) {
			// it ended already
		}
		// it ends by itself once its stdin is closed
		Processes.stop(this.process, Duration.ofSeconds(3), Duration.ofSeconds(3), this.log);
	}

	@Override
	public String toString() {
		return this.name;
	}

}
