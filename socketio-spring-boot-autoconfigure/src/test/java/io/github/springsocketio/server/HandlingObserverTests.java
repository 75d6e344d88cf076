package io.github.springsocketio.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.github.springsocketio.engine.CloseReason;
import io.github.springsocketio.test.InProcessSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.context.Context;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link HandlingObserver} hook: what is observed, when each handling starts and
 * stops, and that it is current around the handlers, driven through in-process sessions.
 */
class HandlingObserverTests {

	private static final ThreadLocal<@Nullable String> current = new ThreadLocal<>();

	private final SocketIOServer server = new SocketIOServer(
			SocketIOServerOptions.builder().connectTimeout(Duration.ofSeconds(5)).build(),
			JsonMapper.builder().build());

	private final List<String> calls = new CopyOnWriteArrayList<>();

	private final Recorder recorder = new Recorder();

	HandlingObserverTests() {
		this.server.setHandlingObserver(this.recorder);
	}

	@Test
	void connectionHandlingSpansTheSocketsLifeAndIsCurrentInItsListeners() {
		this.server.of("/chat").onConnection((socket) -> {
			this.calls.add("connected in " + current.get());
			socket.onDisconnect((reason) -> this.calls.add("disconnected in " + current.get()));
		});
		InProcessSession session = InProcessSession.open(this.server).receive("40/chat,");
		assertThat(current.get()).isNull();
		session.drop(CloseReason.TRANSPORT_CLOSE);
		assertThat(this.calls).containsExactly("start connection /chat", "connected in connection /chat",
				"disconnected in connection /chat", "stop connection /chat (transport close)");
	}

	@Test
	void eventHandlingIsCurrentInListenersAndAChildOfTheConnection() {
		this.server.of("/chat").onConnection((socket) -> socket.on("hello", (event) -> {
			this.calls.add("handled in " + current.get());
			event.ack("hi");
		}));
		InProcessSession session = InProcessSession.open(this.server).receive("40/chat,");
		this.calls.clear();
		session.receive("42/chat,1[\"hello\"]");
		assertThat(this.calls).containsExactly("start event hello (parent connection /chat)",
				"handled in event hello", "stop event hello");
		assertThat(session.texts()).last().isEqualTo("43/chat,1[\"hi\"]");
	}

	@Test
	void asynchronousListenersEndTheHandlingWhenTheirPublisherCompletes() {
		Sinks.One<String> answer = Sinks.one();
		AtomicReference<@Nullable Object> inContext = new AtomicReference<>();
		this.server.of("/chat")
			.onConnection((socket) -> socket.onAsync("ask", (event) -> Mono.deferContextual((context) -> {
				inContext.set(context.getOrDefault(Recorder.KEY, null));
				return answer.asMono();
			})));
		InProcessSession session = InProcessSession.open(this.server).receive("40/chat,");
		this.calls.clear();
		session.receive("42/chat,1[\"ask\"]");
		assertThat(this.calls).containsExactly("start event ask (parent connection /chat)");
		assertThat(inContext.get()).isEqualTo("event ask");
		answer.tryEmitValue("later");
		assertThat(this.calls).last().isEqualTo("stop event ask");
		assertThat(session.texts()).last().isEqualTo("43/chat,1[\"later\"]");
	}

	@Test
	void theFirstFailureOfAListenerIsReportedBeforeTheStop() {
		this.server.of("/chat").onConnection((socket) -> {
			socket.on("fail", (event) -> {
				throw new IllegalStateException("thrown");
			});
			socket.onAsync("fail", (event) -> Mono.error(new IllegalArgumentException("signalled")));
		});
		InProcessSession session = InProcessSession.open(this.server).receive("40/chat,");
		this.calls.clear();
		session.receive("42/chat,[\"fail\"]");
		assertThat(this.calls).containsExactly("start event fail (parent connection /chat)",
				"error event fail: thrown", "stop event fail");
	}

	@Test
	void aNamespaceListenerMayGoOnHandlingAfterItReturns() {
		AtomicReference<@Nullable SocketEvent> deferred = new AtomicReference<>();
		this.server.of("/chat").onEvent((event) -> {
			event.defer();
			deferred.set(event);
		});
		InProcessSession session = InProcessSession.open(this.server).receive("40/chat,");
		this.calls.clear();
		session.receive("42/chat,[\"later\"]");
		assertThat(this.calls).containsExactly("start event later (parent connection /chat)");
		SocketEvent event = deferred.get();
		assertThat(event).isNotNull();
		assertThat(event.isObserved()).isTrue();
		Thread worker = new Thread(() -> {
			try (HandlerScope.Restore restore = event.openScope()) {
				this.calls.add("handled in " + current.get());
			}
			event.failed(new IllegalStateException("worker failure"));
			event.complete();
		});
		worker.start();
		join(worker);
		assertThat(this.calls).containsExactly("start event later (parent connection /chat)",
				"handled in event later", "error event later: worker failure", "stop event later");
	}

