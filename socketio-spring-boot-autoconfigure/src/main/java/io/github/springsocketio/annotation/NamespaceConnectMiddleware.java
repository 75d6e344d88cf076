package io.github.springsocketio.annotation;

import io.github.springsocketio.server.ConnectMiddleware;
import io.github.springsocketio.server.SocketIOServer;

/**
 * A {@link ConnectMiddleware} bean, applied to the namespace it names (in the order of
 * the beans, before the namespace's {@link BeforeConnect} method). Erroring with a
 * {@link io.github.springsocketio.server.ConnectionRefusedException} refuses the socket
 * with its message and data.
 */
public interface NamespaceConnectMiddleware extends ConnectMiddleware {

	/**
	 * Return the namespace the middleware applies to.
	 * @return the namespace, {@code /} by default
	 */
	default String namespace() {
		return SocketIOServer.MAIN_NAMESPACE;
	}

}
