package io.github.springsocketio.sample.javaclient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.springsocketio.javaclient.ClientSocket;
import io.github.springsocketio.javaclient.ConnectionState;
import io.github.springsocketio.javaclient.ConnectionState.Status;
import io.github.springsocketio.javaclient.Event;
import io.github.springsocketio.javaclient.SocketIOClient;
import io.github.springsocketio.javaclient.SocketIOClientException;
import io.github.springsocketio.javaclient.Transport;
import io.github.springsocketio.test.NettyLeakDetection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.Arguments.ArgumentSet;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java client's reconnection, against the sample app's conformance fixture and the
 * Node.js reference fixture, over each transport mode: after the server restarts on
 * the same port the socket connects again and the events emitted meanwhile are
 * delivered; with connection state recovery, a socket that lost its connection (ping
 * timeout) gets the events it missed and reports {@code recovered()}. The back-off and
 * heartbeat timers run on a virtual clock: the test decides when the client retries.
 */
class JavaClientReconnectionTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final Duration DELAY = Duration.ofMillis(100);

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final List<SocketIOClient> clients = new ArrayList<>();

	@AfterEach
	void stop() throws Exception {
		this.clients.forEach(SocketIOClient::close);
		this.clients.clear();
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
		this.resources.clear();
		assertThat(NettyLeakDetection.collect()).as("Netty leak reports").isEmpty();
	}

	static Stream<ArgumentSet> cases() {
		Stream.Builder<ArgumentSet> cases = Stream.builder();
		for (String server : List.of("ours", "reference")) {
			for (String mode : List.of("polling", "websocket", "upgrade")) {
				cases.add(Arguments.argumentSet(server + " " + mode, server, mode));
			}
		}
		return cases.build();
	}

	private AutoCloseable start(String server, int port, boolean recovery) throws Exception {
		AutoCloseable started;
		if (server.equals("ours")) {
			ConfigurableApplicationContext context = recovery
					? Servers.ours(port, "--socketio.connection-state-recovery.enabled=true") : Servers.ours(port);
			started = context::close;
		}
		else {
			started = recovery ? Servers.Reference.start(port, "--recovery", "60000") : Servers.Reference.start(port);
		}
		this.resources.add(started);
		return started;
	}

	private SocketIOClient client(int port, String mode, VirtualTimeScheduler clock) {
		SocketIOClient.Builder builder = SocketIOClient.builder(URI.create("http://127.0.0.1:" + port))
			.reconnectionDelay(DELAY)
			.randomizationFactor(0);
		if (clock != null) {
			builder.scheduler(clock);
		}
		switch (mode) {
			case "polling" -> builder.transports(Transport.POLLING);
			case "websocket" -> builder.transports(Transport.WEBSOCKET);
			default -> {
			}
		}
		SocketIOClient client = builder.build();
		this.clients.add(client);
		return client;
	}

	private static <T> T await(CompletableFuture<T> future) throws Exception {
		return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
	}

	private static CompletableFuture<ConnectionState> next(ClientSocket socket, Status status) {
		return socket.states().skip(1).filter((state) -> state.status() == status).next().toFuture();
	}

	@ParameterizedTest
	@MethodSource("cases")
	void reconnectsAfterServerRestartAndDeliversBufferedEmits(String server, String mode) throws Exception {
		int port = Servers.freePort();
		AutoCloseable first = start(server, port, false);
		VirtualTimeScheduler clock = VirtualTimeScheduler.create();
		SocketIOClient client = client(port, mode, clock);
		ClientSocket socket = client.socket("/");
		socket.connect().block(WAIT);
		String firstId = socket.id();

		CompletableFuture<ConnectionState> lost = next(socket, Status.DISCONNECTED);
		first.close();
		this.resources.remove(first);
		assertThat(await(lost).reason()).isIn("transport close", "transport error");

		// emitted while disconnected: buffered until the socket connects again, unless volatile
		// (a buffered volatile event would be echoed first)
		CompletableFuture<String> echoed = socket.on("message-back", String.class).next().toFuture();
		socket.volatile_().emit("message", "volatile, dropped");
		socket.emit("message", "sent while disconnected");
		CompletableFuture<ConnectionState> back = next(socket, Status.CONNECTED);
		start(server, port, false);
		assertThat(back).isNotDone();
		clock.advanceTimeBy(DELAY);
		assertThat(await(back).recovered()).isFalse();
		assertThat(await(echoed)).isEqualTo("sent while disconnected");
		assertThat(socket.id()).isNotEqualTo(firstId);
	}

	@ParameterizedTest
	@MethodSource("cases")
	void recoversMissedEventsAfterPingTimeout(String server, String mode) throws Exception {
		int port = Servers.freePort();
		start(server, port, true);
		VirtualTimeScheduler clock = VirtualTimeScheduler.create();
		ClientSocket socket = client(port, mode, clock).socket("/");
		ClientSocket other = client(port, "websocket", null).socket("/");
		socket.connect().block(WAIT);
		other.connect().block(WAIT);
		String id = socket.id();

		// a first broadcast gives the socket an offset to recover from
		CompletableFuture<Event> first = socket.on("news").next().toFuture();
		other.emit("broadcast", "news", "first");
		assertThat(await(first).argument(0, String.class)).isEqualTo("first");

		// no ping within pingInterval + pingTimeout on the virtual clock: the client drops the connection
		CompletableFuture<ConnectionState> lost = next(socket, Status.DISCONNECTED);
		clock.advanceTimeBy(Duration.ofMillis(500));
		assertThat(await(lost).reason()).isEqualTo("ping timeout");

		// missed while disconnected; the round trip lets the server see the old connection closed
		other.emit("broadcast", "news", "missed");
		other.emitWithAck("message-with-ack", "barrier").block(WAIT);
		CompletableFuture<Event> missed = socket.on("news").next().toFuture();
		CompletableFuture<ConnectionState> back = next(socket, Status.CONNECTED);
		clock.advanceTimeBy(DELAY);
		assertThat(await(back).recovered()).isTrue();
		assertThat(socket.recovered()).isTrue();
		assertThat(socket.id()).isEqualTo(id);
		assertThat(await(missed).argument(0, String.class)).isEqualTo("missed");
	}

	@Test
	void givesUpAfterTheLastAttempt() throws Exception {
		int port = Servers.freePort();
		VirtualTimeScheduler clock = VirtualTimeScheduler.create();
		SocketIOClient client = SocketIOClient.builder(URI.create("http://127.0.0.1:" + port))
			.reconnectionDelay(DELAY)
			.randomizationFactor(0)
			.reconnectionAttempts(2)
			.scheduler(clock)
			.transports(Transport.POLLING)
			.build();
		this.clients.add(client);
		ClientSocket socket = client.socket("/");
		// nothing listens on the port: the first attempt and two retries fail
		BlockingQueue<ConnectionState> errors = new LinkedBlockingQueue<>();
		socket.states().filter((state) -> state.status() == Status.CONNECT_ERROR).subscribe(errors::add);
		CompletableFuture<Void> connecting = socket.connect().toFuture();
		assertThat(errors.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("first attempt failed").isNotNull();
		clock.advanceTimeBy(DELAY);
		assertThat(errors.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("first retry failed").isNotNull();
		assertThat(connecting).isNotDone();
		clock.advanceTimeBy(DELAY.multipliedBy(2));
		assertThat(connecting).failsWithin(WAIT)
			.withThrowableThat()
			.withCauseInstanceOf(SocketIOClientException.class)
			.withMessageContaining("reconnection failed after 2 attempts");
	}

}
