package io.github.springsocketio.test.autoconfigure;

import java.net.URI;

import io.github.springsocketio.test.tester.SocketIOTester;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of a {@link SocketIOTester} for
 * {@link AutoConfigureSocketIOTester @AutoConfigureSocketIOTester}. The server's port is
 * read on first connection, once the web server has started.
 */
@AutoConfiguration
public final class SocketIOTesterAutoConfiguration {

	private static final String DEFAULT_PATH = "/socket.io/";

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	SocketIOTester socketIOTester(Environment environment) {
		return SocketIOTester.create(() -> {
			String port = environment.getProperty("local.server.port");
			if (port == null) {
				throw new IllegalStateException("No local.server.port: use @SpringBootTest(webEnvironment = "
						+ "RANDOM_PORT) or DEFINED_PORT with @AutoConfigureSocketIOTester");
			}
			return URI.create("http://localhost:" + port);
		}, environment.getProperty("socketio.path", DEFAULT_PATH));
	}

}
