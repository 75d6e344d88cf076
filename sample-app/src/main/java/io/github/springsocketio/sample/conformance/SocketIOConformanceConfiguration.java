package io.github.springsocketio.sample.conformance;

import java.util.regex.Pattern;

import io.github.springsocketio.server.SocketIOServer;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The dynamic namespaces of the conformance fixture ({@code ^/dynamic-\d+$}), written
 * with the programmatic API since controllers serve fixed namespaces. The other
 * namespaces are the controllers of this package.
 */
@Configuration(proxyBeanMethods = false)
@Profile("conformance")
public class SocketIOConformanceConfiguration {

	private static final Pattern DYNAMIC = Pattern.compile("^/dynamic-\\d+$");

	@Bean
	InitializingBean conformanceDynamicNamespaces(SocketIOServer io) {
		return () -> io.of(DYNAMIC).onConnection((socket) -> {
			MainNamespaceController.emitAuth(socket);
			socket.on("whoami", (event) -> event.ack(socket.namespace().name()));
		});
	}

}
