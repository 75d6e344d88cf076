package io.github.springsocketio.sample.conformance;

import java.util.Map;

import io.github.springsocketio.annotation.Auth;
import io.github.springsocketio.annotation.BeforeConnect;
import io.github.springsocketio.annotation.OnConnect;
import io.github.springsocketio.annotation.SocketIOController;
import io.github.springsocketio.server.ConnectionRefusedException;
import io.github.springsocketio.server.Socket;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Profile;

/**
 * Namespace {@code /protected} of the conformance fixture: admits only a CONNECT whose
 * auth payload has {@code "token": "secret"}, and emits {@code auth} on connection.
 */
@SocketIOController("/protected")
@Profile("conformance")
public class ProtectedNamespaceController {

	private static final String TOKEN = "secret";

	@BeforeConnect
	void authorize(@Auth JsonNode auth) {
		JsonNode token = auth.get("token");
		if (token == null || !TOKEN.equals(token.asString())) {
			throw new ConnectionRefusedException("unauthorized", Map.of("reason", "bad token"));
		}
	}

	@OnConnect
	void connected(Socket socket) {
		MainNamespaceController.emitAuth(socket);
	}

}
