package io.github.springsocketio.test;

import io.github.springsocketio.engine.CloseReason;
import io.github.springsocketio.engine.EngineSession;
import io.github.springsocketio.engine.EngineSessionHandler;

/**
 * An {@link EngineSessionHandler} that does nothing: a user-defined handler for the
 * auto-configuration tests (it replaces the Socket.IO server with a bare Engine.IO one).
 */
public final class NoOpSessionHandler implements EngineSessionHandler {

	@Override
	public void onOpen(EngineSession session) {
	}

	@Override
	public void onMessage(EngineSession session, String text) {
	}

	@Override
	public void onBinary(EngineSession session, byte[] data) {
	}

	@Override
	public void onClose(EngineSession session, CloseReason reason) {
	}

}