	@Test
	void eventsWithoutAHandlerAreNotObserved() {
		this.server.of("/chat").onEvent(new EventListener() {

			@Override
			public void onEvent(SocketEvent event) {
			}

			@Override
			public boolean handles(String event) {
				return event.equals("known");
			}

		});
		InProcessSession session = InProcessSession.open(this.server).receive("40/chat,");
		this.calls.clear();
		session.receive("42/chat,[\"made-up\"]").receive("42/chat,[\"known\"]");
		assertThat(this.calls).containsExactly("start event known (parent connection /chat)", "stop event known");
	}

	@Test
	void handlerScopesAreOpenedBeforeTheHandlingAndClosedAfterIt() {
		this.server.addHandlerScope(new HandlerScope() {

			@Override
			public Restore open(Socket socket) {
				HandlingObserverTests.this.calls.add("scope opened, handling " + current.get());
				return () -> HandlingObserverTests.this.calls.add("scope closed, handling " + current.get());
			}

			@Override
			public Context enrich(Socket socket, Context context) {
				return context;
			}

		});
		this.server.of("/chat").onConnection((socket) -> socket.on("hello", (event) -> {
		}));
		InProcessSession session = InProcessSession.open(this.server).receive("40/chat,");
		this.calls.clear();
		session.receive("42/chat,[\"hello\"]");
		assertThat(this.calls).containsExactly("start event hello (parent connection /chat)",
				"scope opened, handling null", "scope closed, handling null", "stop event hello");
	}

	@Test
	void nothingIsObservedWithoutAnObserver() {
		this.server.setHandlingObserver(null);
		this.server.of("/chat").onConnection((socket) -> socket.on("hello", (event) -> {
			assertThat(event.isObserved()).isFalse();
			this.calls.add("handled in " + current.get());
		}));
		InProcessSession.open(this.server).receive("40/chat,").receive("42/chat,[\"hello\"]");
		assertThat(this.calls).containsExactly("handled in null");
		assertThat(this.server.hasHandlerScopes()).isFalse();
	}

	@Test
	void aFailingObserverLeavesTheEventUnobservedButHandled() {
		this.server.setHandlingObserver(new HandlingObserver() {

			@Override
			public HandlingObserver.@Nullable Handling connection(Socket socket) {
				throw new IllegalStateException("observer bug");
			}

			@Override
			public HandlingObserver.@Nullable Handling event(SocketEvent event,
					HandlingObserver.@Nullable Handling connection) {
				throw new IllegalStateException("observer bug");
			}

		});
		this.server.of("/chat").onConnection((socket) -> socket.on("hello", (event) -> event.ack("hi")));
		InProcessSession session = InProcessSession.open(this.server).receive("40/chat,");
		session.receive("42/chat,1[\"hello\"]");
		assertThat(session.texts()).last().isEqualTo("43/chat,1[\"hi\"]");
	}

	private static void join(Thread thread) {
		try {
			thread.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Records the calls; a handling is current in {@link #current} while open.
	 */
	private final class Recorder implements HandlingObserver {

		static final String KEY = "handling";

		@Override
		public Handling connection(Socket socket) {
			return new Recording("connection " + socket.namespace().name(), socket);
		}

		@Override
		public Handling event(SocketEvent event, @Nullable Handling connection) {
			Recording recording = new Recording("event " + event.name(), null);
			HandlingObserverTests.this.calls
				.add("start " + recording.name + " (parent " + ((Recording) connection).name + ")");
			return recording;
		}

		private final class Recording implements Handling {

			private final String name;

			private final @Nullable Socket socket;

			Recording(String name, @Nullable Socket socket) {
				this.name = name;
				this.socket = socket;
				if (socket != null) {
					HandlingObserverTests.this.calls.add("start " + name);
				}
			}

			@Override
			public HandlerScope.Restore open() {
				String previous = current.get();
				current.set(this.name);
				return () -> current.set(previous);
			}

			@Override
			public Context enrich(Context context) {
				return context.put(KEY, this.name);
			}

			@Override
			public void error(Throwable error) {
				HandlingObserverTests.this.calls.add("error " + this.name + ": " + error.getMessage());
			}

			@Override
			public void stop() {
				DisconnectReason reason = (this.socket != null) ? this.socket.disconnectReason() : null;
				HandlingObserverTests.this.calls
					.add("stop " + this.name + ((reason != null) ? " (" + reason.description() + ")" : ""));
			}

		}

	}

}
