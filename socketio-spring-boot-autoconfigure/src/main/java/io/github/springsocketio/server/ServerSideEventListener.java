package io.github.springsocketio.server;

/**
 * Handles an event another node of the cluster sent with
 * {@link Namespace#serverSideEmit}. It runs on the adapter's I/O thread and must not
 * block.
 */
@FunctionalInterface
public interface ServerSideEventListener {

	/**
	 * Handle the event; answer it with {@link ServerSideEvent#ack} if the sender waits.
	 * @param event the event
	 */
	void onEvent(ServerSideEvent event);

}
