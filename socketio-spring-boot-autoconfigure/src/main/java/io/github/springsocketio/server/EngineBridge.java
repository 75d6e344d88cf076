package io.github.springsocketio.server;

import io.github.springsocketio.engine.CloseReason;
import io.github.springsocketio.engine.EngineSession;
import io.github.springsocketio.engine.EngineSessionHandler;

/**
 * The seam between Engine.IO and Socket.IO: turns the sessions of the Engine.IO server
 * a {@link SocketIOServer} is mounted on into its {@link Client clients}. Kept apart so
 * that the server's public API is only the Socket.IO one.
 */
final class EngineBridge implements EngineSessionHandler {

	private final SocketIOServer server;

	EngineBridge(SocketIOServer server) {
		this.server = server;
	}

	@Override
	public void onOpen(EngineSession session) {
		Client client = new Client(this.server, session);
		this.server.clients().put(session.id(), client);
		this.server.listeners().clientConnected(session.id(), session.transport());
		client.onOpen();
	}

	@Override
	public void onMessage(EngineSession session, String text) {
		Client client = this.server.clients().get(session.id());
		if (client != null) {
			client.onText(text);
		}
	}

	@Override
	public void onBinary(EngineSession session, byte[] data) {
		Client client = this.server.clients().get(session.id());
		if (client != null) {
			client.onBinary(data);
		}
	}

	@Override
	public void onClose(EngineSession session, CloseReason reason) {
		Client client = this.server.clients().remove(session.id());
		if (client != null) {
			DisconnectReason disconnectReason = DisconnectReason.of(reason);
			client.onClose(disconnectReason);
			this.server.listeners().clientDisconnected(session.id(), session.transport(), disconnectReason);
		}
	}

	@Override
	public String toString() {
		return "EngineBridge[" + this.server + "]";
	}

}
