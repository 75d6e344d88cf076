package io.github.springsocketio.sample.conformance;

import io.github.springsocketio.autoconfigure.SocketIOProperties;
import io.github.springsocketio.engine.CloseReason;
import io.github.springsocketio.engine.EngineIoHandlerMapping;
import io.github.springsocketio.engine.EngineIoOptions;
import io.github.springsocketio.engine.EngineIoServer;
import io.github.springsocketio.engine.EngineSession;
import io.github.springsocketio.engine.EngineSessionHandler;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The bare Engine.IO endpoint of the fixture at {@code /engine.io/}: every message it
 * receives, text or binary, it sends straight back. Same ping settings, max payload
 * and CORS as the Socket.IO server.
 */
@Configuration(proxyBeanMethods = false)
@Profile("conformance")
public class EngineIoEchoConfiguration {

	/** Where the echo endpoint is mounted. */
	public static final String PATH = "/engine.io/";

	@Bean
	EngineIoHandlerMapping engineIoEchoMapping(EngineIoOptions options, SocketIOProperties properties) {
		EngineIoServer server = new EngineIoServer(options, new EchoHandler());
		return new EngineIoHandlerMapping(PATH, server, properties.getCors().toCorsConfiguration());
	}

	/**
	 * Sends every message back to its sender.
	 */
	static final class EchoHandler implements EngineSessionHandler {

		@Override
		public void onOpen(EngineSession session) {
		}

		@Override
		public void onMessage(EngineSession session, String text) {
			session.send(text);
		}

		@Override
		public void onBinary(EngineSession session, byte[] data) {
			session.send(data);
		}

		@Override
		public void onClose(EngineSession session, CloseReason reason) {
		}

	}

}
