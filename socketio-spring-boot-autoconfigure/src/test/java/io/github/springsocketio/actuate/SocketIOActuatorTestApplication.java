package io.github.springsocketio.actuate;

import io.github.springsocketio.server.SocketIOServer;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The application the actuator integration tests run: the auto-configured server with
 * the namespaces {@code /} and {@code /chat}, whose sockets join the room named by a
 * {@code join} event, and listeners of {@code fail} and {@code fail-async} that fail.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class SocketIOActuatorTestApplication {

	@Bean
	InitializingBean testListeners(SocketIOServer io) {
		return () -> {
			for (String name : new String[] { "/", "/chat" }) {
				io.of(name).onConnection((socket) -> {
					socket.on("join", (event) -> {
						socket.join(event.arg(0, String.class));
						event.ack("joined");
					});
					socket.on("fail", (event) -> {
						throw new IllegalStateException("listener failure");
					});
					socket.onAsync("fail-async", (event) -> Mono.error(new IllegalArgumentException("async failure")));
				});
			}
		};
	}

}
