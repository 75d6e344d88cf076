package io.github.springsocketio.engine;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * The heartbeat of one session, on the {@link ProtocolClock}. Protocol 4: the server
 * pings every {@code pingInterval} and a pong must come within {@code pingTimeout}.
 * Protocol 3: the client pings, and no ping within {@code pingInterval + pingTimeout}
 * ends the session.
 */
final class Heartbeat {

	private final ProtocolClock clock;

	private final Duration pingInterval;

	private final Duration pingTimeout;

	private final boolean serverPings;

	private final Runnable sendPing;

	private final Runnable onTimeout;

	private @Nullable Disposable pingTask;

	private @Nullable Disposable timeoutTask;

	private boolean stopped;

	/**
	 * Create a heartbeat.
	 * @param clock the timers
	 * @param options the ping settings
	 * @param serverPings whether the server pings (protocol 4) or the client (3)
	 * @param sendPing queues a ping packet
	 * @param onTimeout ends the session
	 */
	Heartbeat(ProtocolClock clock, EngineIoOptions options, boolean serverPings, Runnable sendPing,
			Runnable onTimeout) {
		this.clock = clock;
		this.pingInterval = options.pingInterval();
		this.pingTimeout = options.pingTimeout();
		this.serverPings = serverPings;
		this.sendPing = sendPing;
		this.onTimeout = onTimeout;
	}

	/** Start: the first server ping after an interval, or the client's deadline. */
	synchronized void start() {
		if (this.serverPings) {
			this.pingTask = this.clock.schedule(this::ping, this.pingInterval);
		}
		else {
			onClientPing();
		}
	}

	private void ping() {
		synchronized (this) {
			if (this.stopped) {
				return;
			}
			this.timeoutTask = this.clock.schedule(this.onTimeout, this.pingTimeout);
		}
		this.sendPing.run();
	}

	/** Protocol 4: the client answered; the next ping comes an interval later. */
	synchronized void onPong() {
		if (this.stopped) {
			return;
		}
		dispose(this.timeoutTask);
		dispose(this.pingTask);
		this.timeoutTask = null;
		this.pingTask = this.clock.schedule(this::ping, this.pingInterval);
	}

	/** Protocol 3: the client pinged; its next ping is due within interval + timeout. */
	synchronized void onClientPing() {
		if (this.stopped) {
			return;
		}
		dispose(this.timeoutTask);
		this.timeoutTask = this.clock.schedule(this.onTimeout, this.pingInterval.plus(this.pingTimeout));
	}

	/** Stop for good: no more pings, no timeout. */
	synchronized void stop() {
		this.stopped = true;
		dispose(this.pingTask);
		dispose(this.timeoutTask);
	}

	private static void dispose(@Nullable Disposable task) {
		if (task != null) {
			task.dispose();
		}
	}

}
