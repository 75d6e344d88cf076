package io.github.springsocketio.autoconfigure;

import io.github.springsocketio.server.SocketIOServer;

/**
 * Configures the auto-configured {@link SocketIOServer} (namespaces, middleware,
 * listeners) before it serves its first client. Beans of this type are applied in
 * {@link org.springframework.core.annotation.Order order}.
 */
@FunctionalInterface
public interface SocketIOServerCustomizer {

	/**
	 * Customize the server.
	 * @param server the server
	 */
	void customize(SocketIOServer server);

}
