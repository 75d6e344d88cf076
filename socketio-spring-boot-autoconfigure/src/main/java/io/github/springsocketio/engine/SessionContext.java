package io.github.springsocketio.engine;

import java.util.function.Consumer;

/**
 * What every {@link SessionCore} of a server shares.
 *
 * @param options the settings
 * @param clock runs the heartbeat and timeouts
 * @param handler receives the sessions' events
 * @param onTerminated told once when a session has ended, to forget it
 */
record SessionContext(EngineIoOptions options, ProtocolClock clock, EngineSessionHandler handler,
		Consumer<SessionCore> onTerminated) {

}
