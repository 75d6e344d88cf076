package io.github.springsocketio.sample.cluster;

import java.util.ArrayList;
import java.util.List;

import io.github.springsocketio.sample.SampleApplication;
import io.github.springsocketio.test.RedisServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample app as one node of a cluster, in this JVM: the conformance fixture with the
 * Redis adapter on a free port.
 */
final class JavaNode implements AutoCloseable {

	private final int port;

	private final ConfigurableApplicationContext context;

	private JavaNode(int port, ConfigurableApplicationContext context) {
		this.port = port;
		this.context = context;
	}

	/**
	 * Start a node of the conformance fixture on a free port.
	 * @param redis the cluster's Redis
	 * @param extra more command-line arguments
	 * @return the running node
	 */
	static JavaNode conformance(RedisServer redis, String... extra) {
		return start("conformance", RedisServer.freePort(), redis, extra);
	}

	/**
	 * Start a node.
	 * @param profile the Spring profile ({@code conformance}), or {@code null} for the chat
	 * @param port the port
	 * @param redis the cluster's Redis
	 * @param extra more command-line arguments ({@code --socketio.adapter.type=redis} unless
	 * they name another adapter)
	 * @return the running node
	 */
	static JavaNode start(String profile, int port, RedisServer redis, String... extra) {
		// command-line arguments, so that they win over the profile's server.port
		List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--spring.data.redis.host=" + redis.host(),
				"--spring.data.redis.port=" + redis.port()));
		args.addAll(List.of(extra));
		if (args.stream().noneMatch((arg) -> arg.startsWith("--socketio.adapter.type="))) {
			args.add("--socketio.adapter.type=redis");
		}
		SpringApplicationBuilder builder = new SpringApplicationBuilder(SampleApplication.class);
		if (profile != null) {
			builder.profiles(profile);
		}
		return new JavaNode(port, builder.run(args.toArray(String[]::new)));
	}

	/**
	 * Return the base URL.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * Return a bean of the node's application context.
	 * @param <T> the type
	 * @param type the bean type
	 * @return the bean
	 */
	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/**
	 * Return the port.
	 * @return the port
	 */
	int port() {
		return this.port;
	}

	@Override
	public void close() {
		this.context.close();
	}

	@Override
	public String toString() {
		return "Java node on " + this.port;
	}

}
