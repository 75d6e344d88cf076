package io.github.springsocketio.observation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import brave.handler.MutableSpan;
import io.github.springsocketio.observation.ObservationTestApplication.HandlerTraces;
import io.github.springsocketio.observation.ObservationTestApplication.Spans;
import io.github.springsocketio.test.JavaClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.ObservationContextAssert;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.json.JSONObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connection and event observations with the official Java client, seen by a
 * {@link TestObservationRegistry}, by the meter registry (the handler latency timers),
 * and by Micrometer Tracing with Brave: spans, the client's trace continued, trace ids
 * in the handlers' log lines.
 */
@SpringBootTest(classes = ObservationTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "socketio.controllers.executor=bounded-elastic",
				// the level stays in the pattern: logging is set up once per JVM, and other
				// tests look for WARN and ERROR lines
				"logging.pattern.console=%d %5p %X{traceId:-no-trace} %logger{0} %msg%n" })
@ExtendWith(OutputCaptureExtension.class)
class SocketIOObservationIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String CLIENT_SPAN_ID = "00f067aa0ba902b7";

	private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CLIENT_SPAN_ID + "-01";

	@LocalServerPort
	private int port;

	@Autowired
	private TestObservationRegistry registry;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private HandlerTraces traces;

	@Autowired
	private Spans spans;

	@BeforeEach
	void clear() {
		this.traces.seen().clear();
	}

	// ---- observations

	@Test
	void aConnectionIsObservedFromItsConnectToItsDisconnection() {
		String id;
		try (JavaClient client = JavaClient.connect(this.port, "/chat")) {
			id = client.id();
			ObservationContextAssert.assertThat(connection(id))
				.hasNameEqualTo("socketio.connection")
				.hasLowCardinalityKeyValue("namespace", "/chat")
				.doesNotHaveLowCardinalityKeyValueWithKey("reason")
				.hasHighCardinalityKeyValue("socket.id", id);
		}
		await().atMost(TIMEOUT).until(() -> connection(id).getLowCardinalityKeyValue("reason") != null);
		ObservationContextAssert.assertThat(connection(id))
			.hasContextualNameEqualTo("socketio connect /chat")
			.hasLowCardinalityKeyValue("reason", "client namespace disconnect")
			.doesNotHaveError();
		assertThat(this.meters.find("socketio.connection")
			.tag("namespace", "/chat")
			.tag("reason", "client namespace disconnect")
			.timer()).isNotNull();
	}

	@Test
	void anEventHandledByAControllerMethodIsAChildOfItsConnection() {
		try (JavaClient client = JavaClient.connect(this.port, "/chat")) {
			assertThat(client.ask("hello", "ada")).containsExactly("hi ada");
			Observation.Context event = event(client.id(), "hello");
			ObservationContextAssert.assertThat(event)
				.hasNameEqualTo("socketio.event")
				.hasContextualNameEqualTo("socketio event hello")
				.hasLowCardinalityKeyValue("namespace", "/chat")
				.hasLowCardinalityKeyValue("event", "hello")
				.hasLowCardinalityKeyValue("outcome", "success")
				.hasLowCardinalityKeyValue("exception", "none")
				.hasHighCardinalityKeyValue("socket.id", client.id())
				.doesNotHaveError()
				.hasParentObservationContextMatching((parent) -> parent == connection(client.id()));
		}
		assertThat(this.meters.find("socketio.event")
			.tags("namespace", "/chat", "event", "hello", "outcome", "success", "exception", "none")
			.timer()).isNotNull().satisfies((timer) -> assertThat(timer.count()).isPositive());
	}

	@Test
	void anEventIsHandledUntilItsMethodOnTheControllerExecutorHasReturned() {
		try (JavaClient client = JavaClient.connect(this.port, "/chat")) {
			assertThat(client.ask("slow")).containsExactly("done");
			event(client.id(), "slow");
		}
		Timer timer = this.meters.find("socketio.event").tags("event", "slow", "outcome", "success").timer();
		assertThat(timer).isNotNull();
		assertThat(timer.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(ObservationTestApplication.SLOW_MILLIS);
	}

	@Test
	void aFailingControllerMethodEndsItsEventInError() {
		try (JavaClient client = JavaClient.connect(this.port, "/chat")) {
			Object ack = client.ask("fail")[0];
			assertThat(((JSONObject) ack).optString("error")).isEqualTo("controller failure");
			ObservationContextAssert.assertThat(event(client.id(), "fail"))
				.hasLowCardinalityKeyValue("outcome", "error")
				.hasLowCardinalityKeyValue("exception", "IllegalStateException")
				.assertThatError()
				.hasMessage("controller failure");
		}
	}

	@Test
	void eventsOfPlainListenersAreObservedToo() {
		try (JavaClient client = JavaClient.connect(this.port, "/plain")) {
			assertThat(client.ask("hello")).containsExactly("hi");
			client.emit("fail-async");
			ObservationContextAssert.assertThat(event(client.id(), "hello"))
				.hasLowCardinalityKeyValue("namespace", "/plain")
				.hasLowCardinalityKeyValue("outcome", "success");
			ObservationContextAssert.assertThat(event(client.id(), "fail-async"))
				.hasLowCardinalityKeyValue("outcome", "error")
				.hasLowCardinalityKeyValue("exception", "IllegalArgumentException");
		}
	}

	@Test
	void eventsNobodyHandlesAreNotObserved() {
		try (JavaClient client = JavaClient.connect(this.port, "/chat")) {
			client.emit("made-up");
			assertThat(client.ask("hello", "bob")).containsExactly("hi bob");
			event(client.id(), "hello");
			assertThat(find(client.id(), "socketio.event", "made-up")).isEmpty();
		}
	}

	@Test
	void reactiveHandlersFindTheObservationInTheirReactorContext() {
		try (JavaClient client = JavaClient.connect(this.port, "/chat")) {
			assertThat(client.ask("reactive")).containsExactly(true);
			ObservationContextAssert.assertThat(event(client.id(), "reactive"))
				.hasLowCardinalityKeyValue("outcome", "success");
		}
	}

	// ---- tracing

	@Test
	void aTraceContextInTheConnectAuthIsContinuedAndReachesTheHandlersLogLine(CapturedOutput output) {
		String id;
		try (JavaClient client = JavaClient.connect(this.port, "/chat", Map.of("traceparent", TRACEPARENT), "")) {
			id = client.id();
			assertThat(client.ask("hello", "ada")).containsExactly("hi ada");
		}
		assertThat(this.traces.seen()).containsExactly("connect " + TRACE_ID, "hello " + TRACE_ID);
		assertThat(output).contains(TRACE_ID + " ObservationTestApplication Handling hello on boundedElastic-");
		MutableSpan connection = span(id, "socketio connect /chat");
		assertThat(connection.traceId()).isEqualTo(TRACE_ID);
		assertThat(connection.parentId()).isEqualTo(CLIENT_SPAN_ID);
		assertThat(connection.kind()).isEqualTo(brave.Span.Kind.SERVER);
		assertThat(connection.tag("namespace")).isEqualTo("/chat");
		MutableSpan event = span(id, "socketio event hello");
		assertThat(event.traceId()).isEqualTo(TRACE_ID);
		assertThat(event.parentId()).isEqualTo(connection.id());
		assertThat(event.tag("outcome")).isEqualTo("success");
	}

	@Test
	void aTraceContextInTheHandshakeHeadersIsContinued() {
		String id;
		try (JavaClient client = JavaClient.connect(this.port, "/plain", Map.of(), "",
				Map.of("traceparent", List.of(TRACEPARENT)))) {
			id = client.id();
			assertThat(client.ask("hello")).containsExactly("hi");
		}
		assertThat(this.traces.seen()).containsExactly("plain hello " + TRACE_ID);
		assertThat(span(id, "socketio connect /plain").parentId()).isEqualTo(CLIENT_SPAN_ID);
	}

	@Test
	void withoutATraceContextEachConnectionStartsATrace() {
		String first;
		String second;
		try (JavaClient client = JavaClient.connect(this.port, "/chat")) {
			client.ask("hello", "ada");
			first = client.id();
		}
		try (JavaClient client = JavaClient.connect(this.port, "/chat")) {
			client.ask("hello", "bob");
			second = client.id();
		}
		MutableSpan one = span(first, "socketio connect /chat");
		MutableSpan other = span(second, "socketio connect /chat");
		assertThat(one.parentId()).isNull();
		assertThat(one.traceId()).isNotEqualTo(other.traceId());
		assertThat(this.traces.seen()).containsExactly("connect " + one.traceId(), "hello " + one.traceId(),
				"connect " + other.traceId(), "hello " + other.traceId());
	}

	// ---- helpers

	/**
	 * Return the observation of a socket's connection.
	 */
	private Observation.Context connection(String socketId) {
		return find(socketId, "socketio.connection", null).orElseThrow();
	}

	/**
	 * Wait for the observation of a socket's event to stop and return it.
	 */
	private Observation.Context event(String socketId, String event) {
		return await().atMost(TIMEOUT)
			.until(() -> find(socketId, "socketio.event", event), (found) -> found.isPresent()
					&& ((SocketIOEventContext) found.get()).isHandled())
			.orElseThrow();
	}

	private Optional<Observation.Context> find(String socketId, String name, String event) {
		List<Observation.Context> contexts = new ArrayList<>();
		TestObservationRegistryAssert.assertThat(this.registry).hasHandledContextsThatSatisfy(contexts::addAll);
		Predicate<Observation.Context> ofEvent = (context) -> event == null
				|| (context instanceof SocketIOEventContext eventContext
						&& eventContext.getEvent().name().equals(event));
		return contexts.stream()
			.filter((context) -> name.equals(context.getName()))
			.filter((context) -> socketId.equals(highCardinality(context, "socket.id")))
			.filter(ofEvent)
			.findFirst();
	}

	private static String highCardinality(Observation.Context context, String key) {
		var value = context.getHighCardinalityKeyValue(key);
		return (value != null) ? value.getValue() : null;
	}

	/**
	 * Wait for the span of a socket's connection or event to finish and return it.
	 */
	private MutableSpan span(String socketId, String name) {
		return await().atMost(TIMEOUT)
			.until(() -> this.spans.finished()
				.stream()
				.filter((span) -> name.equals(span.name()) && socketId.equals(span.tag("socket.id")))
				.findFirst(), Optional::isPresent)
			.orElseThrow();
	}

}
