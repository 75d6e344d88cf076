package io.github.springsocketio.annotation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

import io.github.springsocketio.annotation.ControllerTestApplication.Greeting;
import io.github.springsocketio.annotation.ControllerTestApplication.Pojo;
import io.github.springsocketio.annotation.ControllerTestApplication.Signup;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.ServerSideEvent;
import io.github.springsocketio.server.Socket;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * The node of {@link ServerSideEventControllerTests} that runs controllers: server-side
 * event handlers of {@code /} and {@code /jobs}, and an exception advice.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ ServerSideEventTestApplication.ClusterController.class, ServerSideEventTestApplication.JobsController.class,
		ServerSideEventTestApplication.Advice.class })
class ServerSideEventTestApplication {

	@Bean
	Notes notes() {
		return new Notes();
	}

	/** What the handlers without an answer saw, and the order of the sequence events. */
	static final class Notes {

		final Queue<String> received = new ConcurrentLinkedQueue<>();

		final Queue<Integer> sequence = new ConcurrentLinkedQueue<>();

	}

	@SocketIOController
	static class ClusterController {

		private final Notes notes;

		ClusterController(Notes notes) {
			this.notes = notes;
		}

		@OnServerSideEvent("greeting")
		Map<String, Object> greeting(Greeting greeting, Pojo pojo) {
			return Map.of("greeting", new Greeting(greeting.name().toUpperCase(), greeting.count() + 1), "label",
					pojo.getLabel() + "!", "sum", pojo.getValues().stream().mapToInt(Integer::intValue).sum());
		}

		@OnServerSideEvent("binary")
		String binary(byte[] data, Optional<Greeting> greeting) {
			return data.length + " bytes, last " + data[data.length - 1] + ", "
					+ greeting.map(Greeting::name).orElse("no greeting");
		}

		@OnServerSideEvent("context")
		String context(Namespace namespace, String text, ServerSideEvent event, Message<ArrayNode> message, int n) {
			return namespace.name() + "|" + event.name() + "|" + text + n + "|" + message.getPayload().size() + "|"
					+ event.hasAck();
		}

		@OnServerSideEvent("mono")
		Mono<String> mono(String text) {
			return Mono.delay(Duration.ofMillis(20)).thenReturn(text + "!");
		}

		@OnServerSideEvent("flux")
		Flux<Integer> flux(int count) {
			return Flux.range(1, count);
		}

		@OnServerSideEvent("note")
		void note(String text, ServerSideEvent event) {
			this.notes.received.add(text + (event.hasAck() ? " (answer asked)" : ""));
		}

		@OnServerSideEvent("note-mono")
		Mono<Void> noteMono(String text) {
			return Mono.fromRunnable(() -> this.notes.received.add("mono " + text));
		}

		@OnServerSideEvent("thread")
		String thread() {
			return ControllerTestApplication.MainController.currentThread();
		}

		@OnServerSideEvent("thread-reactive")
		Mono<String> threadReactive() {
			return Mono.just(ControllerTestApplication.MainController.currentThread());
		}

		@OnServerSideEvent("sequence")
		void sequence(int index) throws InterruptedException {
			Thread.sleep(ThreadLocalRandom.current().nextInt(3));
			this.notes.sequence.add(index);
		}

		@OnServerSideEvent("sequence-result")
		List<Integer> sequenceResult() {
			return List.copyOf(this.notes.sequence);
		}

		@OnServerSideEvent("fail")
		String fail(String text) {
			throw new IllegalStateException("boom: " + text);
		}

		@OnServerSideEvent("fail-mono")
		Mono<String> failMono(String text) {
			return Mono.delay(Duration.ofMillis(10)).then(Mono.error(new IllegalStateException("async boom: " + text)));
		}

		@OnServerSideEvent("fail-advice")
		String failAdvice(String text) {
			throw new IllegalArgumentException("bad: " + text);
		}

		@OnServerSideEvent("fail-unhandled")
		String failUnhandled(String text) {
			this.notes.received.add("failing " + text);
			throw new UnsupportedOperationException("nope: " + text);
		}

		@OnServerSideEvent("validate")
		String validate(@Valid Signup signup) {
			return "welcome " + signup.name();
		}

		@OnServerSideEvent("number")
		int number(int value) {
			return value * 2;
		}

		@OnEvent("greeting")
		String clientGreeting(String name) {
			return "hello " + name;
		}

		/** Shared with client events: a server-side event has no socket. */
		@MessageExceptionHandler
		Map<String, String> handleIllegalState(IllegalStateException ex, @Nullable Socket socket) {
			return Map.of("handledBy", "controller", "message", String.valueOf(ex.getMessage()), "socket",
					(socket != null) ? socket.id() : "none");
		}

	}

	@SocketIOController("/jobs")
	static class JobsController {

		@OnServerSideEvent("greeting")
		String greeting(Namespace namespace, String name) {
			return "hello " + name + " from " + namespace.name();
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
