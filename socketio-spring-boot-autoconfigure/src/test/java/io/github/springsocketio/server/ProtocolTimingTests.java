package io.github.springsocketio.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.github.springsocketio.adapter.BroadcastAckTimeoutException;
import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.engine.CloseReason;
import io.github.springsocketio.engine.ProtocolClock;
import io.github.springsocketio.test.InProcessSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's protocol timing on a virtual clock: the connect timeout, acknowledgement
 * timeouts of sockets and broadcasts, the sweep of expired broadcast acknowledgements,
 * the measured acknowledgement time and the expiry of connection state recovery. Nothing
 * here sleeps: time moves only when a test advances the scheduler.
 */
class ProtocolTimingTests {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(45);

	private static final Duration RECOVERY_WINDOW = Duration.ofMinutes(2);

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final List<Socket> connected = new CopyOnWriteArrayList<>();

	private final SocketIOServer server = server(null);

	private SocketIOServer server(SocketIOServerOptions.@Nullable ConnectionStateRecovery recovery) {
		SocketIOServer server = new SocketIOServer(SocketIOServerOptions.builder()
			.connectTimeout(CONNECT_TIMEOUT)
			.recovery(recovery)
			.clock(ProtocolClock.of(this.time))
			.build(),
				JsonMapper.builder().build());
		server.onConnection(this.connected::add);
		return server;
	}

	private void advance(Duration duration) {
		this.time.advanceTimeBy(duration);
	}

	@Test
	void aClientThatJoinsNoNamespaceIsClosedWhenTheConnectTimeoutPasses() {
		InProcessSession idle = InProcessSession.open(this.server);
		InProcessSession active = InProcessSession.open(this.server).receive("40");
		advance(CONNECT_TIMEOUT.minusNanos(1));
		assertThat(idle.isOpen()).isTrue();
		advance(Duration.ofNanos(1));
		assertThat(idle.isOpen()).isFalse();
		assertThat(idle.closeReason()).isEqualTo(CloseReason.FORCED_CLOSE);
		assertThat(active.isOpen()).isTrue();
	}

	@Test
	void aClientThatJoinsInTimeStaysConnected() {
		InProcessSession late = InProcessSession.open(this.server);
		advance(CONNECT_TIMEOUT.minusMillis(1));
		late.receive("40");
		advance(CONNECT_TIMEOUT.multipliedBy(2));
		assertThat(late.isOpen()).isTrue();
	}

	@Test
	void emitWithAckFailsWhenItsTimeoutPassesOnTheClock() {
		InProcessSession session = InProcessSession.open(this.server).receive("40");
		Socket socket = this.connected.get(0);
		session.clear();
		AtomicReference<Object> outcome = new AtomicReference<>();
		socket.timeout(Duration.ofSeconds(5)).emitWithAck("ask").subscribe(outcome::set, outcome::set);
		assertThat(session.texts()).containsExactly("420[\"ask\"]");
		advance(Duration.ofMillis(4999));
		assertThat(outcome.get()).isNull();
		advance(Duration.ofMillis(1));
		assertThat(outcome.get()).isInstanceOf(AckTimeoutException.class);
		assertThat(socket.pendingAcks()).isZero();
		// an answer after the timeout is ignored
		session.receive("430[\"late\"]");
		assertThat(socket.connected()).isTrue();
	}

	@Test
	void emitWithAckResolvesWhenTheAnswerComesBeforeTheTimeout() {
		InProcessSession session = InProcessSession.open(this.server).receive("40");
		Socket socket = this.connected.get(0);
		AtomicReference<Object> outcome = new AtomicReference<>();
		socket.timeout(Duration.ofSeconds(5)).emitWithAck("ask").subscribe(outcome::set, outcome::set);
		advance(Duration.ofMillis(4999));
		session.receive("430[\"yes\"]");
		advance(Duration.ofSeconds(10));
		assertThat(outcome.get()).hasToString("[\"yes\"]");
	}

	@Test
	void theAcknowledgementTimeIsMeasuredOnTheClock() {
		AtomicLong measured = new AtomicLong(-1);
		this.server.addListener(new SocketIOServerListener() {

			@Override
			public void onAckReceived(Socket socket, long nanos) {
				measured.set(nanos);
			}

		});
		InProcessSession session = InProcessSession.open(this.server).receive("40");
		this.connected.get(0).emitWithAck("ask").subscribe();
		advance(Duration.ofMillis(3250));
		session.receive("430[]");
		assertThat(measured.get()).isEqualTo(Duration.ofMillis(3250).toNanos());
	}

	@Test
	void aBroadcastWithAcksFailsWithTheAnswersReceivedWhenItsTimeoutPasses() {
		InProcessSession a = InProcessSession.open(this.server).receive("40");
		InProcessSession b = InProcessSession.open(this.server).receive("40");
		List.of(a, b).forEach(InProcessSession::clear);
		AtomicReference<Object> outcome = new AtomicReference<>();
		this.server.sockets().timeout(Duration.ofSeconds(2)).emitWithAck("q").subscribe(outcome::set, outcome::set);
		String packet = a.texts().get(0);
		a.receive("43" + packet.substring(2, packet.indexOf('[')) + "[\"only a\"]");
		advance(Duration.ofMillis(1999));
		assertThat(outcome.get()).isNull();
		advance(Duration.ofMillis(1));
		assertThat(outcome.get()).isInstanceOfSatisfying(BroadcastAckTimeoutException.class, (timeout) -> {
			assertThat(timeout.responses()).extracting(JsonNode::toString).containsExactly("[\"only a\"]");
			assertThat(timeout.expected()).isEqualTo(2);
		});
	}

