package io.github.springsocketio.adapter;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.engine.ProtocolClock;
import io.github.springsocketio.protocol.Packet;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The default adapter: rooms of the sockets of this node, kept in memory. A broadcast
 * encodes its packet once and hands the same messages to every target.
 */
public class InMemoryAdapter implements Adapter {

	private final AdapterNamespace namespace;

	private final Object lock = new Object();

	private final Map<String, Set<String>> rooms = new HashMap<>();

	private final Map<String, Set<String>> socketRooms = new HashMap<>();

	// ---- connection state recovery (only when the namespace has a recovery window)

	private final @Nullable Duration recoveryWindow;

	/** Event packets sent without ack and not volatile, oldest first, with their offsets. */
	private final ArrayDeque<KeptPacket> kept = new ArrayDeque<>();

	/** Sessions of disconnected sockets by private session id. */
	private final Map<String, KeptSession> sessions = new HashMap<>();

	/** Tells offsets of this adapter from those of an earlier one of the namespace. */
	private final String offsetPrefix = Long.toString(ThreadLocalRandom.current().nextLong(0x1000000), 36) + "-";

	/** Times the recovery window. */
	private final ProtocolClock clock;

	private long nextOffset;

	private final @Nullable Disposable pruning;

	/**
	 * Create the adapter of a namespace.
	 * @param namespace the namespace
	 */
	public InMemoryAdapter(AdapterNamespace namespace) {
		this(namespace, true);
	}

	/**
	 * Create the adapter of a namespace, keeping the packets and sessions of connection
	 * state recovery in memory or leaving them to the subclass.
	 * @param namespace the namespace
	 * @param keepsRecoveryState whether this adapter keeps packets (with offsets of its
	 * own) and sessions when the namespace has a recovery window; a subclass that stores
	 * them elsewhere passes {@code false} and overrides {@link #persistSession} and
	 * {@link #restoreSession}
	 */
	protected InMemoryAdapter(AdapterNamespace namespace, boolean keepsRecoveryState) {
		this.namespace = namespace;
		this.clock = namespace.clock();
		this.recoveryWindow = keepsRecoveryState ? namespace.recoveryWindow() : null;
		this.pruning = (this.recoveryWindow != null) ? this.clock.schedulePeriodically(this::prune,
				this.recoveryWindow, Duration.ofMillis(Math.max(1000, this.recoveryWindow.toMillis() / 4))) : null;
	}

	/**
	 * Return the namespace this adapter serves.
	 * @return the namespace
	 */
	protected AdapterNamespace namespace() {
		return this.namespace;
	}

	@Override
	public void addAll(String socketId, Set<String> rooms) {
		synchronized (this.lock) {
			Set<String> joined = this.socketRooms.computeIfAbsent(socketId, (id) -> new LinkedHashSet<>());
			for (String room : rooms) {
				joined.add(room);
				this.rooms.computeIfAbsent(room, (name) -> new LinkedHashSet<>()).add(socketId);
			}
		}
	}

	@Override
	public void del(String socketId, String room) {
		synchronized (this.lock) {
			Set<String> joined = this.socketRooms.get(socketId);
			if (joined != null) {
				joined.remove(room);
			}
			removeFromRoom(room, socketId);
		}
	}

	@Override
	public void delAll(String socketId) {
		synchronized (this.lock) {
			Set<String> joined = this.socketRooms.remove(socketId);
			if (joined != null) {
				for (String room : joined) {
					removeFromRoom(room, socketId);
				}
			}
		}
	}

	private void removeFromRoom(String room, String socketId) {
		Set<String> members = this.rooms.get(room);
		if (members != null && members.remove(socketId) && members.isEmpty()) {
			this.rooms.remove(room);
		}
	}

	@Override
	public Set<String> socketRooms(String socketId) {
		synchronized (this.lock) {
			Set<String> joined = this.socketRooms.get(socketId);
			return (joined != null) ? Set.copyOf(joined) : Set.of();
		}
	}

	@Override
	public Set<String> rooms() {
		synchronized (this.lock) {
			return Set.copyOf(this.rooms.keySet());
		}
	}

	/**
	 * Return whether a room has at least one local socket.
	 * @param room the room
	 * @return whether it exists here
	 */
	protected boolean hasRoom(String room) {
		synchronized (this.lock) {
			return this.rooms.containsKey(room);
		}
	}

	@Override
	public Set<String> sockets(BroadcastOptions options) {
		synchronized (this.lock) {
			Set<String> targets = new LinkedHashSet<>();
			if (options.rooms().isEmpty()) {
				targets.addAll(this.socketRooms.keySet());
			}
			else {
				for (String room : options.rooms()) {
					targets.addAll(this.rooms.getOrDefault(room, Set.of()));
				}
			}
			for (String room : options.except()) {
				targets.removeAll(this.rooms.getOrDefault(room, Set.of()));
			}
			return targets.isEmpty() ? Set.of() : Collections.unmodifiableSet(targets);
		}
	}

	@Override
	public void broadcast(Packet packet, BroadcastOptions options) {
		deliver((this.recoveryWindow != null) ? keep(packet, options) : packet, options);
	}

	/**
	 * Send a packet as it is to every targeted local socket, encoding it once.
	 * @param sent the packet
	 * @param options the targets and flags
	 */
	protected final void deliver(Packet sent, BroadcastOptions options) {
		Set<String> targets = sockets(options);
		if (targets.isEmpty()) {
			return;
		}
		List<EnginePacket> messages = this.namespace.encode(sent);
		for (String socketId : targets) {
			this.namespace.deliver(socketId, messages, options.isVolatile());
		}
	}

