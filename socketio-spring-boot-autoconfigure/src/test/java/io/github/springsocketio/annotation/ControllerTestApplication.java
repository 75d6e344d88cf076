package io.github.springsocketio.annotation;

import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.springsocketio.server.ConnectionRefusedException;
import io.github.springsocketio.server.DisconnectReason;
import io.github.springsocketio.server.Handshake;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.Socket;
import io.github.springsocketio.server.SocketEvent;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Scope;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.server.WebFilter;

/**
 * The application of the controller tests: controllers of {@code /}, {@code /chat}
 * (guarded by a {@link BeforeConnect} method) and {@code /admin} (guarded by a
 * {@link NamespaceConnectMiddleware} bean), an exception advice, and a web filter that
 * authenticates requests carrying a {@code user} query parameter, standing in for Spring
 * Security.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ ControllerTestApplication.MainController.class, ControllerTestApplication.ChatController.class,
		ControllerTestApplication.AdminController.class, ControllerTestApplication.PrototypeController.class,
		ControllerTestApplication.Advice.class })
class ControllerTestApplication {

	@Bean
	Recorder recorder() {
		return new Recorder();
	}

	@Bean
	WebFilter testAuthentication() {
		return (exchange, chain) -> {
			String user = exchange.getRequest().getQueryParams().getFirst("user");
			return (user != null)
					? chain.filter(exchange.mutate().principal(Mono.just(new TestPrincipal(user))).build())
					: chain.filter(exchange);
		};
	}

	@Bean
	NamespaceConnectMiddleware adminOnly() {
		return new NamespaceConnectMiddleware() {

			@Override
			public String namespace() {
				return "/admin";
			}

			@Override
			public Mono<Void> apply(Socket socket) {
				JsonNode role = socket.handshake().auth().get("role");
				return (role != null && "admin".equals(role.asString())) ? Mono.empty()
						: Mono.error(new ConnectionRefusedException("forbidden", Map.of("required", "admin")));
			}

		};
	}

	/** What the controllers saw. */
	static final class Recorder {

		final Map<String, DisconnectReason> disconnects = new ConcurrentHashMap<>();

		final Map<String, String> disconnectThreads = new ConcurrentHashMap<>();

		final Map<String, List<Integer>> sequences = new ConcurrentHashMap<>();

		final Queue<String> noAckCalls = new ConcurrentLinkedQueue<>();

	}

	record TestPrincipal(String name) implements Principal {

		@Override
		public String getName() {
			return this.name;
		}

	}

	record Greeting(String name, int count) {
	}

	/** A mutable bean, unlike the record. */
	static class Pojo {

		private String label = "";

		private List<Integer> values = new ArrayList<>();

		public String getLabel() {
			return this.label;
		}

		public void setLabel(String label) {
			this.label = label;
		}

		public List<Integer> getValues() {
			return this.values;
		}

		public void setValues(List<Integer> values) {
			this.values = values;
		}

	}

	record Signup(@NotBlank String name, @Min(18) int age) {
	}

	record Credentials(String token, String user) {
	}

	@SocketIOController
	static class MainController {

		private final Recorder recorder;

		MainController(Recorder recorder) {
			this.recorder = recorder;
		}

		@OnConnect
		void connected(Socket socket, Handshake handshake, @Auth JsonNode auth, @Nullable Principal principal) {
			socket.emit("welcome", Map.of("id", socket.id(), "auth", auth, "url", handshake.url(), "principal",
					(principal != null) ? principal.getName() : "none", "thread", currentThread()));
		}

		@OnDisconnect
		void disconnected(Socket socket, DisconnectReason reason) {
			this.recorder.disconnectThreads.put(socket.id(), currentThread());
			this.recorder.disconnects.put(socket.id(), reason);
		}

		@OnEvent("echo")
		String echo(String text) {
			return text;
		}

		@OnEvent("record")
		Greeting record(Greeting greeting) {
			return new Greeting(greeting.name().toUpperCase(), greeting.count() + 1);
		}

		@OnEvent("pojo")
		Pojo pojo(Pojo pojo) {
			pojo.setLabel(pojo.getLabel() + "!");
			pojo.getValues().add(pojo.getValues().size());
			return pojo;
		}

		@OnEvent("bytes")
		byte[] bytes(byte[] data) {
			byte[] reversed = new byte[data.length];
			for (int i = 0; i < data.length; i++) {
				reversed[i] = data[data.length - 1 - i];
			}
			return reversed;
		}

		@OnEvent("tree")
		JsonNode tree(JsonNode tree) {
			((ObjectNode) tree).put("seen", true);
			return tree;
		}

		@OnEvent("primitives")
		String primitives(int number, boolean flag, String text, long big, double ratio) {
			return number + "|" + flag + "|" + text + "|" + big + "|" + ratio;
		}

		@OnEvent("mixed")
		String mixed(Socket socket, int first, SocketEvent event, String second, AckSender ack, Namespace namespace) {
			return first + second + "|" + event.argCount() + "|" + namespace.name() + "|"
					+ socket.id().equals(event.socket().id());
		}

		@OnEvent("headers")
		String headers(Message<ArrayNode> message, Socket socket) {
			MessageHeaders headers = message.getHeaders();
			if (headers.get(DispatchHeaders.SOCKET) != socket
					|| !(headers.get(DispatchHeaders.EVENT) instanceof SocketEvent event)) {
				return "no context";
			}
			return event.name() + "|" + message.getPayload() + "|" + headers.get(DispatchHeaders.MAPPING) + "|"
					+ headers.containsKey(DispatchHeaders.DISCONNECT_REASON) + "|" + headers.getId();
		}

		@OnEvent("generic")
		int generic(List<Greeting> greetings) {
			return greetings.stream().mapToInt(Greeting::count).sum();
		}

		@OnEvent("mono")
		Mono<String> mono(String text) {
			return Mono.delay(Duration.ofMillis(20)).thenReturn(text + "!");
		}

		@OnEvent("flux")
		Flux<Integer> flux(int count) {
			return Flux.range(1, count);
		}

		@OnEvent("ack-sender")
		void ackSender(AckSender ack, String text, int number) {
			ack.send(text, number);
		}

		@OnEvent("no-ack")
		void noAck(String text) {
			this.recorder.noAckCalls.add(text);
		}

		@OnEvent("no-ack-mono")
		Mono<Void> noAckMono(String text) {
			return Mono.fromRunnable(() -> this.recorder.noAckCalls.add(text));
		}

		@OnEvent("thread")
		String thread() {
			return currentThread();
		}

		@OnEvent("thread-reactive")
		Mono<String> threadReactive() {
			return Mono.just(currentThread());
		}

		/**
		 * The name of the current thread, and whether it is a non-blocking one (a Netty
		 * event loop of Reactor Netty, or a Reactor parallel thread).
		 */
		static String currentThread() {
			return Thread.currentThread().getName() + (Schedulers.isInNonBlockingThread() ? " non-blocking" : "");
		}

		@OnEvent("sequence")
		void sequence(Socket socket, int index) throws InterruptedException {
			Thread.sleep(ThreadLocalRandom.current().nextInt(3));
			this.recorder.sequences.computeIfAbsent(socket.id(), (id) -> new ArrayList<>()).add(index);
		}

		@OnEvent("sequence-result")
		List<Integer> sequenceResult(Socket socket) {
			return this.recorder.sequences.getOrDefault(socket.id(), List.of());
		}

		@OnEvent("fail")
		String fail(String text) {
			throw new IllegalStateException("boom: " + text);
		}

		@OnEvent("fail-mono")
		Mono<String> failMono(String text) {
			return Mono.delay(Duration.ofMillis(10)).then(Mono.error(new IllegalStateException("async boom: " + text)));
		}

		@OnEvent("fail-advice")
		String failAdvice(String text) {
			throw new IllegalArgumentException("bad: " + text);
		}

		@OnEvent("fail-unhandled")
		String failUnhandled(String text) {
			throw new UnsupportedOperationException("nope: " + text);
		}

		@OnEvent("validate")
		String validate(@Valid Signup signup) {
			return "welcome " + signup.name();
		}

		@OnEvent("optional")
		String optional(Optional<Greeting> greeting) {
			return greeting.map(Greeting::name).orElse("none");
		}

		@OnEvent("number")
		int number(int value) {
			return value * 2;
		}

		@OnEvent("whoami")
		String whoami(@Nullable Principal principal) {
			return (principal != null) ? principal.getName() : "anonymous";
		}

		@OnEvent("whoami-typed")
		String whoamiTyped(@Nullable TestPrincipal principal) {
			return (principal != null) ? "typed " + principal.name() : "anonymous";
		}

		@OnEvent("credentials")
		String credentials(@Auth Credentials credentials) {
			return credentials.user() + ":" + credentials.token();
		}

		@OnEvent("disconnect-me")
		void disconnectMe(Socket socket) {
			socket.disconnect(false);
		}

		@MessageExceptionHandler
		Map<String, String> handleIllegalState(IllegalStateException ex) {
			return Map.of("handledBy", "controller", "message", String.valueOf(ex.getMessage()));
		}

	}

	@SocketIOController("chat")
	static class ChatController {

		@BeforeConnect
		void guard(@Auth Credentials credentials) {
			if (!"secret".equals(credentials.token())) {
				throw new ConnectionRefusedException("unauthorized", Map.of("reason", "bad token"));
			}
		}

		@OnConnect
		Mono<Void> connected(Socket socket, @Auth Credentials credentials) {
			return Mono.fromRunnable(() -> socket.emit("welcome", credentials.user()));
		}

		@OnEvent("echo")
		String echo(String text) {
			return "chat: " + text;
		}

	}

	@SocketIOController(namespace = "/admin")
	static class AdminController {

		@OnEvent("echo")
		String echo(String text) {
			return "admin: " + text;
		}

	}

	/** A controller that is not a singleton: an instance per message. */
	@SocketIOController("/prototype")
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	static class PrototypeController {

		private static final AtomicInteger instances = new AtomicInteger();

		private final int instance = instances.incrementAndGet();

		@OnEvent("instance")
		int instance() {
			return this.instance;
		}

		@OnEvent("instance-reactive")
		Mono<Integer> instanceReactive() {
			return Mono.just(this.instance);
		}

		@OnEvent("fail")
		int fail() {
			throw new IllegalStateException("prototype " + this.instance);
		}

		@MessageExceptionHandler
		String handle(IllegalStateException ex) {
			return ex.getMessage() + " handled by " + this.instance;
		}

	}

	@ControllerAdvice
	static class Advice {

		@MessageExceptionHandler
		String handleIllegalArgument(IllegalArgumentException ex) {
			return "advice: " + ex.getMessage();
		}

	}

}
