package io.github.springsocketio.sample.cluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.springsocketio.sample.conformance.NodeClient;
import io.github.springsocketio.test.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two Java nodes with the Redis adapter behind a real nginx, configured by the project's
 * {@code cluster/nginx.conf} (its ports rewritten): the two standard setups.
 * <ul>
 * <li>(b) {@code ip_hash} affinity: socket.io-client 4.x with default transports
 * (polling, then the upgrade) and polling-only clients work through the balancer, and
 * {@code to-room} / {@code broadcast} reach clients on both nodes (loopback clients all
 * land on one node, so one client connects directly to each node as well).</li>
 * <li>(a) no affinity (round robin): WebSocket-only clients work, spread over both nodes;
 * polling clients do not, which is why (b) exists.</li>
 * </ul>
 * Without nginx the test fails under CI ({@code CI=true}) and is skipped elsewhere.
 */
@TestInstance(Lifecycle.PER_CLASS)
class StickySessionTests {

	/** nginx writes a WebSocket's access log line when the connection ends. */
	private static final Duration LOG_WAIT = Duration.ofSeconds(10);

	private static final Logger logger = LoggerFactory.getLogger(StickySessionTests.class);

	private static final Path CONFIG = Path.of("..", "cluster", "nginx.conf");

	private static final String SCRIPT = "cluster-client.mjs";

	private RedisServer redis;

	private JavaNode nodeA;

	private JavaNode nodeB;

	private Nginx nginx;

	private int stickyPort;

	private int roundRobinPort;

	@BeforeAll
	void start() throws Exception {
		Path executable = requireNginx();
		try {
			this.redis = RedisServer.start();
			this.nodeA = JavaNode.conformance(this.redis);
			this.nodeB = JavaNode.conformance(this.redis);
			this.stickyPort = RedisServer.freePort();
			this.roundRobinPort = RedisServer.freePort();
			Map<String, String> ports = new LinkedHashMap<>();
			ports.put("127.0.0.1:8081;", "127.0.0.1:" + this.nodeA.port() + ";");
			ports.put("127.0.0.1:8082;", "127.0.0.1:" + this.nodeB.port() + ";");
			ports.put("listen 127.0.0.1:8080;", "listen 127.0.0.1:" + this.stickyPort + ";");
			ports.put("listen 127.0.0.1:8090;", "listen 127.0.0.1:" + this.roundRobinPort + ";");
			String config = Nginx.rewrite(Files.readString(CONFIG, StandardCharsets.UTF_8), ports);
			this.nginx = Nginx.start(executable, config, List.of(this.stickyPort, this.roundRobinPort));
		}
		catch (Exception | Error ex) {
			stop();
			throw ex;
		}
	}

	@AfterAll
	void stop() {
		Processes.closeAll(logger, this.nginx, this.nodeA, this.nodeB, this.redis);
	}

	@Test
	void ipHashAffinityCarriesPollingAndTheUpgrade() throws Exception {
		String output = NodeClient.run(SCRIPT, "sticky", url(this.stickyPort), this.nodeA.url(), this.nodeB.url());
		assertThat(output).contains("PASS [sticky]");
		// nginx logs a proxied WebSocket when it ends, after the client has gone
		await().atMost(LOG_WAIT).untilAsserted(() -> assertThat(accessLog(this.stickyPort)).as("nginx access log")
			.anyMatch((line) -> line.contains("transport=polling") && line.contains("\" 200 "))
			.anyMatch((line) -> line.contains("transport=websocket") && line.contains("\" 101 "))
			.noneMatch((line) -> line.contains("\" 400 ")));
	}

	@Test
	void webSocketOnlyClientsNeedNoAffinity() throws Exception {
		String output = NodeClient.run(SCRIPT, "websocket-only", url(this.roundRobinPort), this.nodeA.url(),
				this.nodeB.url());
		assertThat(output).contains("PASS [websocket-only]");
		// round robin spread the WebSocket clients over both nodes (logged as each ends)
		await().atMost(LOG_WAIT).untilAsserted(() -> assertThat(accessLog(this.roundRobinPort).stream()
			.filter((line) -> line.contains("transport=websocket") && line.contains("\" 101 "))
			.toList()).as("WebSocket upgrades through nginx")
			.anyMatch((line) -> line.endsWith("upstream=127.0.0.1:" + this.nodeA.port()))
			.anyMatch((line) -> line.endsWith("upstream=127.0.0.1:" + this.nodeB.port())));
	}

	@Test
	void pollingWithoutAffinityFails() throws Exception {
		String output = NodeClient.run(SCRIPT, "polling-without-affinity", url(this.roundRobinPort));
		assertThat(output).contains("PASS [polling-without-affinity]");
	}

	private List<String> accessLog(int port) {
		return this.nginx.accessLog().lines().filter((line) -> line.contains(" port=" + port + " ")).toList();
	}

	private static String url(int port) {
		return "http://127.0.0.1:" + port;
	}

	private static Path requireNginx() {
		Optional<Path> executable = Nginx.executable();
		if (executable.isPresent()) {
			return executable.get();
		}
		String message = "No nginx found (PATH, /usr/sbin or $NGINX): install Debian's nginx package "
				+ "(apt-get install -y --no-install-recommends nginx; .ci/run does)";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			fail(message);
		}
		assumeTrue(false, message + " (skipped: CI is not set)");
		throw new IllegalStateException(message);
	}

}
