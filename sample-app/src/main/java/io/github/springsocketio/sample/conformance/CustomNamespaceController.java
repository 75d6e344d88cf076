package io.github.springsocketio.sample.conformance;

import io.github.springsocketio.annotation.OnConnect;
import io.github.springsocketio.annotation.SocketIOController;
import io.github.springsocketio.server.Socket;

import org.springframework.context.annotation.Profile;

/**
 * Namespace {@code /custom} of the conformance fixture: emits {@code auth} on connection.
 */
@SocketIOController("/custom")
@Profile("conformance")
public class CustomNamespaceController {

	@OnConnect
	void connected(Socket socket) {
		MainNamespaceController.emitAuth(socket);
	}

}
