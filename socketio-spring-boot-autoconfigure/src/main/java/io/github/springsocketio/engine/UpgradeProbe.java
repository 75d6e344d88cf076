package io.github.springsocketio.engine;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * The upgrade of a polling session to WebSocket, a state machine with one timeout:
 * <pre>
 *  NONE --WebSocket with sid accepted--&gt; PROBING --"2probe"/"3probe"--&gt; PROBED --"5"--&gt; DONE
 *    ^                                      |                              |
 *    +----- probe closed, bad packet, or upgrade timeout ------------------+
 * </pre>
 * Once the probe answered, a parked poll is released with a noop after {@link #NOOP_DELAY}
 * (as the reference's first 100 ms check) so the client can pause polling; on {@code "5"}
 * the WebSocket becomes the session's transport, and a poll still parked then (one the
 * client sent after {@code "5"}, handled before it) is refused like any later poll, at its
 * check too. The delay is what lets a {@code "5"} sent right after the probe win over such
 * a poll, and keeps its 400 well behind the probe's pong. No I/O: the probe is a
 * {@link WebSocketLink}.
 * <p>
 * Lock order: this object's monitor, then the session's lock.
 */
final class UpgradeProbe {

	private static final Logger logger = LoggerFactory.getLogger(UpgradeProbe.class);

	private static final String PROBE = "probe";

	/** How long a poll parked while probed is held before its noop, as in the reference. */
	static final java.time.Duration NOOP_DELAY = java.time.Duration.ofMillis(100);

	enum Step {

		NONE, PROBING, PROBED, DONE

	}

	private final SessionCore session;

	private final PollingTransport polling;

	private Step step = Step.NONE;

	private @Nullable WebSocketLink probe;

	private @Nullable Disposable timeoutTask;

	UpgradeProbe(SessionCore session, PollingTransport polling) {
		this.session = session;
		this.polling = polling;
	}

	synchronized Step step() {
		return this.step;
	}

	/**
	 * Reserve the upgrade for a WebSocket request carrying the session's id, before the
	 * HTTP upgrade so that a refusal is a plain HTTP error; starts the upgrade timeout.
	 * @return {@code true} if the upgrade may start
	 */
	synchronized boolean reserve() {
		if (this.step != Step.NONE || !this.session.isOpen() || this.session.transport() != EngineTransport.POLLING
				|| !this.session.options().allowUpgrades()) {
			return false;
		}
		this.step = Step.PROBING;
		this.timeoutTask = this.session.clock().schedule(this::onTimeout, this.session.options().upgradeTimeout());
		return true;
	}

	/**
	 * Attach the WebSocket of the reserved upgrade once the HTTP upgrade is done; any
	 * other is closed.
	 * @param link the WebSocket
	 */
	void attach(WebSocketLink link) {
		boolean accepted;
		synchronized (this) {
			accepted = this.session.isOpen() && this.step == Step.PROBING && this.probe == null;
			if (accepted) {
				this.probe = link;
			}
		}
		if (!accepted) {
			link.close();
		}
	}

	/**
	 * A packet arrived on a WebSocket of the session that is not its transport.
	 * @param link the WebSocket
	 * @param packet the packet
	 */
	void onPacket(WebSocketLink link, EnginePacket packet) {
		if (packet.type() == EnginePacketType.PING && PROBE.equals(packet.text())) {
			onProbe(link);
		}
		else if (packet.type() == EnginePacketType.UPGRADE) {
			complete(link);
		}
		else {
			logger.debug("Unexpected packet {} during the upgrade of {}", packet.type(), this.session);
			abort(link);
		}
	}

	private void onProbe(WebSocketLink link) {
		synchronized (this) {
			if (this.probe != link) {
				return;
			}
			this.step = Step.PROBED;
		}
		link.sendDirect(EnginePacket.of(EnginePacketType.PONG, PROBE));
		PendingPoll parked = this.polling.parked();
		if (parked != null) {
			releaseLater(parked);
		}
	}

	/**
	 * A poll was parked: while probed, it is released with a noop after a short delay,
	 * like the reference's 100 ms check, without a tight poll loop.
	 * @param poll the parked GET
	 */
	void onPollParked(PendingPoll poll) {
		if (step() == Step.PROBED) {
			releaseLater(poll);
		}
	}

	private void releaseLater(PendingPoll poll) {
		this.session.clock().schedule(() -> {
			if (this.session.transport() == EngineTransport.POLLING) {
				this.polling.release(poll, EnginePacket.noop());
			}
			else {
				this.polling.refuse(poll, EngineError.BAD_REQUEST);
			}
		}, NOOP_DELAY);
	}

	private void complete(WebSocketLink link) {
		synchronized (this) {
			if (this.probe != link) {
				return;
			}
			cancelTimeout();
			this.probe = null;
			this.step = Step.DONE;
		}
		if (!this.session.switchTo(link)) {
			link.close();
			return;
		}
		logger.debug("{} upgraded to WebSocket", this.session);
		PendingPoll parked = this.polling.parked();
		if (parked != null) {
			// refused at its check, not at once: its 400 then leaves well after the
			// probe's pong, which the client must see first
			releaseLater(parked);
		}
		link.drain();
	}

	private void onTimeout() {
		synchronized (this) {
			if (this.step == Step.DONE) {
				return;
			}
			logger.debug("Upgrade of {} timed out", this.session);
		}
		abort(null);
	}

	/**
	 * Give the upgrade up so a new one may start: the probe failed, or the timeout passed.
	 * @param link the failed probe, or {@code null} for whichever is attached
	 */
	void abort(@Nullable WebSocketLink link) {
		WebSocketLink dropped;
		synchronized (this) {
			if (this.step == Step.DONE || (link != null && this.probe != link)) {
				return;
			}
			dropped = this.probe;
			this.probe = null;
			this.step = Step.NONE;
			cancelTimeout();
		}
		if (dropped != null) {
			dropped.close();
		}
	}

	/** The session ended: stop the timeout and close the probe. */
	void end() {
		WebSocketLink dropped;
		synchronized (this) {
			cancelTimeout();
			dropped = this.probe;
			this.probe = null;
		}
		if (dropped != null) {
			dropped.close();
		}
	}

	private void cancelTimeout() {
		if (this.timeoutTask != null) {
			this.timeoutTask.dispose();
			this.timeoutTask = null;
		}
	}

}
