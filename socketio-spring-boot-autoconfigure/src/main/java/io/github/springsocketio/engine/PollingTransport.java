package io.github.springsocketio.engine;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP long-polling transport of one session, without I/O: at most one GET parked
 * until the session queues packets, at most one POST at a time. {@link PollingHandler}
 * turns HTTP requests into calls here.
 * <p>
 * Lock order: this transport's monitor, then the session's lock (the session calls in
 * here holding none of its locks).
 */
final class PollingTransport {

	private static final Logger logger = LoggerFactory.getLogger(PollingTransport.class);

	private final SessionCore session;

	private final boolean supportsBinary;

	private volatile @Nullable PendingPoll parked;

	private boolean postInProgress;

	PollingTransport(SessionCore session) {
		this.session = session;
		this.supportsBinary = session.handshake().queryParam("b64") == null;
	}

	/**
	 * Encode an answer: binary packets as the client asked ({@code b64} or not).
	 * @param batch the packets
	 * @return the body and its content type
	 */
	PollingPayload encode(List<EnginePacket> batch) {
		return this.session.codec().encodePayload(batch, this.supportsBinary);
	}

	/**
	 * A GET: answered at once with queued packets, or parked until some are. A second
	 * GET while one is parked closes the session, as in the reference.
	 * @param poll the request
	 */
	void poll(PendingPoll poll) {
		List<EnginePacket> batch = null;
		EngineError refusal = null;
		boolean upgraded = false;
		synchronized (this) {
			if (this.session.state() == SessionCore.State.CLOSED) {
				if (this.session.closeReason() == CloseReason.TRANSPORT_CLOSE) {
					// sent before the client's close, handled after it: what a parked GET gets
					batch = List.of(EnginePacket.noop());
				}
				else {
					refusal = EngineError.UNKNOWN_SID;
				}
			}
			else if (this.session.transport() != EngineTransport.POLLING) {
				// the upgrade completed while this request was on its way: refused as the
				// requests after it are, the session goes on
				refusal = EngineError.BAD_REQUEST;
				upgraded = true;
			}
			else if (this.parked != null) {
				refusal = EngineError.BAD_REQUEST;
			}
			else {
				batch = this.session.takeAll();
				if (batch.isEmpty()) {
					batch = null;
					this.parked = poll;
					UpgradeProbe upgrade = this.session.upgrade();
					if (upgrade != null) {
						upgrade.onPollParked(poll);
					}
				}
			}
		}
		if (refusal == EngineError.BAD_REQUEST && !upgraded) {
			logger.debug("Overlapping polling requests for session {}", this.session.id());
			poll.refuse(refusal);
			this.session.terminate(CloseReason.TRANSPORT_ERROR);
		}
		else if (refusal != null) {
			poll.refuse(refusal);
		}
		else if (batch != null) {
			poll.answer(batch);
		}
	}

	/** The session queued packets: answer the parked GET with them. */
	void packetsQueued() {
		PendingPoll poll;
		List<EnginePacket> batch;
		synchronized (this) {
			poll = this.parked;
			if (poll == null) {
				return;
			}
			batch = this.session.takeAll();
			if (batch.isEmpty()) {
				return;
			}
			this.parked = null;
		}
		poll.answer(batch);
	}

	/** Whether a GET is parked, so a packet queued now leaves at once. */
	boolean isWritable() {
		return this.parked != null;
	}

	/**
	 * Answer a parked GET with one packet (a noop during the upgrade, a close at the end).
	 * @param poll the GET to release, or {@code null} for whichever is parked
	 * @param packet the packet
	 * @return whether a GET was parked
	 */
	boolean release(@Nullable PendingPoll poll, EnginePacket packet) {
		PendingPoll released = take(poll);
		if (released != null) {
			released.answer(List.of(packet));
		}
		return released != null;
	}

	/**
	 * Refuse a parked GET, leaving the session open (a poll left over from before the
	 * upgrade).
	 * @param poll the GET to refuse, if it is still parked
	 * @param error the error to answer
	 */
	void refuse(PendingPoll poll, EngineError error) {
		PendingPoll refused = take(poll);
		if (refused != null) {
			logger.debug("Polling request of session {} refused after the upgrade", this.session.id());
			refused.refuse(error);
		}
	}

	/** The GET parked now, if any. */
	@Nullable PendingPoll parked() {
		return this.parked;
	}

	private synchronized @Nullable PendingPoll take(@Nullable PendingPoll poll) {
		PendingPoll current = this.parked;
		if (current == null || (poll != null && current != poll)) {
			return null;
		}
		this.parked = null;
		return current;
	}

	/**
	 * The connection of a GET closed before its answer: the session ends.
	 * @param poll the request
	 */
	void cancelled(PendingPoll poll) {
		if (take(poll) != null) {
			logger.debug("Polling request of session {} closed prematurely", this.session.id());
			this.session.terminate(CloseReason.TRANSPORT_ERROR);
		}
	}

	/**
	 * An answer was written; the one that carried the close packet ends the session.
	 * @param batch the packets it carried
	 */
	void written(List<EnginePacket> batch) {
		if (!batch.isEmpty() && batch.get(batch.size() - 1).type() == EnginePacketType.CLOSE) {
			this.session.terminate(CloseReason.FORCED_CLOSE);
		}
	}

	/**
	 * A POST starts.
	 * @return {@code null} if it may go on, else the error to answer (an overlapping
	 * POST also closes the session)
	 */
	@Nullable EngineError beginPost() {
		boolean overlap;
		synchronized (this) {
			if (this.session.state() == SessionCore.State.CLOSED) {
				return EngineError.UNKNOWN_SID;
			}
			overlap = this.postInProgress;
			this.postInProgress = true;
		}
		if (overlap) {
			logger.debug("Overlapping POST requests for session {}", this.session.id());
			this.session.terminate(CloseReason.TRANSPORT_ERROR);
			return EngineError.BAD_REQUEST;
		}
		return null;
	}

	/** Whether a POST's body is being read. */
	synchronized boolean isPostInProgress() {
		return this.postInProgress;
	}

	/** The POST ended (its answer is not written yet). */
	synchronized void endPost() {
		this.postInProgress = false;
	}

}
