package io.github.springsocketio.sample.cluster;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.github.springsocketio.adapter.redis.RedisStreamsAdapterFactory;
import io.github.springsocketio.sample.conformance.NodeClient;
import io.github.springsocketio.test.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connection state recovery across the nodes of a Redis Streams cluster: two sample apps
 * in this JVM (the conformance fixture with {@code socketio.adapter.type=redis-streams}
 * and recovery on) and a Node.js reference fixture with
 * {@code @socket.io/redis-streams-adapter} 0.3 and recovery on, on one real
 * {@code redis-server}. socket.io-client 4.x ({@code src/test/js/recovery-client.mjs})
 * joins a room on node A, gets an event sent from node B, loses its transport; node A
 * stores its session, B sends three more, and the client comes back on node B: same id,
 * still in the room, {@code recovered === true}, the missed events once and in order,
 * and live events after. Java to Java, Java to Node.js and Node.js to Java, over
 * WebSocket and long-polling.
 */
@TestInstance(Lifecycle.PER_CLASS)
class StreamsRecoveryInteropTests {

	private static final Logger logger = LoggerFactory.getLogger(StreamsRecoveryInteropTests.class);

	private static final String[] JAVA = { "--socketio.adapter.type=redis-streams",
			"--socketio.connection-state-recovery.enabled=true" };

	private RedisServer redis;

	private JavaNode java1;

	private JavaNode java2;

	private ReferenceNode node;

	@BeforeAll
	void startCluster() throws Exception {
		try {
			this.redis = RedisServer.start();
			this.node = ReferenceNode.start(this.redis, "--adapter", "redis-streams", "--recovery");
			this.java1 = JavaNode.conformance(this.redis, JAVA);
			this.java2 = JavaNode.conformance(this.redis, JAVA);
			for (JavaNode java : List.of(this.java1, this.java2)) {
				await().atMost(Duration.ofSeconds(10)).until(java.bean(RedisStreamsAdapterFactory.class)::isAvailable);
			}
		}
		catch (Exception | Error ex) {
			stopCluster();
			throw ex;
		}
	}

	@AfterAll
	void stopCluster() {
		Processes.closeAll(logger, this.java1, this.java2, this.node, this.redis);
	}

	Stream<Arguments> moves() {
		return Stream.of(Arguments.of("java", "java", "websocket"), Arguments.of("java", "node", "websocket"),
				Arguments.of("node", "java", "websocket"), Arguments.of("java", "node", "polling"),
				Arguments.of("node", "java", "polling"));
	}

	@ParameterizedTest(name = "from {0} to {1} over {2}")
	@MethodSource("moves")
	void clientRecoversOnTheOtherNode(String from, String to, String mode) throws Exception {
		String first = from.equals("java") ? this.java1.url() : this.node.url();
		String second = to.equals("java") ? (from.equals("java") ? this.java2.url() : this.java1.url())
				: this.node.url();
		String output = NodeClient.run("recovery-client.mjs",
				List.of(mode, first, second, "--redis", this.redis.host() + ":" + this.redis.port())
					.toArray(String[]::new));
		assertThat(output).contains("PASS [recovery " + mode + " across nodes]").contains("news [1,2,3,4,5]");
	}

}