	@Override
	public Mono<List<JsonNode>> broadcastWithAck(Packet packet, BroadcastOptions options) {
		return Mono.defer(() -> {
			BroadcastAckCollector collector = new BroadcastAckCollector(1);
			collector.clientCount(broadcastWithAck(packet, options, collector::ack));
			return collector.result(options.timeout(), this.clock);
		});
	}

	/**
	 * Send a packet to every targeted local socket with a fresh ack id.
	 * @param packet the packet (its ack id is replaced)
	 * @param options the targets
	 * @param onAck receives each client's acknowledgement arguments
	 * @return how many clients it was queued to, as many acknowledgements to expect
	 */
	protected int broadcastWithAck(Packet packet, BroadcastOptions options, Consumer<JsonNode> onAck) {
		Set<String> targets = sockets(options);
		if (targets.isEmpty()) {
			return 0;
		}
		long ackId = this.namespace.nextAckId();
		List<EnginePacket> messages = this.namespace
			.encode(new Packet(packet.type(), packet.namespace(), ackId, packet.data()));
		int queued = 0;
		for (String socketId : targets) {
			if (this.namespace.deliverWithAck(socketId, messages, ackId, options.timeout(), onAck)) {
				queued++;
			}
		}
		return queued;
	}

	/**
	 * Give an event packet sent without ack and not volatile an offset as its last
	 * argument, as the reference does, and keep it for the recovery window.
	 */
	private Packet keep(Packet packet, BroadcastOptions options) {
		JsonNode data = packet.data();
		if (!packet.type().isEvent() || packet.hasAck() || options.isVolatile() || !(data instanceof ArrayNode array)) {
			return packet;
		}
		ArrayNode withOffset = array.deepCopy();
		synchronized (this.kept) {
			String offset = this.offsetPrefix + Long.toString(this.nextOffset++, 36);
			withOffset.add(offset);
			this.kept.addLast(new KeptPacket(offset, options, withOffset, this.clock.nanoTime()));
		}
		return new Packet(packet.type(), packet.namespace(), Packet.NO_ACK, withOffset);
	}

	@Override
	public void persistSession(PersistedSession session) {
		if (this.recoveryWindow == null) {
			return;
		}
		synchronized (this.kept) {
			this.sessions.put(session.pid(), new KeptSession(session, this.clock.nanoTime()));
		}
	}

	@Override
	public Mono<Optional<RestoredSession>> restoreSession(String pid, String offset) {
		if (this.recoveryWindow == null) {
			return Mono.just(Optional.empty());
		}
		prune();
		synchronized (this.kept) {
			KeptSession kept = this.sessions.remove(pid);
			if (kept == null) {
				return Mono.just(Optional.empty());
			}
			List<ArrayNode> missed = new ArrayList<>();
			boolean found = false;
			for (KeptPacket packet : this.kept) {
				if (found) {
					if (reaches(packet.options(), kept.session().rooms())) {
						missed.add(packet.data());
					}
				}
				else if (packet.offset().equals(offset)) {
					found = true;
				}
			}
			return Mono.just(found ? Optional.of(new RestoredSession(kept.session(), missed)) : Optional.empty());
		}
	}

	private static boolean reaches(BroadcastOptions options, Set<String> rooms) {
		boolean included = options.rooms().isEmpty() || options.rooms().stream().anyMatch(rooms::contains);
		boolean excluded = options.except().stream().anyMatch(rooms::contains);
		return included && !excluded;
	}

	/** Release kept packets and sessions older than the recovery window. */
	private void prune() {
		Duration window = this.recoveryWindow;
		if (window == null) {
			return;
		}
		long oldest = this.clock.nanoTime() - window.toNanos();
		synchronized (this.kept) {
			while (!this.kept.isEmpty() && this.kept.peekFirst().keptAt() - oldest < 0) {
				this.kept.pollFirst();
			}
			this.sessions.values().removeIf((session) -> session.disconnectedAt() - oldest < 0);
		}
	}

	/**
	 * Return how many packets and sessions are kept for recovery.
	 * @return packets and sessions, for tests and monitoring
	 */
	public int[] keptForRecovery() {
		synchronized (this.kept) {
			return new int[] { this.kept.size(), this.sessions.size() };
		}
	}

	@Override
	public void close() {
		if (this.pruning != null) {
			this.pruning.dispose();
		}
		synchronized (this.kept) {
			this.kept.clear();
			this.sessions.clear();
		}
	}

	private record KeptPacket(String offset, BroadcastOptions options, ArrayNode data, long keptAt) {
	}

	private record KeptSession(PersistedSession session, long disconnectedAt) {
	}

	@Override
	public void addSockets(BroadcastOptions options, Set<String> rooms) {
		for (String socketId : sockets(options)) {
			this.namespace.join(socketId, rooms);
		}
	}

	@Override
	public void delSockets(BroadcastOptions options, Set<String> rooms) {
		for (String socketId : sockets(options)) {
			this.namespace.leave(socketId, rooms);
		}
	}

	@Override
	public void disconnectSockets(BroadcastOptions options, boolean close) {
		for (String socketId : new HashSet<>(sockets(options))) {
			this.namespace.disconnect(socketId, close);
		}
	}

}