	@Test
	void expiredBroadcastAcknowledgementsAreSweptAtMostOncePerInterval() {
		InProcessSession.open(this.server).receive("40");
		Socket silent = this.connected.get(0);
		Duration interval = Duration.ofNanos(Socket.ACK_SWEEP_INTERVAL_NANOS);
		this.server.sockets().timeout(Duration.ofMillis(100)).emitWithAck("first").onErrorComplete().subscribe();
		assertThat(silent.pendingAcks()).isEqualTo(1);
		// the first broadcast gave up, but the last sweep is too recent for another
		advance(interval.dividedBy(2));
		this.server.sockets().timeout(Duration.ofSeconds(10)).emitWithAck("second").onErrorComplete().subscribe();
		assertThat(silent.pendingAcks()).isEqualTo(2);
		// once the interval has passed, the next broadcast with acknowledgements drops it
		advance(interval.dividedBy(2).plusNanos(1));
		this.server.sockets().timeout(Duration.ofSeconds(10)).emitWithAck("third").onErrorComplete().subscribe();
		assertThat(silent.pendingAcks()).isEqualTo(2);
	}

	@Test
	void aDisconnectedSocketIsRecoveredWithinTheWindow() {
		SocketIOServer recovering = server(
				new SocketIOServerOptions.ConnectionStateRecovery(RECOVERY_WINDOW, true));
		InProcessSession first = InProcessSession.open(recovering).receive("40");
		String[] state = dropAfterOneEvent(recovering, first);
		advance(RECOVERY_WINDOW.minusSeconds(1));
		InProcessSession second = InProcessSession.open(recovering)
			.receive("40{\"pid\":\"" + state[1] + "\",\"offset\":\"" + state[2] + "\"}");
		assertThat(second.lastSocketId()).isEqualTo(state[0]);
		assertThat(this.connected.get(1).recovered()).isTrue();
	}

	@Test
	void keptEventsAndSessionsExpireWithTheWindow() {
		SocketIOServer recovering = server(
				new SocketIOServerOptions.ConnectionStateRecovery(RECOVERY_WINDOW, true));
		InProcessSession first = InProcessSession.open(recovering).receive("40");
		String[] state = dropAfterOneEvent(recovering, first);
		InMemoryAdapter adapter = (InMemoryAdapter) recovering.sockets().adapter();
		assertThat(adapter.keptForRecovery()).containsExactly(1, 1);
		// pruned at the first run of the timer after the window (every quarter window)
		advance(RECOVERY_WINDOW);
		assertThat(adapter.keptForRecovery()).containsExactly(1, 1);
		advance(RECOVERY_WINDOW.dividedBy(4));
		assertThat(adapter.keptForRecovery()).containsExactly(0, 0);
		InProcessSession second = InProcessSession.open(recovering)
			.receive("40{\"pid\":\"" + state[1] + "\",\"offset\":\"" + state[2] + "\"}");
		assertThat(second.lastSocketId()).isNotEqualTo(state[0]);
		assertThat(this.connected.get(1).recovered()).isFalse();
	}

	@Test
	void anExpiredSessionIsNotRecoveredBeforeTheTimerReleasesIt() {
		SocketIOServer recovering = server(
				new SocketIOServerOptions.ConnectionStateRecovery(RECOVERY_WINDOW, true));
		InProcessSession first = InProcessSession.open(recovering).receive("40");
		String[] state = dropAfterOneEvent(recovering, first);
		InMemoryAdapter adapter = (InMemoryAdapter) recovering.sockets().adapter();
		advance(RECOVERY_WINDOW.plusSeconds(1));
		// the timer ran when the session was exactly as old as the window, and kept it
		assertThat(adapter.keptForRecovery()).containsExactly(1, 1);
		InProcessSession second = InProcessSession.open(recovering)
			.receive("40{\"pid\":\"" + state[1] + "\",\"offset\":\"" + state[2] + "\"}");
		assertThat(this.connected.get(1).recovered()).isFalse();
		assertThat(second.lastSocketId()).isNotEqualTo(state[0]);
	}

	/**
	 * Emit one event to the only socket, then drop its connection.
	 * @return its socket id, private session id and the offset of the event
	 */
	private String[] dropAfterOneEvent(SocketIOServer recovering, InProcessSession session) {
		String connect = session.texts().get(0);
		String sid = session.lastSocketId();
		String pid = connect.replaceAll(".*\"pid\":\"([^\"]+)\".*", "$1");
		recovering.emit("news", 1);
		String offset = session.texts().get(1).replaceAll(".*,\"([^\"]+)\"]$", "$1");
		session.drop(CloseReason.TRANSPORT_CLOSE);
		return new String[] { sid, pid, offset };
	}

}
