package io.github.springsocketio.javaclient;

import java.util.List;

import io.github.springsocketio.engine.EnginePacket;

/**
 * One Engine.IO transport of a client connection. Every method is called on the
 * client's {@link SerialWorker}, and every callback of {@link Events} is delivered on it.
 */
abstract class ClientTransport {

	/**
	 * What a transport reports to its connection.
	 */
	interface Events {

		void onTransportOpen(ClientTransport transport);

		void onPacket(ClientTransport transport, EnginePacket packet);

		void onDrain(ClientTransport transport);

		void onTransportError(ClientTransport transport, String reason, Throwable error);

		void onTransportClose(ClientTransport transport);

	}

	final ClientOptions options;

	final SerialWorker worker;

	final Events events;

	ClientTransport(ClientOptions options, SerialWorker worker, Events events) {
		this.options = options;
		this.worker = worker;
		this.events = events;
	}

	abstract Transport kind();

	/**
	 * Open the transport, for a new session ({@code sid} null) or an existing one.
	 */
	abstract void open(@org.jspecify.annotations.Nullable String sid);

	/** Whether {@link #send(List)} may be called now. */
	abstract boolean writable();

	abstract void send(List<EnginePacket> packets);

	/** Stop reading and writing, then run the callback (polling before an upgrade). */
	void pause(Runnable onPaused) {
		onPaused.run();
	}

	/** Close the transport; {@code graceful} sends the close packet where the transport needs one. */
	abstract void close(boolean graceful);

}
