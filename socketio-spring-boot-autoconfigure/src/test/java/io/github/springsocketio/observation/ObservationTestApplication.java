package io.github.springsocketio.observation;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import brave.Tracing;
import brave.context.slf4j.MDCScopeDecorator;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.propagation.TraceContext;
import brave.sampler.Sampler;
import io.github.springsocketio.annotation.OnConnect;
import io.github.springsocketio.annotation.OnEvent;
import io.github.springsocketio.annotation.SocketIOController;
import io.github.springsocketio.server.SocketIOServer;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The application of the observation tests: a {@link TestObservationRegistry} that
 * Micrometer Tracing (Brave, W3C propagation, trace ids in the logging MDC) observes too,
 * a controller of {@code /chat}, whose plain methods run on the bounded-elastic
 * executor, and listeners of {@code /plain}. Handlers record the trace id of their MDC
 * and log a line.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(ObservationTestApplication.ChatController.class)
class ObservationTestApplication {

	private static final Logger logger = LoggerFactory.getLogger(ObservationTestApplication.class);

	/** How long the {@code slow} event's method takes. */
	static final long SLOW_MILLIS = 150;

	@Bean
	TestObservationRegistry observationRegistry() {
		return TestObservationRegistry.create();
	}

	@Bean
	Spans spans() {
		return new Spans();
	}

	@Bean(destroyMethod = "close")
	Tracing braveTracing(Spans spans) {
		return Tracing.newBuilder()
			.localServiceName("socketio-test")
			.currentTraceContext(
					ThreadLocalCurrentTraceContext.newBuilder().addScopeDecorator(MDCScopeDecorator.get()).build())
			.propagationFactory(new W3CPropagation())
			.sampler(Sampler.ALWAYS_SAMPLE)
			.addSpanHandler(spans)
			.build();
	}

	@Bean
	Tracer tracer(Tracing tracing) {
		return new BraveTracer(tracing.tracer(), new BraveCurrentTraceContext(tracing.currentTraceContext()));
	}

	@Bean
	ObservationRegistryCustomizer<TestObservationRegistry> tracingHandlers(Tracer tracer, Tracing tracing) {
		return (registry) -> registry.observationConfig()
			.observationHandler(new FirstMatchingCompositeObservationHandler(
					new PropagatingReceiverTracingObservationHandler<>(tracer, new BravePropagator(tracing)),
					new DefaultTracingObservationHandler(tracer)));
	}

	@Bean
	HandlerTraces handlerTraces() {
		return new HandlerTraces();
	}

	@Bean
	InitializingBean plainListeners(SocketIOServer io, HandlerTraces traces) {
		return () -> io.of("/plain").onConnection((socket) -> {
			socket.on("hello", (event) -> {
				traces.record("plain hello");
				event.ack("hi");
			});
			socket.onAsync("fail-async", (event) -> Mono.error(new IllegalArgumentException("async failure")));
		});
	}

	/**
	 * The trace ids handlers found in their MDC, as {@code "<handler> <traceId>"}.
	 */
	static final class HandlerTraces {

		private final Queue<String> seen = new ConcurrentLinkedQueue<>();

		void record(String handler) {
			logger.info("Handling {} on {}", handler, Thread.currentThread().getName());
			this.seen.add(handler + " " + MDC.get("traceId"));
		}

		Queue<String> seen() {
			return this.seen;
		}

	}

	/**
	 * The spans Brave finished.
	 */
	static final class Spans extends SpanHandler {

		private final Queue<MutableSpan> finished = new ConcurrentLinkedQueue<>();

		@Override
		public boolean end(TraceContext context, MutableSpan span, Cause cause) {
			if (cause == Cause.FINISHED) {
				this.finished.add(span);
			}
			return true;
		}

		Queue<MutableSpan> finished() {
			return this.finished;
		}

	}

	@SocketIOController(namespace = "/chat")
	static class ChatController {

		private final HandlerTraces traces;

		ChatController(HandlerTraces traces) {
			this.traces = traces;
		}

		@OnConnect
		void connected() {
			this.traces.record("connect");
		}

		@OnEvent("hello")
		String hello(String name) {
			this.traces.record("hello");
			return "hi " + name;
		}

		@OnEvent("slow")
		String slow() throws InterruptedException {
			Thread.sleep(SLOW_MILLIS);
			this.traces.record("slow");
			return "done";
		}

		@OnEvent("fail")
		String fail() {
			throw new IllegalStateException("controller failure");
		}

		@OnEvent("reactive")
		Mono<Boolean> reactive() {
			return Mono.deferContextual((context) -> Mono.just(context.hasKey(ObservationThreadLocalAccessor.KEY)));
		}

	}

}
