package io.github.springsocketio.sample.conformance;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.github.springsocketio.annotation.AckSender;
import io.github.springsocketio.annotation.OnConnect;
import io.github.springsocketio.annotation.OnEvent;
import io.github.springsocketio.annotation.SocketIOController;
import io.github.springsocketio.server.Handshake;
import io.github.springsocketio.server.Socket;
import io.github.springsocketio.server.SocketEvent;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.context.annotation.Profile;

/**
 * The events of namespace {@code /} of the conformance fixture
 * ({@code shared/conformance-fixture.md}). Plain methods run on the controller executor,
 * in arrival order per socket; those returning a {@code Mono} run inline and hold up
 * nothing.
 */
@SocketIOController
@Profile("conformance")
public class MainNamespaceController {

	private static final Duration ASK_TIMEOUT = Duration.ofMillis(1000);

	@OnConnect
	void connected(Socket socket) {
		emitAuth(socket);
	}

	@OnEvent("message")
	void message(Socket socket, SocketEvent event) {
		socket.emitArgs("message-back", event.args());
	}

	@OnEvent("message-with-ack")
	void messageWithAck(SocketEvent event) {
		event.ackArgs(event.args());
	}

	@OnEvent("join")
	void join(Socket socket, String room, AckSender ack) {
		socket.join(room);
		ack.send();
	}

	@OnEvent("leave")
	void leave(Socket socket, String room, AckSender ack) {
		socket.leave(room);
		ack.send();
	}

	@OnEvent("rooms")
	Set<String> rooms(Socket socket) {
		return new TreeSet<>(socket.rooms());
	}

	@OnEvent("to-room")
	void toRoom(Socket socket, SocketEvent event, String room, String name) {
		socket.namespace().to(room).emitArgs(name, tail(event, 2));
	}

	@OnEvent("broadcast")
	void broadcast(Socket socket, SocketEvent event, String name) {
		socket.broadcast().emitArgs(name, tail(event, 1));
	}

	@OnEvent("ask")
	Mono<Void> ask(Socket socket, SocketEvent event) {
		return socket.timeout(ASK_TIMEOUT)
			.emitArgsWithAck("ask", event.args())
			.doOnNext((answer) -> socket.emitArgs("ask-result", answer))
			.then()
			.onErrorResume((error) -> Mono.fromRunnable(() -> socket.emit("ask-timeout")));
	}

	@OnEvent("handshake")
	Map<String, Object> handshake(Handshake handshake) {
		Map<String, String> query = new LinkedHashMap<>();
		handshake.query().forEach((name, values) -> query.put(name, values.isEmpty() ? "" : values.get(0)));
		return Map.of("auth", handshake.auth(), "query", query);
	}

	@OnEvent("slow")
	Mono<String> slow(long millis) {
		return Mono.delay(Duration.ofMillis(millis)).thenReturn("done");
	}

	@OnEvent("throw")
	void fail() {
		throw new IllegalStateException("thrown on purpose by the 'throw' event");
	}

	@OnEvent("disconnect-me")
	void disconnectMe(Socket socket) {
		socket.disconnect(true);
	}

	static void emitAuth(Socket socket) {
		socket.emit("auth", socket.handshake().auth());
	}

	private static ArrayNode tail(SocketEvent event, int from) {
		ArrayNode rest = event.args().arrayNode();
		for (int i = from; i < event.argCount(); i++) {
			rest.add(event.args().get(i));
		}
		return rest;
	}

}
