package io.github.springsocketio.sample.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.springsocketio.sample.conformance.NodeClient;
import io.github.springsocketio.test.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several nodes on one real {@code redis-server}: two sample apps in this JVM (the
 * conformance fixture with {@code socketio.adapter.type=redis}) and the Node.js reference
 * fixture with {@code @socket.io/redis-adapter} 8.x, driven by socket.io-client 4.x and
 * {@code @socket.io/redis-emitter} 5.x ({@code src/test/js/cluster-client.mjs}).
 * <p>
 * Java + Java, Java + Node.js and Node.js + Node.js (the yardstick) fleets: {@code to-room}
 * and {@code broadcast} reach clients on the other node, binary byte-exact; the emitter
 * reaches clients on a Java node; and a Redis crash (SIGKILL) and restart on the same
 * port, last: local delivery goes on meanwhile, cross-node delivery comes back without
 * restarting the nodes.
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class ClusterInteropTests {

	private static final Logger logger = LoggerFactory.getLogger(ClusterInteropTests.class);

	private static final String SCRIPT = "cluster-client.mjs";

	private static final Duration OUTAGE_TIMEOUT = Duration.ofSeconds(70);

	private RedisServer redis;

	private JavaNode java1;

	private JavaNode java2;

	private ReferenceNode node1;

	private ReferenceNode node2;

	@BeforeAll
	void startCluster() throws Exception {
		try {
			this.redis = RedisServer.start();
			this.node1 = ReferenceNode.start(this.redis);
			this.node2 = ReferenceNode.start(this.redis);
			this.java1 = JavaNode.conformance(this.redis);
			this.java2 = JavaNode.conformance(this.redis);
		}
		catch (Exception | Error ex) {
			stopCluster();
			throw ex;
		}
	}

	@AfterAll
	void stopCluster() {
		Processes.closeAll(logger, this.java1, this.java2, this.node1, this.node2, this.redis);
	}

	Stream<Arguments> fleets() {
		Map<String, String[]> fleets = Map.of("java+java", new String[] { this.java1.url(), this.java2.url() },
				"java+node", new String[] { this.java1.url(), this.node1.url() }, "node+java",
				new String[] { this.node1.url(), this.java2.url() }, "node+node",
				new String[] { this.node1.url(), this.node2.url() });
		List<Arguments> cases = new ArrayList<>();
		for (String fleet : List.of("node+node", "java+java", "java+node", "node+java")) {
			String[] urls = fleets.get(fleet);
			cases.add(Arguments.of("room", fleet, "websocket", urls));
			cases.add(Arguments.of("broadcast", fleet, "websocket", urls));
			cases.add(Arguments.of("binary", fleet, "websocket", urls));
		}
		cases.add(Arguments.of("room", "java+java", "polling", fleets.get("java+java")));
		cases.add(Arguments.of("binary", "java+node", "polling", fleets.get("java+node")));
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} on {1} over {2}")
	@MethodSource("fleets")
	@Order(1)
	void acrossNodes(String scenario, String fleet, String mode, String[] urls) throws Exception {
		String output = NodeClient.run(SCRIPT, scenario, urls[0], urls[1], "--mode", mode);
		assertThat(output).contains("PASS [" + scenario + "]");
	}

	@Test
	@Order(2)
	void redisEmitterReachesClientsOnAJavaNode() throws Exception {
		String output = NodeClient.run(SCRIPT, "emitter", this.redis.host() + ":" + this.redis.port(),
				this.java1.url());
		assertThat(output).contains("PASS [emitter]");
	}

	@Test
	@Order(3)
	void redisEmitterReachesClientsOnANodeJsNode() throws Exception {
		String output = NodeClient.run(SCRIPT, "emitter", this.redis.host() + ":" + this.redis.port(),
				this.node1.url());
		assertThat(output).contains("PASS [emitter]");
	}

	@Test
	@Order(10)
	void redisCrashAndRestartWithoutRestartingTheNodes() throws Exception {
		String output = runOutage(this.java1.url(), this.java2.url());
		logger.info("outage:{}{}", System.lineSeparator(), output);
		assertThat(output).contains("KILL_REDIS", "RESTART_REDIS", "PASS [outage]");
		assertThat(this.redis.isRunning()).isTrue();
		// the Node.js nodes lived through it too, and a mixed pair talks again
		assertThat(this.node1.isAlive()).as("Node.js node survived:%n%s", this.node1.output()).isTrue();
		String mixed = NodeClient.run(SCRIPT, "room-after-restart", this.java1.url(), this.node1.url());
		logger.info("after the outage, Java + Node.js: {}", mixed.strip());
		assertThat(mixed).contains("PASS [room-after-restart]");
	}

	/**
	 * Runs {@code cluster-client.mjs outage A B}: kills Redis on {@code KILL_REDIS},
	 * starts it again on {@code RESTART_REDIS}, and tells the script each time on stdin.
	 */
	private String runOutage(String a, String b) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("node", SCRIPT, "outage", a, b)
			.directory(Path.of("src", "test", "js").toFile())
			.redirectErrorStream(true)
			.start();
		List<String> lines = new ArrayList<>();
		try (OutputStream stdin = process.getOutputStream();
				BufferedReader stdout = new BufferedReader(
						new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			Thread watchdog = new Thread(() -> {
				try {
					if (!process.waitFor(OUTAGE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
						process.destroyForcibly();
					}
				}
				catch (InterruptedException ex) {
					// the script ended
				}
			}, "outage-watchdog");
			watchdog.setDaemon(true);
			watchdog.start();
			String line;
			while ((line = stdout.readLine()) != null) {
				lines.add(line);
				if (line.strip().equals("KILL_REDIS")) {
					this.redis.kill();
					stdin.write("REDIS_DOWN\n".getBytes(StandardCharsets.US_ASCII));
					stdin.flush();
				}
				else if (line.strip().equals("RESTART_REDIS")) {
					this.redis.restart();
					stdin.write("REDIS_UP\n".getBytes(StandardCharsets.US_ASCII));
					stdin.flush();
				}
			}
			watchdog.interrupt();
		}
		finally {
			if (!process.waitFor(5, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
			if (!this.redis.isRunning()) {
				this.redis.restart();
			}
		}
		String output = String.join(System.lineSeparator(), lines);
		assertThat(process.exitValue()).as("exit code of %s outage, output:%n%s", SCRIPT, output).isZero();
		return output;
	}

}
