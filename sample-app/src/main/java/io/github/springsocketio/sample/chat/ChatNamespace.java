package io.github.springsocketio.sample.chat;

import java.security.Principal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.github.springsocketio.server.ConnectionRefusedException;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.Socket;
import io.github.springsocketio.server.SocketEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The chat: nicknames, rooms, messages acknowledged to their sender, typing
 * indicators and images relayed as binary.
 * <p>
 * Protocol (namespace {@value #NAME}); the client connects with
 * {@code auth: {nickname}} (a logged-in user, under the {@code secure} profile, is
 * known by the principal's name instead):
 * <ul>
 * <li>server → client {@code session} {id, nickname, maxImageBytes}, then
 * {@code rooms} [{name, members}] whenever a room's population changes;</li>
 * <li>{@code join} room → ack {room, members, history} (leaves the previous room; one
 * room at a time), {@code leave} → ack {room};</li>
 * <li>{@code message} {text} → ack {id, ts}; the rest of the room gets
 * {@code message} {id, room, from, text, ts};</li>
 * <li>{@code typing} true|false → the rest of the room gets {@code typing}
 * {nickname, typing}, volatile;</li>
 * <li>{@code image} {name, type}, bytes → ack {id, ts}; the rest of the room gets
 * {@code image} {id, room, from, name, type, size, ts}, bytes;</li>
 * <li>{@code clear} → ack {room}: empties the room's history (under the {@code secure}
 * profile, moderators only: others get {error: "unauthorized"});</li>
 * <li>{@code members} {room, members} and {@code system} {room, text, ts} go to a room
 * when someone joins or leaves it or its history is cleared.</li>
 * </ul>
 * A refused request is acknowledged with {error}.
 */
public final class ChatNamespace {

	/** The namespace the chat page connects to. */
	public static final String NAME = "/chat";

	/** Largest image accepted, in bytes (the page checks it too). */
	public static final int MAX_IMAGE_BYTES = 512 * 1024;

	/** Longest nickname. */
	public static final int MAX_NICKNAME_LENGTH = 24;

	/** Longest message. */
	public static final int MAX_TEXT_LENGTH = 2000;

	/** Rooms that are always listed. */
	public static final List<String> DEFAULT_ROOMS = List.of("general", "random", "help");

	private static final int HISTORY_SIZE = 50;

	private static final int MAX_ROOMS = 100;

	private static final Pattern ROOM_NAME = Pattern.compile("[\\p{L}\\p{N}_-]{1,24}");

	private static final String NICKNAME = "nickname";

	private static final String ROOM = "room";

	private static final Logger logger = LoggerFactory.getLogger(ChatNamespace.class);

	private final Map<String, Deque<ChatMessage>> history = new ConcurrentHashMap<>();

	private volatile @Nullable Namespace namespace;

	/**
	 * Install the chat's middleware and listeners on a namespace.
	 * @param namespace the namespace, normally {@value #NAME}
	 */
	public void register(Namespace namespace) {
		this.namespace = namespace;
		namespace.use(ChatNamespace::admit).onConnection(this::connected);
	}

	private static Mono<Void> admit(Socket socket) {
		// a logged-in user (the 'secure' profile) is known by name; others choose one
		Principal principal = socket.handshake().principal();
		String nickname = (principal != null) ? truncate(principal.getName(), MAX_NICKNAME_LENGTH)
				: nickname(socket.handshake().auth().get(NICKNAME));
		if (nickname == null) {
			return Mono.error(new ConnectionRefusedException("invalid nickname",
					Map.of("reason", "a nickname of 1 to " + MAX_NICKNAME_LENGTH + " characters is required")));
		}
		socket.data().put(NICKNAME, nickname);
		return Mono.empty();
	}

	private void connected(Socket socket) {
		String nickname = nicknameOf(socket);
		logger.debug("{} connected as {}", socket.id(), nickname);
		socket.emit("session", new Session(socket.id(), nickname, MAX_IMAGE_BYTES));
		socket.emit("rooms", rooms());
		socket.on("join", (event) -> join(socket, event));
		socket.on("leave", (event) -> {
			String room = roomOf(socket);
			leaveCurrent(socket);
			event.ack(Map.of(ROOM, (room != null) ? room : ""));
		});
		socket.on("message", (event) -> message(socket, event));
		socket.on("typing", (event) -> typing(socket, event));
		socket.on("image", (event) -> image(socket, event));
		socket.on("clear", (event) -> clear(socket, event));
		socket.onDisconnect((reason) -> {
			String room = roomOf(socket);
			if (room != null) {
				roomChanged(room, nickname + " left", socket.id());
			}
		});
	}

	private void join(Socket socket, SocketEvent event) {
		String room = roomName(event.arg(0));
		if (room == null) {
			refuse(event, "a room name is 1 to 24 letters, digits, '-' or '_'");
			return;
		}
		if (!DEFAULT_ROOMS.contains(room) && !this.history.containsKey(room) && rooms().size() >= MAX_ROOMS) {
			refuse(event, "too many rooms");
			return;
		}
		if (!room.equals(roomOf(socket))) {
			leaveCurrent(socket);
			socket.join(room);
			socket.data().put(ROOM, room);
			this.history.computeIfAbsent(room, (name) -> new ArrayDeque<>());
			roomChanged(room, nicknameOf(socket) + " joined", null);
		}
		event.ack(new Joined(room, members(room, null), history(room)));
	}

	/** Empty the history of the socket's room (moderators only under the 'secure' profile). */
	private void clear(Socket socket, SocketEvent event) {
		String room = roomOf(socket);
		if (room == null) {
			refuse(event, "join a room first");
			return;
		}
		Deque<ChatMessage> messages = this.history.get(room);
		if (messages != null) {
			synchronized (messages) {
				messages.clear();
			}
		}
		roomChanged(room, "history cleared by " + nicknameOf(socket), null);
		event.ack(Map.of(ROOM, room));
	}

	private void leaveCurrent(Socket socket) {
		String room = roomOf(socket);
		if (room != null) {
			socket.leave(room);
			socket.data().remove(ROOM);
			roomChanged(room, nicknameOf(socket) + " left", socket.id());
		}
	}

	private void message(Socket socket, SocketEvent event) {
		String room = roomOf(socket);
		JsonNode body = event.arg(0);
		String text = (body != null) ? string(body.get("text")) : null;
		if (room == null) {
			refuse(event, "join a room first");
			return;
		}
		if (text == null || text.isBlank() || text.length() > MAX_TEXT_LENGTH) {
			refuse(event, "a message is 1 to " + MAX_TEXT_LENGTH + " characters");
			return;
		}
		ChatMessage message = new ChatMessage(UUID.randomUUID().toString(), room, nicknameOf(socket), text,
				System.currentTimeMillis());
		remember(message);
		socket.to(room).emit("message", message);
		event.ack(new Delivered(message.id(), message.ts()));
	}

	private void typing(Socket socket, SocketEvent event) {
		String room = roomOf(socket);
		JsonNode typing = event.arg(0);
		if (room != null) {
			socket.to(room)
				.volatileOnly()
				.emit("typing", new Typing(nicknameOf(socket), typing != null && typing.asBoolean(false)));
		}
	}

	private void image(Socket socket, SocketEvent event) {
		String room = roomOf(socket);
		JsonNode meta = event.arg(0);
		byte[] bytes = (event.argCount() > 1 && event.arg(1) != null && event.arg(1).isBinary())
				? event.arg(1, byte[].class) : null;
		String type = (meta != null) ? string(meta.get("type")) : null;
		String name = (meta != null) ? string(meta.get("name")) : null;
		if (room == null) {
			refuse(event, "join a room first");
			return;
		}
		if (bytes == null || bytes.length == 0) {
			refuse(event, "no image data");
			return;
		}
		if (bytes.length > MAX_IMAGE_BYTES) {
			refuse(event, "image too large: " + bytes.length + " bytes, at most " + MAX_IMAGE_BYTES);
			return;
		}
		if (type == null || !type.startsWith("image/") || type.length() > 100) {
			refuse(event, "not an image");
			return;
		}
		String fileName = (name == null || name.isBlank()) ? "image" : truncate(name, 100);
		ImageMeta image = new ImageMeta(UUID.randomUUID().toString(), room, nicknameOf(socket), fileName, type,
				bytes.length, System.currentTimeMillis());
		socket.to(room).emit("image", image, bytes);
		event.ack(new Delivered(image.id(), image.ts()));
	}

	/** Tell a room who is in it now, and everyone how many people each room has. */
	private void roomChanged(String room, String notice, @Nullable String leaving) {
		Namespace namespace = namespace();
		namespace.to(room).emit("members", Map.of(ROOM, room, "members", members(room, leaving)));
		namespace.to(room).emit("system", Map.of(ROOM, room, "text", notice, "ts", System.currentTimeMillis()));
		Map<String, Integer> counts = counts(leaving);
		this.history.keySet().removeIf((name) -> !DEFAULT_ROOMS.contains(name) && !counts.containsKey(name));
		namespace.emit("rooms", rooms(counts));
	}

	private List<RoomInfo> rooms() {
		return rooms(counts(null));
	}

	private static List<RoomInfo> rooms(Map<String, Integer> counts) {
		Set<String> names = new LinkedHashSet<>(DEFAULT_ROOMS);
		names.addAll(counts.keySet());
		List<RoomInfo> rooms = new ArrayList<>();
		for (String name : names) {
			rooms.add(new RoomInfo(name, counts.getOrDefault(name, 0)));
		}
		return rooms;
	}

	/** Members per room, a socket about to leave left out. */
	private Map<String, Integer> counts(@Nullable String leaving) {
		Map<String, Integer> counts = new TreeMap<>();
		for (Socket socket : namespace().sockets().values()) {
			String room = roomOf(socket);
			if (room != null && !socket.id().equals(leaving)) {
				counts.merge(room, 1, Integer::sum);
			}
		}
		return counts;
	}

	private List<String> members(String room, @Nullable String leaving) {
		List<String> members = new ArrayList<>();
		for (Socket socket : namespace().sockets().values()) {
			if (room.equals(roomOf(socket)) && !socket.id().equals(leaving)) {
				members.add(nicknameOf(socket));
			}
		}
		members.sort(String.CASE_INSENSITIVE_ORDER);
		return members;
	}

	private void remember(ChatMessage message) {
		Deque<ChatMessage> messages = this.history.computeIfAbsent(message.room(), (name) -> new ArrayDeque<>());
		synchronized (messages) {
			messages.addLast(message);
			while (messages.size() > HISTORY_SIZE) {
				messages.removeFirst();
			}
		}
	}

	private List<ChatMessage> history(String room) {
		Deque<ChatMessage> messages = this.history.get(room);
		if (messages == null) {
			return List.of();
		}
		synchronized (messages) {
			return List.copyOf(messages);
		}
	}

	private Namespace namespace() {
		Namespace namespace = this.namespace;
		if (namespace == null) {
			throw new IllegalStateException("not registered");
		}
		return namespace;
	}

	private static void refuse(SocketEvent event, String error) {
		event.ack(Map.of("error", error));
	}

	private static String nicknameOf(Socket socket) {
		return (String) socket.data().getOrDefault(NICKNAME, "?");
	}

	private static @Nullable String roomOf(Socket socket) {
		return (String) socket.data().get(ROOM);
	}

	static @Nullable String nickname(@Nullable JsonNode node) {
		String nickname = string(node);
		if (nickname == null) {
			return null;
		}
		nickname = nickname.strip();
		if (nickname.isEmpty() || nickname.length() > MAX_NICKNAME_LENGTH
				|| nickname.codePoints().anyMatch(Character::isISOControl)) {
			return null;
		}
		return nickname;
	}

	static @Nullable String roomName(@Nullable JsonNode node) {
		String room = string(node);
		if (room == null) {
			return null;
		}
		room = room.strip().toLowerCase(Locale.ROOT);
		return ROOM_NAME.matcher(room).matches() ? room : null;
	}

	private static @Nullable String string(@Nullable JsonNode node) {
		return (node != null && node.isString()) ? node.asString() : null;
	}

	private static String truncate(String value, int length) {
		return (value.length() > length) ? value.substring(0, length) : value;
	}

	/** What a client learns on connection. */
	record Session(String id, String nickname, int maxImageBytes) {
	}

	/** A room and how many people are in it. */
	record RoomInfo(String name, int members) {
	}

	/** The answer to {@code join}. */
	record Joined(String room, List<String> members, List<ChatMessage> history) {
	}

	/** A text message. */
	record ChatMessage(String id, String room, String from, String text, long ts) {
	}

	/** The acknowledgement of a message or an image. */
	record Delivered(String id, long ts) {
	}

	/** Someone started or stopped typing. */
	record Typing(String nickname, boolean typing) {
	}

	/** What accompanies an image's bytes. */
	record ImageMeta(String id, String room, String from, String name, String type, int size, long ts) {
	}

}
