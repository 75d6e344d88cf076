package io.github.springsocketio.adapter;

import java.time.Duration;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Who a broadcast reaches and how: immutable.
 *
 * @param rooms rooms whose sockets receive it; empty means every socket of the
 * namespace
 * @param except rooms whose sockets are left out (a socket id is a room of its own)
 * @param isVolatile whether the packet may be dropped for clients that cannot take it
 * right away
 * @param compress whether the packet may be compressed
 * @param local whether the broadcast stays on this node
 * @param timeout how long to wait for acknowledgements, or {@code null}
 */
public record BroadcastOptions(Set<String> rooms, Set<String> except, boolean isVolatile, boolean compress,
		boolean local, @Nullable Duration timeout) {

	/** Every socket of the namespace, no flags. */
	public static final BroadcastOptions ALL = new BroadcastOptions(Set.of(), Set.of(), false, true, false, null);

	/**
	 * Create options; the sets are copied.
	 */
	public BroadcastOptions {
		rooms = Set.copyOf(rooms);
		except = Set.copyOf(except);
	}

	/**
	 * Return these options targeting other rooms.
	 * @param rooms the rooms
	 * @return new options
	 */
	public BroadcastOptions withRooms(Set<String> rooms) {
		return new BroadcastOptions(rooms, this.except, this.isVolatile, this.compress, this.local, this.timeout);
	}

	/**
	 * Return these options with other exclusions.
	 * @param except the rooms to leave out
	 * @return new options
	 */
	public BroadcastOptions withExcept(Set<String> except) {
		return new BroadcastOptions(this.rooms, except, this.isVolatile, this.compress, this.local, this.timeout);
	}

	/**
	 * Return these options with flags changed.
	 * @param isVolatile whether the packet may be dropped
	 * @param compress whether it may be compressed
	 * @param local whether it stays on this node
	 * @return new options
	 */
	public BroadcastOptions withFlags(boolean isVolatile, boolean compress, boolean local) {
		return new BroadcastOptions(this.rooms, this.except, isVolatile, compress, local, this.timeout);
	}

	/**
	 * Return these options with another acknowledgement timeout.
	 * @param timeout the timeout, or {@code null} for none
	 * @return new options
	 */
	public BroadcastOptions withTimeout(@Nullable Duration timeout) {
		return new BroadcastOptions(this.rooms, this.except, this.isVolatile, this.compress, this.local, timeout);
	}

}
