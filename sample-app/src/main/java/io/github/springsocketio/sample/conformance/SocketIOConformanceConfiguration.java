package io.github.springsocketio.sample.conformance;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.github.springsocketio.server.ConnectionRefusedException;
import io.github.springsocketio.server.Socket;
import io.github.springsocketio.server.SocketEvent;
import io.github.springsocketio.server.SocketIOServer;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The Socket.IO part of the conformance fixture at {@code /socket.io/}, exactly as
 * {@code shared/conformance-fixture.md} describes it, written with the public API.
 */
@Configuration(proxyBeanMethods = false)
@Profile("conformance")
public class SocketIOConformanceConfiguration {

	private static final Duration ASK_TIMEOUT = Duration.ofMillis(1000);

	private static final Pattern DYNAMIC = Pattern.compile("^/dynamic-\\d+$");

	@Bean
	InitializingBean conformanceNamespaces(SocketIOServer io) {
		return () -> {
			io.onConnection((socket) -> mainNamespace(io, socket));
			io.of("/custom").onConnection(SocketIOConformanceConfiguration::emitAuth);
			io.of("/protected").use((socket) -> {
				JsonNode token = socket.handshake().auth().get("token");
				return (token != null && "secret".equals(token.asString())) ? Mono.empty()
						: Mono.error(new ConnectionRefusedException("unauthorized", Map.of("reason", "bad token")));
			}).onConnection(SocketIOConformanceConfiguration::emitAuth);
			io.of(DYNAMIC).onConnection((socket) -> {
				emitAuth(socket);
				socket.on("whoami", (event) -> event.ack(socket.namespace().name()));
			});
		};
	}

	private static void emitAuth(Socket socket) {
		socket.emit("auth", socket.handshake().auth());
	}

	private static void mainNamespace(SocketIOServer io, Socket socket) {
		emitAuth(socket);
		socket.on("message", (event) -> socket.emitArgs("message-back", event.args()));
		socket.on("message-with-ack", (event) -> event.ackArgs(event.args()));
		socket.on("join", (event) -> {
			socket.join(event.arg(0, String.class));
			event.ack();
		});
		socket.on("leave", (event) -> {
			socket.leave(event.arg(0, String.class));
			event.ack();
		});
		socket.on("rooms", (event) -> event.ack(new TreeSet<>(socket.rooms())));
		socket.on("to-room", (event) -> io.to(event.arg(0, String.class))
			.emitArgs(event.arg(1, String.class), tail(event, 2)));
		socket.on("broadcast", (event) -> socket.broadcast().emitArgs(event.arg(0, String.class), tail(event, 1)));
		socket.on("ask", (event) -> socket.timeout(ASK_TIMEOUT)
			.emitArgsWithAck("ask", event.args())
			.subscribe((answer) -> socket.emitArgs("ask-result", answer), (error) -> socket.emit("ask-timeout")));
		socket.on("handshake", (event) -> {
			Map<String, String> query = new LinkedHashMap<>();
			socket.handshake().query().forEach((name, values) -> query.put(name, values.isEmpty() ? "" : values.get(0)));
			event.ack(Map.of("auth", socket.handshake().auth(), "query", query));
		});
		socket.onAsync("slow", (event) -> Mono.delay(Duration.ofMillis(event.arg(0, Long.class))).thenReturn("done"));
		socket.on("throw", (event) -> {
			throw new IllegalStateException("thrown on purpose by the 'throw' event");
		});
		socket.on("disconnect-me", (event) -> socket.disconnect(true));
	}

	private static ArrayNode tail(SocketEvent event, int from) {
		ArrayNode rest = event.args().arrayNode();
		for (int i = from; i < event.argCount(); i++) {
			rest.add(event.args().get(i));
		}
		return rest;
	}

}
