package io.github.springsocketio.adapter.redis;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.github.springsocketio.adapter.AdapterNamespace;
import io.github.springsocketio.adapter.BroadcastOptions;
import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.adapter.SocketDetails;
import io.github.springsocketio.protocol.Notepack;
import io.github.springsocketio.protocol.Packet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The adapter of one namespace on Redis pub/sub, speaking the protocol of the Node.js
 * {@code @socket.io/redis-adapter} 8.x: broadcasts are published msgpack-encoded as
 * {@code [uid, packet, opts]} on {@code <key>#<nsp>#} (or {@code <key>#<nsp>#<room>#}
 * for exactly one room), requests and responses go on {@code <key>-request#<nsp>#} and
 * {@code <key>-response#<nsp>#} in JSON (msgpack for broadcasts with acknowledgements),
 * and the number of nodes is {@code PUBSUB NUMSUB} of the request channel. Local
 * sockets and rooms are kept by the {@link InMemoryAdapter} this extends.
 * <p>
 * Each operation reaches local sockets directly and other nodes through Redis; a node
 * ignores what it published itself. While Redis is unreachable, local delivery goes
 * on, publishes are dropped and counted, and operations that wait for other nodes
 * ({@code fetchSockets}, {@code serverSideEmitWithAck}, broadcasts with
 * acknowledgements, {@code serverCount}) fail at once with a
 * {@link RedisAdapterException}.
 */
public final class RedisAdapter extends InMemoryAdapter {

	private static final Logger logger = LoggerFactory.getLogger(RedisAdapter.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final byte JSON_START = '{';

	private final RedisConnections redis;

	private final RedisAdapterOptions options;

	private final String uid = ClusterMessages.uid();

	private final String broadcastChannel;

	private final String requestChannel;

	private final String responseChannel;

	private final String specificResponseChannel;

	/** Requests of this adapter waiting for other nodes. */
	private final ClusterRequests requests;

	/**
	 * Create the adapter of a namespace and subscribe to its channels.
	 * @param namespace the namespace
	 * @param redis the node's Redis connections
	 * @param options the settings
	 */
	RedisAdapter(AdapterNamespace namespace, RedisConnections redis, RedisAdapterOptions options) {
		super(namespace);
		this.redis = redis;
		this.options = options;
		String name = namespace.name();
		this.broadcastChannel = options.key() + "#" + name + "#";
		this.requestChannel = options.key() + "-request#" + name + "#";
		this.responseChannel = options.key() + "-response#" + name + "#";
		this.specificResponseChannel = this.responseChannel + this.uid + "#";
		this.requests = new ClusterRequests(redis, namespace.clock(), options.requestTimeout(), ClusterMessages::uid);
		redis.psubscribe(this.broadcastChannel + "*", this::onBroadcast).subscribe(null, this::subscribeFailed);
		redis.subscribe(List.of(this.requestChannel, this.responseChannel, this.specificResponseChannel),
				this::onRequestOrResponse)
			.subscribe(null, this::subscribeFailed);
	}

	private void subscribeFailed(Throwable error) {
		logger.warn("Redis adapter of {} could not subscribe yet (it will when Redis is back): {}", namespace().name(),
				error.getMessage());
	}

	/**
	 * Return this adapter's id: it marks what it publishes, so it can ignore its own
	 * messages.
	 * @return 6 URL-safe characters
	 */
	public String uid() {
		return this.uid;
	}

	// ---- broadcasting

	@Override
	public void broadcast(Packet packet, BroadcastOptions options) {
		if (!options.local()) {
			ArrayNode message = NODES.arrayNode(3);
			message.add(this.uid);
			message.add(ClusterMessages.packet(packet));
			message.add(ClusterMessages.options(options, null));
			String channel = (options.rooms().size() == 1)
					? this.broadcastChannel + options.rooms().iterator().next() + "#" : this.broadcastChannel;
			this.redis.publish(channel, Notepack.encode(message));
		}
		super.broadcast(packet, options);
	}

	private void onBroadcast(String channel, byte[] bytes) {
		if (channel.length() > this.broadcastChannel.length()) {
			String room = channel.substring(this.broadcastChannel.length(), channel.length() - 1);
			if (!hasRoom(room)) {
				return;
			}
		}
		JsonNode message;
		try {
			message = Notepack.decode(bytes);
		}
		catch (Notepack.NotepackException ex) {
			logger.debug("Redis adapter of {} ignored a malformed broadcast on {}", namespace().name(), channel);
			return;
		}
		if (!message.isArray() || message.size() < 3 || this.uid.equals(message.get(0).asString(""))) {
			return;
		}
		Packet packet = ClusterMessages.readEvent(message.get(1), namespace().name());
		if (packet == null) {
			logger.debug("Redis adapter of {} ignored a broadcast that is no event of it", namespace().name());
			return;
		}
		super.broadcast(packet, ClusterMessages.readOptions(message.get(2)));
	}

	@Override
	public Mono<List<JsonNode>> broadcastWithAck(Packet packet, BroadcastOptions options) {
		if (options.local()) {
			return super.broadcastWithAck(packet, options);
		}
		Duration timeout = (options.timeout() != null) ? options.timeout() : this.options.requestTimeout();
		return this.requests.broadcastWithAck(serverCount(), timeout, (requestId) -> {
			ObjectNode request = NODES.objectNode();
			request.put("uid", this.uid);
			request.put("requestId", requestId);
			request.put("type", RequestType.BROADCAST.code());
			request.set("packet", ClusterMessages.packet(packet));
			request.set("opts", ClusterMessages.options(options, timeout));
			return this.redis.publish(this.requestChannel, Notepack.encode(request));
		}, (onAck) -> super.broadcastWithAck(packet, options, onAck));
	}

	// ---- operations on the sockets of every node

	@Override
	public void addSockets(BroadcastOptions options, Set<String> rooms) {
		super.addSockets(options, rooms);
		publishTargetedRequest(RequestType.REMOTE_JOIN, options, (request) -> rooms.forEach(request.putArray("rooms")::add));
	}

	@Override
	public void delSockets(BroadcastOptions options, Set<String> rooms) {
		super.delSockets(options, rooms);
		publishTargetedRequest(RequestType.REMOTE_LEAVE, options, (request) -> rooms.forEach(request.putArray("rooms")::add));
	}

	@Override
	public void disconnectSockets(BroadcastOptions options, boolean close) {
		super.disconnectSockets(options, close);
		publishTargetedRequest(RequestType.REMOTE_DISCONNECT, options, (request) -> request.put("close", close));
	}

	private void publishTargetedRequest(RequestType type, BroadcastOptions options, Consumer<ObjectNode> rest) {
		if (options.local()) {
			return;
		}
		ObjectNode request = NODES.objectNode();
		request.put("uid", this.uid);
		request.put("type", type.code());
		request.set("opts", ClusterMessages.targets(options));
		rest.accept(request);
		this.redis.publish(this.requestChannel, json(request));
	}

	@Override
	public Mono<List<SocketDetails>> fetchRemoteSockets(BroadcastOptions options) {
		if (options.local()) {
			return Mono.just(List.of());
		}
		return request(RequestType.REMOTE_FETCH, "fetchSockets",
				(request) -> request.set("opts", ClusterMessages.targets(options)))
			.map(ClusterRequests::sockets);
	}

	@Override
	public void serverSideEmit(ArrayNode data) {
		ObjectNode request = NODES.objectNode();
		request.put("uid", this.uid);
		request.put("type", RequestType.SERVER_SIDE_EMIT.code());
		request.set("data", data);
		this.redis.publish(this.requestChannel, json(request));
	}

	@Override
	public Mono<List<JsonNode>> serverSideEmitWithAck(ArrayNode data) {
		return request(RequestType.SERVER_SIDE_EMIT, "serverSideEmit", (request) -> request.set("data", data));
	}

	@Override
	public Mono<Integer> serverCount() {
		return this.redis.numsub(this.requestChannel);
	}

	/**
	 * Ask every other node and gather one answer from each: the {@code sockets} of a
	 * fetch, the {@code data} of a server-side emit.
	 */
	private Mono<List<JsonNode>> request(RequestType type, String operation, Consumer<ObjectNode> body) {
		return this.requests.request(serverCount(), type == RequestType.REMOTE_FETCH, operation, (requestId) -> {
			ObjectNode request = NODES.objectNode();
			request.put("uid", this.uid);
			request.put("requestId", requestId);
			request.put("type", type.code());
			body.accept(request);
			return this.redis.publish(this.requestChannel, json(request));
		});
	}

	// ---- messages from other nodes

	private void onRequestOrResponse(String channel, byte[] bytes) {
		JsonNode message;
		try {
			message = (bytes.length > 0 && bytes[0] == JSON_START) ? BufferJson.read(JSON.readTree(bytes))
					: Notepack.decode(bytes);
		}
		catch (JacksonException | Notepack.NotepackException ex) {
			logger.debug("Redis adapter of {} ignored a malformed message on {}", namespace().name(), channel);
			return;
		}
		if (message == null || !message.isObject()) {
			return;
		}
		if (channel.equals(this.requestChannel)) {
			onRequest(message);
		}
		else {
			onResponse(message);
		}
	}

	private void onRequest(JsonNode request) {
		RequestType type = RequestType.of(request.path("type").asInt(-1));
		String requestId = request.path("requestId").asString("");
		boolean mine = this.uid.equals(request.path("uid").asString(""));
		if (type == null || mine) {
			return;
		}
		switch (type) {
			case SOCKETS -> {
				ObjectNode response = response(null, requestId);
				ArrayNode ids = response.putArray("sockets");
				sockets(new BroadcastOptions(ClusterMessages.strings(request.path("rooms")), Set.of(), false, true,
						true, null))
					.forEach(ids::add);
				publishResponse(json(response));
			}
			case ALL_ROOMS -> {
				ObjectNode response = response(null, requestId);
				ArrayNode names = response.putArray("rooms");
				rooms().forEach(names::add);
				publishResponse(json(response));
			}
			case REMOTE_JOIN -> onTargetedRequest(request, requestId,
					(options) -> super.addSockets(options, ClusterMessages.strings(request.path("rooms"))),
					(socketId) -> namespace().join(socketId, Set.of(request.path("room").asString(""))));
			case REMOTE_LEAVE -> onTargetedRequest(request, requestId,
					(options) -> super.delSockets(options, ClusterMessages.strings(request.path("rooms"))),
					(socketId) -> namespace().leave(socketId, Set.of(request.path("room").asString(""))));
			case REMOTE_DISCONNECT -> {
				boolean close = request.path("close").asBoolean(false);
				onTargetedRequest(request, requestId, (options) -> super.disconnectSockets(options, close),
						(socketId) -> namespace().disconnect(socketId, close));
			}
			case REMOTE_FETCH -> {
				ObjectNode response = response(null, requestId);
				ArrayNode sockets = response.putArray("sockets");
				for (String socketId : sockets(ClusterMessages.readOptions(request.path("opts")))) {
					SocketDetails details = namespace().describe(socketId);
					if (details != null) {
						sockets.add(ClusterMessages.socket(details));
					}
				}
				publishResponse(json(response));
			}
			case SERVER_SIDE_EMIT -> onServerSideEmit(request, requestId);
			case BROADCAST -> onBroadcastWithAck(request, requestId);
			default -> logger.debug("Redis adapter of {} ignored a request of type {}", namespace().name(), type);
		}
	}

	/**
	 * A join, leave or disconnect: with {@code opts} for the targeted sockets of this
	 * node, or (older nodes) with {@code sid} for one socket, answered when it is here.
	 */
	private void onTargetedRequest(JsonNode request, String requestId, Consumer<BroadcastOptions> targeted,
			Consumer<String> single) {
		JsonNode opts = request.get("opts");
		if (opts != null && opts.isObject()) {
			targeted.accept(ClusterMessages.readOptions(opts));
			return;
		}
		String socketId = request.path("sid").asString("");
		if (namespace().describe(socketId) != null) {
			single.accept(socketId);
			publishResponse(json(response(null, requestId)));
		}
	}

	private void onServerSideEmit(JsonNode request, String requestId) {
		if (!(request.get("data") instanceof ArrayNode data)) {
			return;
		}
		Consumer<JsonNode> ack = null;
		if (request.has("requestId")) {
			ack = ClusterRequests.once((value) -> {
				ObjectNode response = response(RequestType.SERVER_SIDE_EMIT, requestId);
				response.set("data", value);
				publishResponse(json(response));
			});
		}
		namespace().serverSideEvent(data, ack);
	}

	private void onBroadcastWithAck(JsonNode request, String requestId) {
		if (this.requests.isWaitingForAcks(requestId)) {
			return;
		}
		Packet packet = ClusterMessages.readEvent(request.path("packet"), namespace().name());
		if (packet == null) {
			return;
		}
		int clients = super.broadcastWithAck(packet, ClusterMessages.readOptions(request.path("opts")), (args) -> {
			ObjectNode response = response(RequestType.BROADCAST_ACK, requestId);
			if (!args.isEmpty()) {
				response.set("packet", args.get(0));
			}
			publishResponse(Notepack.encode(response));
		});
		ObjectNode count = response(RequestType.BROADCAST_CLIENT_COUNT, requestId);
		count.put("clientCount", clients);
		publishResponse(json(count));
	}

	private void onResponse(JsonNode response) {
		String requestId = response.path("requestId").asString("");
		RequestType type = RequestType.of(response.path("type").asInt(-1));
		if (type == RequestType.BROADCAST_CLIENT_COUNT) {
			this.requests.clientCount(requestId, response.path("clientCount").asInt(0));
		}
		else if (type == RequestType.BROADCAST_ACK) {
			this.requests.ack(requestId, response.get("packet"));
		}
		else {
			this.requests.answer(requestId, response.get("sockets"), response.get("data"));
		}
	}

	private static ObjectNode response(@Nullable RequestType type, String requestId) {
		ObjectNode response = NODES.objectNode();
		if (type != null) {
			response.put("type", type.code());
		}
		response.put("requestId", requestId);
		return response;
	}

	private void publishResponse(byte[] response) {
		this.redis.publish(this.responseChannel, response);
	}

	private static byte[] json(JsonNode node) {
		return JSON.writeValueAsBytes(BufferJson.write(node));
	}

	@Override
	public void close() {
		this.redis.unsubscribe(List.of(this.requestChannel, this.responseChannel, this.specificResponseChannel),
				this.broadcastChannel + "*");
		this.requests.close(new RedisAdapterException("adapter of " + namespace().name() + " closed"));
		super.close();
	}

}
