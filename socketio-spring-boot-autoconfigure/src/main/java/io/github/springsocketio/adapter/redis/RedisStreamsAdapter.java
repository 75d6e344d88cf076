package io.github.springsocketio.adapter.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.github.springsocketio.adapter.AdapterNamespace;
import io.github.springsocketio.adapter.BroadcastOptions;
import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.adapter.PersistedSession;
import io.github.springsocketio.adapter.RestoredSession;
import io.github.springsocketio.adapter.SocketDetails;
import io.github.springsocketio.protocol.Notepack;
import io.github.springsocketio.protocol.Packet;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The adapter of one namespace on Redis Streams, speaking the protocol of the Node.js
 * {@code @socket.io/redis-streams-adapter} 0.3 (over socket.io-adapter's
 * {@code ClusterAdapter}):
 * <ul>
 * <li>broadcasts without acknowledgements, {@code socketsJoin}, {@code socketsLeave} and
 * {@code disconnectSockets} are stream entries, {@code XADD <stream> MAXLEN ~ <maxLen> *
 * uid <uid> nsp <nsp> type <type> data <data>}, {@code data} as JSON, or as base64
 * msgpack when a broadcast carries binary; every node reads them in order, and a
 * broadcast's entry id is the offset its clients get for connection state recovery;</li>
 * <li>{@code fetchSockets}, {@code serverSideEmit} and broadcasts expecting
 * acknowledgements are msgpack messages {@code {type, data, uid, nsp}} published on
 * {@code <prefix>#<nsp>#}; answers go to the requester's {@code <prefix>#<nsp>#<uid>#};
 * the number of nodes is {@code PUBSUB NUMSUB <prefix>#<nsp>#};</li>
 * <li>sessions of disconnected sockets are kept as {@code SET <sessionKeyPrefix><pid>
 * <base64 msgpack {sid, pid, rooms, data}> PX <recovery window>}; restoring takes the
 * key ({@code GETDEL}), checks the client's offset is still in the stream and replays
 * the broadcasts of the namespace after it that reach the session's rooms.</li>
 * </ul>
 * The broadcasting node delivers to its own sockets once Redis gave the entry its id (so
 * its clients get the same offset); while Redis is unreachable it delivers at once
 * without an offset, and the refused command is counted.
 */
public final class RedisStreamsAdapter extends InMemoryAdapter {

	private static final Logger logger = LoggerFactory.getLogger(RedisStreamsAdapter.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final Pattern OFFSET = Pattern.compile("^[0-9]+-[0-9]+$");

	/** How many {@code XRANGE} calls a restore makes at most, as the Node adapter. */
	private static final int MAX_RESTORE_READS = 100;

	/** How many entries one {@code XRANGE} of a restore returns at most. */
	private static final int RESTORE_READ_COUNT = 1000;

	private final RedisConnections redis;

	private final RedisStreamsAdapterOptions options;

	private final String uid = randomId();

	private final String stream;

	private final String publicChannel;

	private final String privateChannel;

	private final @Nullable Duration recoveryWindow;

	private final ClusterRequests requests;

	private final Consumer<RedisStreamsAdapter> onClose;

	/** Stores the sessions of the connected sockets periodically, when recovery is on. */
	private final @Nullable Disposable refreshing;

	/**
	 * Create the adapter of a namespace and subscribe to its channels.
	 * @param namespace the namespace
	 * @param redis the node's Redis connections
	 * @param options the settings
	 * @param onClose told when the adapter closes
	 */
	RedisStreamsAdapter(AdapterNamespace namespace, RedisConnections redis, RedisStreamsAdapterOptions options,
			Consumer<RedisStreamsAdapter> onClose) {
		super(namespace, false);
		this.redis = redis;
		this.onClose = onClose;
		this.options = options;
		this.recoveryWindow = namespace.recoveryWindow();
		this.stream = options.stream(namespace.name());
		this.publicChannel = options.channelPrefix() + "#" + namespace.name() + "#";
		this.privateChannel = this.publicChannel + this.uid + "#";
		this.requests = new ClusterRequests(redis, namespace.clock(), options.requestTimeout(),
				RedisStreamsAdapter::randomId);
		Duration refresh = options.sessionRefresh();
		this.refreshing = (this.recoveryWindow != null && !refresh.isZero())
				? namespace.clock().schedulePeriodically(this::refreshSessions, refresh, refresh) : null;
		redis.subscribe(List.of(this.publicChannel, this.privateChannel), (channel, bytes) -> onPublished(bytes))
			.subscribe(null, (error) -> logger.warn("Redis Streams adapter of {} could not subscribe yet: {}",
					namespace.name(), error.getMessage()));
	}

	/** A random id of 16 hex digits, as socket.io-adapter's {@code randomId()}. */
	static String randomId() {
		byte[] bytes = new byte[8];
		ThreadLocalRandom.current().nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	/**
	 * Return this adapter's id: it marks what it sends, so it can ignore its own messages,
	 * and names its response channel.
	 * @return 16 hex digits
	 */
	public String uid() {
		return this.uid;
	}

	String namespaceName() {
		return namespace().name();
	}

	/**
	 * Return the stream this namespace's messages go to.
	 * @return the stream's name
	 */
	public String stream() {
		return this.stream;
	}

	// ---- sending

	@Override
	public void broadcast(Packet packet, BroadcastOptions options) {
		if (options.local()) {
			deliver(packet, options);
			return;
		}
		ObjectNode data = NODES.objectNode();
		data.set("packet", ClusterMessages.packet(packet));
		data.set("opts", ClusterMessages.options(options, null));
		CompletableFuture<String> offset = append(ClusterMessageType.BROADCAST, data);
		if (offset == null) {
			deliver(packet, options);
			return;
		}
		offset.whenComplete((id, error) -> deliver((error == null) ? withOffset(packet, options, id) : packet,
				options));
	}

	/**
	 * Add the event to the stream too, as the reference does, so that the client can
	 * recover it on any node (the other nodes have no such socket and drop it).
	 */
	@Override
	public void emitRecoverable(String socketId, Packet packet) {
		broadcast(packet, BroadcastOptions.ALL.withRooms(Set.of(socketId)));
	}

	/**
	 * Give an event packet the offset of its entry as last argument when clients may
	 * recover: not for volatile packets nor those expecting an acknowledgement.
	 */
	private Packet withOffset(Packet packet, BroadcastOptions options, String offset) {
		if (this.recoveryWindow == null || !packet.type().isEvent() || packet.hasAck() || options.isVolatile()
				|| !(packet.data() instanceof ArrayNode array)) {
			return packet;
		}
		ArrayNode data = array.deepCopy();
		data.add(offset);
		return new Packet(packet.type(), packet.namespace(), Packet.NO_ACK, data);
	}

	@Override
	public void addSockets(BroadcastOptions options, Set<String> rooms) {
		super.addSockets(options, rooms);
		appendTargeted(ClusterMessageType.SOCKETS_JOIN, options, (data) -> rooms.forEach(data.putArray("rooms")::add));
	}

	@Override
	public void delSockets(BroadcastOptions options, Set<String> rooms) {
		super.delSockets(options, rooms);
		appendTargeted(ClusterMessageType.SOCKETS_LEAVE, options,
				(data) -> rooms.forEach(data.putArray("rooms")::add));
	}

	@Override
	public void disconnectSockets(BroadcastOptions options, boolean close) {
		super.disconnectSockets(options, close);
		appendTargeted(ClusterMessageType.DISCONNECT_SOCKETS, options, (data) -> data.put("close", close));
	}

	private void appendTargeted(ClusterMessageType type, BroadcastOptions options, Consumer<ObjectNode> rest) {
		if (options.local()) {
			return;
		}
		ObjectNode data = NODES.objectNode();
		data.set("opts", ClusterMessages.options(options, null));
		rest.accept(data);
		append(type, data);
	}

	/**
	 * Add an entry to the namespace's stream.
	 * @return its id, or {@code null} when the command was refused
	 */
	private @Nullable CompletableFuture<String> append(ClusterMessageType type, ObjectNode data) {
		Map<byte[], byte[]> fields = new LinkedHashMap<>();
		fields.put(bytes("uid"), bytes(this.uid));
		fields.put(bytes("nsp"), bytes(namespace().name()));
		fields.put(bytes("type"), bytes(Integer.toString(type.code())));
		byte[] encoded = bytes(encodeData(type, data));
		fields.put(bytes("data"), encoded);
		XAddArgs args = XAddArgs.Builder.maxlen(this.options.maxLen()).approximateTrimming();
		return this.redis.send(encoded.length, "XADD", (commands) -> commands.xadd(bytes(this.stream), args, fields));
	}

	/** JSON, or base64 msgpack when the message may carry binary and does. */
	private String encodeData(ClusterMessageType type, JsonNode data) {
		if (!this.options.onlyPlaintext() && type.mayContainBinary() && hasBinary(data)) {
			return Base64.getEncoder().encodeToString(Notepack.encode(data));
		}
		return JSON.writeValueAsString(data);
	}

	static boolean hasBinary(JsonNode node) {
		if (node.isBinary()) {
			return true;
		}
		if (node.isContainer()) {
			for (JsonNode child : node.values()) {
				if (hasBinary(child)) {
					return true;
				}
			}
		}
		return false;
	}

	/** Publish a request on the namespace's channel, msgpack-encoded. */
	private boolean publish(ClusterMessageType type, ObjectNode data) {
		return this.redis.publish(this.publicChannel, Notepack.encode(message(type, data)));
	}

	private void respond(String requesterUid, ClusterMessageType type, ObjectNode data) {
		this.redis.publish(this.publicChannel + requesterUid + "#", Notepack.encode(message(type, data)));
	}

	/** A message in the Node adapter's key order: {@code type, data, uid, nsp}. */
	private ObjectNode message(ClusterMessageType type, ObjectNode data) {
		ObjectNode message = NODES.objectNode();
		message.put("type", type.code());
		message.set("data", data);
		message.put("uid", this.uid);
		message.put("nsp", namespace().name());
		return message;
	}

	@Override
	public Mono<List<JsonNode>> broadcastWithAck(Packet packet, BroadcastOptions options) {
		if (options.local()) {
			return super.broadcastWithAck(packet, options);
		}
		Duration timeout = (options.timeout() != null) ? options.timeout() : this.options.requestTimeout();
		return this.requests.broadcastWithAck(serverCount(), timeout, (requestId) -> {
			ObjectNode data = NODES.objectNode();
			data.set("packet", ClusterMessages.packet(packet));
			data.put("requestId", requestId);
			data.set("opts", ClusterMessages.options(options, timeout));
			return publish(ClusterMessageType.BROADCAST, data);
		}, (onAck) -> super.broadcastWithAck(packet, options, onAck));
	}

	@Override
	public Mono<List<SocketDetails>> fetchRemoteSockets(BroadcastOptions options) {
		if (options.local()) {
			return Mono.just(List.of());
		}
		return request(ClusterMessageType.FETCH_SOCKETS, "fetchSockets", (data) -> {
			data.set("opts", ClusterMessages.options(options, null));
		}).map(ClusterRequests::sockets);
	}

	@Override
	public void serverSideEmit(ArrayNode data) {
		ObjectNode body = NODES.objectNode();
		body.set("packet", data);
		publish(ClusterMessageType.SERVER_SIDE_EMIT, body);
	}

	@Override
	public Mono<List<JsonNode>> serverSideEmitWithAck(ArrayNode data) {
		return request(ClusterMessageType.SERVER_SIDE_EMIT, "serverSideEmit", (body) -> body.set("packet", data));
	}

	@Override
	public Mono<Integer> serverCount() {
		return this.redis.numsub(this.publicChannel);
	}

	/**
	 * Ask every other node and gather one answer from each. The {@code requestId} goes
	 * after the body for a fetch ({@code opts, requestId}) and before it for a
	 * server-side emit ({@code requestId, packet}), as the Node adapter writes them.
	 */
	private Mono<List<JsonNode>> request(ClusterMessageType type, String operation, Consumer<ObjectNode> body) {
		return this.requests.request(serverCount(), type == ClusterMessageType.FETCH_SOCKETS, operation,
				(requestId) -> {
					ObjectNode data = NODES.objectNode();
					if (type == ClusterMessageType.FETCH_SOCKETS) {
						body.accept(data);
						data.put("requestId", requestId);
					}
					else {
						data.put("requestId", requestId);
						body.accept(data);
					}
					return publish(type, data);
				});
	}

	// ---- receiving

	/**
	 * Handle an entry of the namespace's stream.
	 * @param fields the entry's fields ({@code uid}, {@code nsp}, {@code type},
	 * {@code data})
	 * @param offset the entry's id
	 */
	void onEntry(Map<String, String> fields, String offset) {
		JsonNode data = decodeData(fields.get("data"));
		ObjectNode message = NODES.objectNode();
		message.put("uid", fields.getOrDefault("uid", ""));
		message.put("nsp", fields.getOrDefault("nsp", ""));
		message.put("type", parseType(fields.get("type")));
		if (data != null) {
			message.set("data", data);
		}
		onMessage(message, offset);
	}

	private static int parseType(@Nullable String type) {
		try {
			return (type != null) ? Integer.parseInt(type) : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** The {@code data} field: JSON when it starts with '{', else base64 msgpack. */
	static @Nullable JsonNode decodeData(@Nullable String data) {
		if (data == null || data.isEmpty()) {
			return null;
		}
		try {
			return data.startsWith("{") ? JSON.readTree(data) : Notepack.decode(Base64.getDecoder().decode(data));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			logger.debug("Redis Streams adapter ignored a malformed data field", ex);
			return null;
		}
	}

	private void onPublished(byte[] bytes) {
		JsonNode message;
		try {
			message = Notepack.decode(bytes);
		}
		catch (Notepack.NotepackException ex) {
			logger.debug("Redis Streams adapter of {} ignored a malformed message", namespace().name());
			return;
		}
		if (message.isObject()) {
			onMessage(message, null);
		}
	}

	private void onMessage(JsonNode message, @Nullable String offset) {
		if (this.uid.equals(message.path("uid").asString("")) || !namespace().name().equals(message.path("nsp").asString(""))) {
			return;
		}
		ClusterMessageType type = ClusterMessageType.of(message.path("type").asInt(-1));
		JsonNode data = message.path("data");
		String requester = message.path("uid").asString("");
		if (type == null) {
			return;
		}
		switch (type) {
			case BROADCAST -> onBroadcast(data, requester, offset);
			case SOCKETS_JOIN -> super.addSockets(ClusterMessages.readOptions(data.path("opts")),
					ClusterMessages.strings(data.path("rooms")));
			case SOCKETS_LEAVE -> super.delSockets(ClusterMessages.readOptions(data.path("opts")),
					ClusterMessages.strings(data.path("rooms")));
			case DISCONNECT_SOCKETS -> super.disconnectSockets(ClusterMessages.readOptions(data.path("opts")),
					data.path("close").asBoolean(false));
			case FETCH_SOCKETS -> onFetchSockets(data, requester);
			case SERVER_SIDE_EMIT -> onServerSideEmit(data, requester);
			case FETCH_SOCKETS_RESPONSE, SERVER_SIDE_EMIT_RESPONSE, BROADCAST_CLIENT_COUNT, BROADCAST_ACK ->
				onResponse(type, data);
			default -> logger.debug("Redis Streams adapter of {} ignored a message of type {}", namespace().name(),
					type);
		}
	}

	private void onBroadcast(JsonNode data, String requester, @Nullable String offset) {
		Packet packet = ClusterMessages.readEvent(data.path("packet"), namespace().name());
		if (packet == null) {
			return;
		}
		BroadcastOptions options = ClusterMessages.readOptions(data.path("opts"));
		JsonNode requestId = data.get("requestId");
		if (requestId == null || requestId.isNull()) {
			boolean withAck = data.path("packet").has("id");
			deliver((offset != null && !withAck) ? withOffset(packet, options, offset) : packet, options);
			return;
		}
		String id = requestId.asString();
		if (this.requests.isWaitingForAcks(id)) {
			return;
		}
		int clients = super.broadcastWithAck(packet, options, (args) -> {
			ObjectNode ack = NODES.objectNode();
			ack.put("requestId", id);
			ack.set("packet", args.isEmpty() ? NODES.nullNode() : args.get(0));
			respond(requester, ClusterMessageType.BROADCAST_ACK, ack);
		});
		ObjectNode count = NODES.objectNode();
		count.put("requestId", id);
		count.put("clientCount", clients);
		respond(requester, ClusterMessageType.BROADCAST_CLIENT_COUNT, count);
	}

	private void onFetchSockets(JsonNode data, String requester) {
		ObjectNode response = NODES.objectNode();
		response.put("requestId", data.path("requestId").asString(""));
		ArrayNode sockets = response.putArray("sockets");
		for (String socketId : sockets(ClusterMessages.readOptions(data.path("opts")))) {
			SocketDetails details = namespace().describe(socketId);
			if (details != null) {
				sockets.add(ClusterMessages.socket(details));
			}
		}
		respond(requester, ClusterMessageType.FETCH_SOCKETS_RESPONSE, response);
	}

	private void onServerSideEmit(JsonNode data, String requester) {
		if (!(data.get("packet") instanceof ArrayNode packet)) {
			return;
		}
		JsonNode requestId = data.get("requestId");
		Consumer<JsonNode> ack = null;
		if (requestId != null && !requestId.isNull()) {
			ack = ClusterRequests.once((value) -> {
				ObjectNode response = NODES.objectNode();
				response.put("requestId", requestId.asString());
				response.set("packet", value);
				respond(requester, ClusterMessageType.SERVER_SIDE_EMIT_RESPONSE, response);
			});
		}
		namespace().serverSideEvent(packet, ack);
	}

	private void onResponse(ClusterMessageType type, JsonNode data) {
		String requestId = data.path("requestId").asString("");
		switch (type) {
			case BROADCAST_CLIENT_COUNT -> this.requests.clientCount(requestId, data.path("clientCount").asInt(0));
			case BROADCAST_ACK -> this.requests.ack(requestId, data.get("packet"));
			case FETCH_SOCKETS_RESPONSE -> this.requests.answer(requestId, data.path("sockets"), null);
			default -> this.requests.answer(requestId, null, data.get("packet"));
		}
	}

	// ---- connection state recovery

	@Override
	public void persistSession(PersistedSession session) {
		Duration window = this.recoveryWindow;
		if (window != null) {
			store(session, window);
		}
	}

	private void store(PersistedSession session, Duration expiry) {
		byte[] value = bytes(RecoverySessions.encode(session));
		this.redis.send(value.length, "SET", (commands) -> commands.set(sessionKey(session.pid()), value,
				SetArgs.Builder.px(expiry.toMillis())));
	}

	private byte[] sessionKey(String pid) {
		return bytes(this.options.sessionKeyPrefix() + pid);
	}

	/**
	 * Store the session of every connected socket, as it would be stored on a clean
	 * disconnect, expiring one interval after the recovery window: should this node die,
	 * each client can recover on another node with its state at most one interval old.
	 * One {@code SET} per socket per interval, pipelined on the command connection.
	 */
	void refreshSessions() {
		Duration window = this.recoveryWindow;
		if (window == null || !this.redis.isAvailable()) {
			return;
		}
		Duration expiry = window.plus(this.options.sessionRefresh());
		// leaves room for broadcasts: the sockets left are stored on the next round
		int budget = this.options.maxPendingPublishes() / 2;
		for (String socketId : sockets(BroadcastOptions.ALL)) {
			if (this.redis.pendingPublishes() >= budget) {
				logger.debug("Redis Streams adapter of {} postponed storing sessions: Redis is busy", namespace().name());
				return;
			}
			PersistedSession session = namespace().session(socketId);
			if (session != null) {
				store(session, expiry);
			}
		}
	}

	@Override
	public void discardSession(String pid) {
		if (this.refreshing != null) {
			this.redis.send(0, "DEL", (commands) -> commands.del(sessionKey(pid)));
		}
	}

	@Override
	public Mono<Optional<RestoredSession>> restoreSession(String pid, String offset) {
		if (this.recoveryWindow == null || !OFFSET.matcher(offset).matches()) {
			return Mono.just(Optional.empty());
		}
		byte[] key = sessionKey(pid);
		byte[] stream = bytes(this.stream);
		Mono<Optional<byte[]>> stored = this.redis.read((commands) -> commands.getdel(key)).map(Optional::of)
			.defaultIfEmpty(Optional.empty());
		Mono<Boolean> offsetKept = this.redis
			.read((commands) -> commands.xrange(stream, Range.create(offset, offset)))
			.map((entries) -> !entries.isEmpty());
		return Mono.zip(stored, offsetKept).flatMap((found) -> {
			PersistedSession session = found.getT1().map((raw) -> RecoverySessions.decode(StreamReader.text(raw)))
				.orElse(null);
			if (session == null || !found.getT2()) {
				return Mono.just(Optional.<RestoredSession>empty());
			}
			List<ArrayNode> missed = new ArrayList<>();
			return replay(stream, offset, session, missed, 0).then(Mono.fromSupplier(() -> {
				disconnectStaleCopy(session.sid());
				return Optional.of(new RestoredSession(session, missed));
			}));
		});
	}

	/**
	 * With sessions stored while connected, a client may come back here before the node
	 * it left has noticed (ping timeout): that node's socket of the same id is then
	 * disconnected for good, through the stream (this node ignores its own entry).
	 */
	private void disconnectStaleCopy(String socketId) {
		if (this.refreshing != null) {
			appendTargeted(ClusterMessageType.DISCONNECT_SOCKETS, BroadcastOptions.ALL.withRooms(Set.of(socketId)),
					(data) -> data.put("close", true));
		}
	}

	/** Read the stream after an offset, keeping the broadcasts that reach the session. */
	private Mono<Void> replay(byte[] stream, String offset, PersistedSession session, List<ArrayNode> missed,
			int reads) {
		if (reads >= MAX_RESTORE_READS) {
			return Mono.empty();
		}
		return this.redis
			.read((commands) -> commands.xrange(stream,
					Range.from(Range.Boundary.including(nextOffset(offset)), Range.Boundary.unbounded()),
					Limit.from(RESTORE_READ_COUNT)))
			.flatMap((entries) -> {
				if (entries.isEmpty()) {
					return Mono.empty();
				}
				String last = offset;
				for (StreamMessage<byte[], byte[]> entry : entries) {
					last = entry.getId();
					ArrayNode event = missedEvent(entry, session.rooms());
					if (event != null) {
						missed.add(event);
					}
				}
				return replay(stream, last, session, missed, reads + 1);
			});
	}

	private @Nullable ArrayNode missedEvent(StreamMessage<byte[], byte[]> entry, Set<String> rooms) {
		Map<String, String> fields = new LinkedHashMap<>();
		entry.getBody().forEach((name, value) -> fields.put(StreamReader.text(name), StreamReader.text(value)));
		if (!namespace().name().equals(fields.get("nsp"))
				|| !Integer.toString(ClusterMessageType.BROADCAST.code()).equals(fields.get("type"))) {
			return null;
		}
		JsonNode data = decodeData(fields.get("data"));
		if (data == null || !(data.path("packet").path("data") instanceof ArrayNode args)) {
			return null;
		}
		BroadcastOptions options = ClusterMessages.readOptions(data.path("opts"));
		boolean included = options.rooms().isEmpty() || options.rooms().stream().anyMatch(rooms::contains);
		boolean excluded = options.except().stream().anyMatch(rooms::contains);
		if (!included || excluded) {
			return null;
		}
		ArrayNode event = args.deepCopy();
		event.add(entry.getId());
		return event;
	}

	/** The id right after an offset (exclusive ranges need Redis 6.2; this works on any). */
	static String nextOffset(String offset) {
		int dash = offset.indexOf('-');
		return offset.substring(0, dash + 1) + (Long.parseLong(offset.substring(dash + 1)) + 1);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		if (this.refreshing != null) {
			this.refreshing.dispose();
		}
		this.onClose.accept(this);
		this.redis.unsubscribe(List.of(this.publicChannel, this.privateChannel), null);
		this.requests.close(new RedisAdapterException("adapter of " + namespace().name() + " closed"));
		super.close();
	}

}
