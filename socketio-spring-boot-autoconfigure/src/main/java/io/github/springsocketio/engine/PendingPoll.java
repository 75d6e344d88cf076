package io.github.springsocketio.engine;

import java.util.List;

/**
 * A long-polling GET parked in a {@link SessionCore} until packets are queued.
 */
interface PendingPoll {

	/**
	 * Answer the request with packets.
	 * @param packets what to send, at least one packet
	 */
	void answer(List<EnginePacket> packets);

	/**
	 * Refuse the request.
	 * @param error the Engine.IO error to answer with
	 */
	void refuse(EngineError error);

}
