package io.github.springsocketio.engine;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The timing behaviour of the session core, in virtual time: heartbeats of both
 * protocol revisions, the upgrade and its timeout, overlapping and parked polls, and
 * the close after the queue is drained. No network, no sleeps: each case advances a
 * {@link VirtualTimeScheduler} and looks at what the core decided.
 */
class SessionCoreTimingTests {

	private static final Duration INTERVAL = Duration.ofMillis(300);

	private static final Duration TIMEOUT = Duration.ofMillis(200);

	/** Shorter than the ping interval, so the heartbeat does not end the upgrade tests. */
	private static final Duration UPGRADE_TIMEOUT = Duration.ofMillis(250);

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final List<String> events = new ArrayList<>();

	private final List<SessionCore> ended = new ArrayList<>();

	@AfterEach
	void disposeTime() {
		this.time.dispose();
	}

	// ---- heartbeat, table-driven

	static Stream<Arguments> heartbeats() {
		return Stream.of(
				// v4: the server pings after an interval; no pong within the timeout closes
				Arguments.of("v4 silent client", 4, (Consumer<Harness>) (h) -> {
					h.advance(INTERVAL.minusMillis(1));
					Poll parked = h.poll();
					assertThat(parked.answers()).isEmpty();
					h.advance(Duration.ofMillis(1));
					assertThat(parked.packetTypes()).containsExactly(EnginePacketType.PING);
					h.advance(TIMEOUT.minusMillis(1));
					assertThat(h.session.isOpen()).isTrue();
					h.advance(Duration.ofMillis(1));
				}, CloseReason.PING_TIMEOUT),
				// v4: a pong in time moves the next ping an interval later; then silence
				Arguments.of("v4 answers once", 4, (Consumer<Harness>) (h) -> {
					h.advance(INTERVAL);
					h.expectOnePacket(EnginePacketType.PING);
					h.advance(TIMEOUT.minusMillis(10));
					h.post("3");
					h.advance(INTERVAL.minusMillis(1));
					Poll parked = h.poll();
					assertThat(parked.answers()).isEmpty();
					h.advance(Duration.ofMillis(1));
					assertThat(parked.packetTypes()).containsExactly(EnginePacketType.PING);
					h.advance(TIMEOUT);
				}, CloseReason.PING_TIMEOUT),
				// v3: the client pings; the server pongs and waits interval + timeout for the next
				Arguments.of("v3 pings once", 3, (Consumer<Harness>) (h) -> {
					h.advance(INTERVAL);
					h.post("1:2");
					h.expectOnePacket(EnginePacketType.PONG);
					h.advance(INTERVAL.plus(TIMEOUT).minusMillis(1));
					assertThat(h.session.isOpen()).isTrue();
					h.advance(Duration.ofMillis(1));
				}, CloseReason.PING_TIMEOUT),
				// v4 client pings and v3 client pongs are protocol errors
				Arguments.of("v4 client pings", 4, (Consumer<Harness>) (h) -> h.post("2"), CloseReason.TRANSPORT_ERROR),
				Arguments.of("v3 client pongs", 3, (Consumer<Harness>) (h) -> h.post("1:3"), CloseReason.TRANSPORT_ERROR),
				// a close from the client ends the session at once
				Arguments.of("client closes", 4, (Consumer<Harness>) (h) -> h.post("1"), CloseReason.TRANSPORT_CLOSE));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("heartbeats")
	void heartbeat(String name, int protocol, Consumer<Harness> script, CloseReason expected) {
		Harness h = open(protocol);
		script.accept(h);
		assertThat(this.events).last().isEqualTo("close:" + expected);
		assertThat(this.ended).containsExactly(h.session);
	}

	// ---- polling

	@Test
	void overlappingPollsCloseTheSessionAndReleaseTheFirstWithClose() {
		Harness h = open(4);
		Poll first = h.poll();
		Poll second = h.poll();
		assertThat(second.refusals()).containsExactly(EngineError.BAD_REQUEST);
		assertThat(first.packetTypes()).containsExactly(EnginePacketType.CLOSE);
		assertThat(this.events).last().isEqualTo("close:" + CloseReason.TRANSPORT_ERROR);
	}

	@Test
	void aParkedPollWhoseConnectionClosesEndsTheSession() {
		Harness h = open(4);
		Poll poll = h.poll();
		h.polling.cancelled(poll);
		assertThat(this.events).last().isEqualTo("close:" + CloseReason.TRANSPORT_ERROR);
		// a cancelled poll that was already answered changes nothing
		Harness other = open(4);
		Poll answered = other.poll();
		other.session.send(EnginePacket.message("a"));
		other.polling.cancelled(answered);
		assertThat(other.session.isOpen()).isTrue();
	}

	@Test
	void aParkedPollIsAnsweredByTheNextSend() {
		Harness h = open(4);
		Poll poll = h.poll();
		assertThat(poll.answers()).isEmpty();
		h.session.send(EnginePacket.message("hello"));
		assertThat(poll.answers()).hasSize(1);
		assertThat(poll.answers().get(0)).extracting(EnginePacket::text).containsExactly("hello");
	}

	@Test
	void closeDeliversWhatIsQueuedThenTheCloseAloneAndEndsWhenItIsWritten() {
		Harness h = open(4);
		h.session.send(EnginePacket.message("a"));
		h.session.send(EnginePacket.message("b"));
		h.session.close();
		assertThat(h.session.isOpen()).isFalse();
		Poll first = h.poll();
		assertThat(first.answers().get(0)).extracting(EnginePacket::text).containsExactly("a", "b");
		Poll second = h.poll();
		assertThat(second.packetTypes()).containsExactly(EnginePacketType.CLOSE);
		assertThat(this.events).doesNotContain("close:" + CloseReason.FORCED_CLOSE);
		h.polling.written(second.answers().get(0));
		assertThat(this.events).last().isEqualTo("close:" + CloseReason.FORCED_CLOSE);
	}

	@Test
	void aCloseNobodyFetchesEndsAfterAHeartbeatCycle() {
		Harness h = open(4);
		h.session.send(EnginePacket.message("a"));
		h.session.close();
		h.advance(INTERVAL.plus(TIMEOUT).minusMillis(1));
		assertThat(this.ended).isEmpty();
		h.advance(Duration.ofMillis(1));
		assertThat(this.events).last().isEqualTo("close:" + CloseReason.FORCED_CLOSE);
	}

	@Test
	void aFullOutboundQueueClosesTheSession() {
		Harness h = open(4, EngineIoOptions.builder().maxOutboundPackets(2));
		assertThat(h.session.send(EnginePacket.message("1"))).isTrue();
		assertThat(h.session.send(EnginePacket.message("2"))).isTrue();
		assertThat(h.session.send(EnginePacket.message("3"))).isFalse();
		assertThat(this.events).last().isEqualTo("close:" + CloseReason.OUTBOUND_BUFFER_FULL);
	}

	@Test
	void volatilePacketsAreDroppedUnlessAPollIsWaiting() {
		Harness h = open(4);
		assertThat(h.session.send(List.of(EnginePacket.message("v")), true)).isFalse();
		Poll poll = h.poll();
		assertThat(h.session.send(List.of(EnginePacket.message("v")), true)).isTrue();
		assertThat(poll.answers()).hasSize(1);
	}

	// ---- upgrade

	@Test
	void upgradeProbeThenUpgradeSwitchesToTheWebSocketAndReleasesThePoll() {
		Harness h = open(4);
		Poll parked = h.poll();
		Link probe = new Link();
		assertThat(h.upgrade().reserve()).isTrue();
		assertThat(h.upgrade().reserve()).isFalse();
		h.upgrade().attach(probe);
		h.session.onWebSocketPacket(probe, EnginePacket.of(EnginePacketType.PING, "probe"));
		assertThat(probe.direct).extracting(EnginePacket::type, EnginePacket::text)
			.containsExactly(tuple(EnginePacketType.PONG, "probe"));
		// the poll parked before the probe, and one parked while probed, are released after
		// the reference's first 100 ms check
		h.advance(UpgradeProbe.NOOP_DELAY.minusMillis(1));
		assertThat(parked.answers()).isEmpty();
		h.advance(Duration.ofMillis(1));
		assertThat(parked.packetTypes()).containsExactly(EnginePacketType.NOOP);
		Poll next = h.poll();
		h.advance(UpgradeProbe.NOOP_DELAY.minusMillis(1));
		assertThat(next.answers()).isEmpty();
		h.advance(Duration.ofMillis(1));
		assertThat(next.packetTypes()).containsExactly(EnginePacketType.NOOP);
		// a poll parked when the upgrade completes was sent after "5": refused, as later
		// ones, at its check (well behind the pong)
		Poll last = h.poll();
		h.session.onWebSocketPacket(probe, EnginePacket.of(EnginePacketType.UPGRADE, null));
		assertThat(h.session.transport()).isEqualTo(EngineTransport.WEBSOCKET);
		assertThat(probe.drains).isEqualTo(1);
		assertThat(last.refusals()).isEmpty();
		h.advance(UpgradeProbe.NOOP_DELAY);
		assertThat(last.refusals()).containsExactly(EngineError.BAD_REQUEST);
		assertThat(last.answers()).isEmpty();
		// three noop delays since the reservation, past the upgrade timeout: it no longer
		// applies; polls on their way are refused, the session stays
		assertThat(UpgradeProbe.NOOP_DELAY.multipliedBy(3)).isGreaterThan(UPGRADE_TIMEOUT);
		assertThat(probe.closed).isFalse();
		assertThat(h.poll().refusals()).containsExactly(EngineError.BAD_REQUEST);
		assertThat(h.session.isOpen()).isTrue();
		// the WebSocket takes what is queued from now on: the heartbeat's ping, then a message
		h.session.send(EnginePacket.message("ws"));
		List<EnginePacket> taken = new ArrayList<>();
		assertThat(h.session.take(10, taken)).isEqualTo(2);
		assertThat(taken).extracting(EnginePacket::type).containsExactly(EnginePacketType.PING,
				EnginePacketType.MESSAGE);
	}

	@Test
	void aPollParkedBeforeTheProbeAndStillParkedAtTheSwitchIsRefusedAtItsCheck() {
		Harness h = open(4);
		Poll parked = h.poll();
		Link probe = new Link();
		h.upgrade().reserve();
		h.upgrade().attach(probe);
		h.session.onWebSocketPacket(probe, EnginePacket.of(EnginePacketType.PING, "probe"));
		h.session.onWebSocketPacket(probe, EnginePacket.of(EnginePacketType.UPGRADE, null));
		h.advance(UpgradeProbe.NOOP_DELAY.minusMillis(1));
		assertThat(parked.answers()).isEmpty();
		assertThat(parked.refusals()).isEmpty();
		h.advance(Duration.ofMillis(1));
		assertThat(parked.refusals()).containsExactly(EngineError.BAD_REQUEST);
		assertThat(parked.answers()).isEmpty();
		assertThat(h.session.isOpen()).isTrue();
	}

	@Test
	void upgradeTimeoutClosesTheProbeAndAllowsAnotherUpgrade() {
		Harness h = open(4);
		Link probe = new Link();
		h.upgrade().reserve();
		h.upgrade().attach(probe);
		h.advance(UPGRADE_TIMEOUT.minusMillis(1));
		assertThat(probe.closed).isFalse();
		h.advance(Duration.ofMillis(1));
		assertThat(probe.closed).isTrue();
		assertThat(h.session.isOpen()).isTrue();
		assertThat(h.session.transport()).isEqualTo(EngineTransport.POLLING);
		assertThat(h.upgrade().reserve()).isTrue();
	}

	@Test
	void aBadPacketOnTheProbeAbortsTheUpgradeOnly() {
		Harness h = open(4);
		Link probe = new Link();
		h.upgrade().reserve();
		h.upgrade().attach(probe);
		h.session.onWebSocketPacket(probe, EnginePacket.message("too early"));
		assertThat(probe.closed).isTrue();
		assertThat(h.session.isOpen()).isTrue();
		assertThat(this.events).containsExactly("open");
		// a second WebSocket for a reserved upgrade is closed at once
		Link other = new Link();
		h.upgrade().reserve();
		h.upgrade().attach(new Link());
		h.upgrade().attach(other);
		assertThat(other.closed).isTrue();
	}

	@Test
	void theSessionEndingClosesTheProbe() {
		Harness h = open(4);
		Link probe = new Link();
		h.upgrade().reserve();
		h.upgrade().attach(probe);
		h.advance(INTERVAL.plus(TIMEOUT));
		assertThat(this.events).last().isEqualTo("close:" + CloseReason.PING_TIMEOUT);
		assertThat(probe.closed).isTrue();
	}

	// ---- harness

	private Harness open(int protocol) {
		return open(protocol, EngineIoOptions.builder());
	}

	private Harness open(int protocol, EngineIoOptions.Builder options) {
		options.pingInterval(INTERVAL).pingTimeout(TIMEOUT).upgradeTimeout(UPGRADE_TIMEOUT);
		SessionContext context = new SessionContext(options.build(), ProtocolClock.of(this.time), new Recorder(),
				this.ended::add);
		MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
		query.add("EIO", Integer.toString(protocol));
		HandshakeRequest handshake = new HandshakeRequest(new HttpHeaders(), query,
				new InetSocketAddress("127.0.0.1", 1), "/engine.io/", false, Instant.EPOCH, null);
		EngineIoCodec codec = (protocol == 4) ? EngineIoV4Codec.INSTANCE : EngineIoV3Codec.INSTANCE;
		SessionCore session = new SessionCore(Base64Id.generate(), codec, handshake, EngineTransport.POLLING,
				context);
		session.open(null);
		Harness harness = new Harness(session);
		assertThat(harness.poll().packetTypes()).containsExactly(EnginePacketType.OPEN);
		return harness;
	}

	private final class Harness {

		final SessionCore session;

		final PollingTransport polling;

		Harness(SessionCore session) {
			this.session = session;
			this.polling = session.polling();
		}

		UpgradeProbe upgrade() {
			return this.session.upgrade();
		}

		void advance(Duration duration) {
			SessionCoreTimingTests.this.time.advanceTimeBy(duration);
		}

		Poll poll() {
			Poll poll = new Poll();
			this.polling.poll(poll);
			return poll;
		}

		void post(String payload) {
			this.session.receivePayload(payload.getBytes(StandardCharsets.UTF_8), false);
		}

		/** The next poll is answered at once with exactly one packet of this type. */
		void expectOnePacket(EnginePacketType type) {
			assertThat(poll().packetTypes()).containsExactly(type);
		}

	}

	private final class Recorder implements EngineSessionHandler {

		@Override
		public void onOpen(EngineSession session) {
			SessionCoreTimingTests.this.events.add("open");
		}

		@Override
		public void onMessage(EngineSession session, String text) {
			SessionCoreTimingTests.this.events.add("message:" + text);
		}

		@Override
		public void onBinary(EngineSession session, byte[] data) {
			SessionCoreTimingTests.this.events.add("binary");
		}

		@Override
		public void onClose(EngineSession session, CloseReason reason) {
			SessionCoreTimingTests.this.events.add("close:" + reason);
		}

	}

	/** A GET as the core sees it: what it was answered with. */
	private static final class Poll implements PendingPoll {

		private final List<List<EnginePacket>> answers = new ArrayList<>();

		private final List<EngineError> refusals = new ArrayList<>();

		@Override
		public void answer(List<EnginePacket> packets) {
			this.answers.add(packets);
		}

		@Override
		public void refuse(EngineError error) {
			this.refusals.add(error);
		}

		List<List<EnginePacket>> answers() {
			return this.answers;
		}

		List<EngineError> refusals() {
			return this.refusals;
		}

		/** The types of the one answer's packets. */
		List<EnginePacketType> packetTypes() {
			assertThat(this.answers).hasSize(1);
			return this.answers.get(0).stream().map(EnginePacket::type).toList();
		}

	}

	/** A WebSocket as the core sees it. */
	private static final class Link implements WebSocketLink {

		final List<EnginePacket> direct = new ArrayList<>();

		int drains;

		boolean closed;

		@Override
		public void drain() {
			this.drains++;
		}

		@Override
		public void sendDirect(EnginePacket packet) {
			this.direct.add(packet);
		}

		@Override
		public void close() {
			this.closed = true;
		}

		@Override
		public long demand() {
			return Long.MAX_VALUE;
		}

	}

}
