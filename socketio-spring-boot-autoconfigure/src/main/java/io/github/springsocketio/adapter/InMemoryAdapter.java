package io.github.springsocketio.adapter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.protocol.Packet;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The default adapter: rooms of the sockets of this node, kept in memory. A broadcast
 * encodes its packet once and hands the same messages to every target.
 */
public class InMemoryAdapter implements Adapter {

	private final AdapterNamespace namespace;

	private final Object lock = new Object();

	private final Map<String, Set<String>> rooms = new HashMap<>();

	private final Map<String, Set<String>> socketRooms = new HashMap<>();

	/**
	 * Create the adapter of a namespace.
	 * @param namespace the namespace
	 */
	public InMemoryAdapter(AdapterNamespace namespace) {
		this.namespace = namespace;
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
		Set<String> targets = sockets(options);
		if (targets.isEmpty()) {
			return;
		}
		List<EnginePacket> messages = this.namespace.encode(packet);
		for (String socketId : targets) {
			this.namespace.deliver(socketId, messages, options.isVolatile());
		}
	}

	@Override
	public Mono<List<JsonNode>> broadcastWithAck(Packet packet, BroadcastOptions options) {
		return Mono.defer(() -> {
			Set<String> targets = sockets(options);
			if (targets.isEmpty()) {
				return Mono.just(List.<JsonNode>of());
			}
			long ackId = this.namespace.nextAckId();
			List<EnginePacket> messages = this.namespace
				.encode(new Packet(packet.type(), packet.namespace(), ackId, packet.data()));
			List<JsonNode> responses = Collections.synchronizedList(new ArrayList<>());
			int expected = targets.size();
			Mono<List<JsonNode>> all = Mono.create((sink) -> {
				int queued = 0;
				for (String socketId : targets) {
					boolean sent = this.namespace.deliverWithAck(socketId, messages, ackId, (args) -> {
						responses.add(args);
						if (responses.size() >= expected) {
							sink.success(List.copyOf(responses));
						}
					});
					if (sent) {
						queued++;
					}
				}
				if (queued == 0) {
					sink.success(List.of());
				}
			});
			if (options.timeout() == null) {
				return all;
			}
			return all.timeout(options.timeout(), Mono.defer(() -> {
				synchronized (responses) {
					return Mono.error(new BroadcastAckTimeoutException(new ArrayList<>(responses), expected));
				}
			}));
		});
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
