package io.github.springsocketio.security;

import io.github.springsocketio.server.AccessPolicy;
import io.github.springsocketio.server.Socket;

import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;

/**
 * Applies an {@link AuthorizationManager} over {@link SocketIOAccess} (such as
 * {@link SocketIOAccessRules}) to every CONNECT and event, with the socket's handshake
 * {@code Authentication} ({@code null} for an anonymous handshake); an abstaining
 * manager denies.
 */
final class AuthorizationAccessPolicy implements AccessPolicy {

	private final AuthorizationManager<SocketIOAccess> manager;

	AuthorizationAccessPolicy(AuthorizationManager<SocketIOAccess> manager) {
		this.manager = manager;
	}

	@Override
	public boolean mayConnect(Socket socket) {
		return granted(socket, null);
	}

	@Override
	public boolean mayEmit(Socket socket, String event) {
		return granted(socket, event);
	}

	private boolean granted(Socket socket, String event) {
		SocketIOAccess access = new SocketIOAccess(socket.namespace().name(), event, socket.handshake());
		AuthorizationResult result = this.manager.authorize(() -> SecurityContextScope.authentication(socket), access);
		return result != null && result.isGranted();
	}

}
