package io.github.springsocketio.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.springsocketio.engine.CloseReason;
import io.github.springsocketio.engine.EngineTransport;
import io.github.springsocketio.protocol.PacketType;
import io.github.springsocketio.test.InProcessSession;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link SocketIOServerListener} hooks, driven through in-process sessions.
 */
class SocketIOServerListenerTests {

	private final SocketIOServer server = new SocketIOServer(
			SocketIOServerOptions.builder().connectTimeout(Duration.ofSeconds(5)).build(),
			JsonMapper.builder().build());

	private final List<String> calls = new CopyOnWriteArrayList<>();

	private final List<Socket> connected = new CopyOnWriteArrayList<>();

	private final SocketIOServerListener recorder = new SocketIOServerListener() {

		@Override
		public void onClientConnected(String sessionId, EngineTransport transport) {
			SocketIOServerListenerTests.this.calls.add("client+ " + transport.queryValue());
		}

		@Override
		public void onClientDisconnected(String sessionId, EngineTransport transport, DisconnectReason reason) {
			SocketIOServerListenerTests.this.calls.add("client- " + transport.queryValue() + " " + reason);
		}

		@Override
		public void onSocketConnected(Socket socket) {
			SocketIOServerListenerTests.this.calls.add("socket+ " + socket.namespace().name());
		}

		@Override
		public void onSocketDisconnected(Socket socket, DisconnectReason reason) {
			SocketIOServerListenerTests.this.calls.add("socket- " + socket.namespace().name() + " " + reason);
		}

		@Override
		public void onPacketReceived(PacketType type, long bytes) {
			SocketIOServerListenerTests.this.calls.add("in " + type + " " + bytes);
		}

		@Override
		public void onPacketSent(PacketType type, long bytes) {
			SocketIOServerListenerTests.this.calls.add("out " + type + " " + bytes);
		}

		@Override
		public void onAckReceived(Socket socket, long nanos) {
			SocketIOServerListenerTests.this.calls.add("ack " + (nanos >= 0));
		}

		@Override
		public void onHandlerError(Socket socket, String event, Throwable error) {
			SocketIOServerListenerTests.this.calls.add("error " + event + " " + error.getMessage());
		}

	};

	SocketIOServerListenerTests() {
		this.server.of("/chat").onConnection(this.connected::add);
		this.server.addListener(this.recorder);
	}

	@Test
	void connectionsAndSocketsAreReportedWithTransportAndReason() {
		InProcessSession session = InProcessSession.open(this.server).receive("40/chat,");
		this.connected.get(0).disconnect(false);
		session.receive("40/chat,");
		session.drop(CloseReason.PING_TIMEOUT);
		assertThat(this.calls).filteredOn((call) -> call.startsWith("client") || call.startsWith("socket"))
			.containsExactly("client+ polling", "socket+ /chat", "socket- /chat server namespace disconnect",
					"socket+ /chat", "socket- /chat ping timeout", "client- polling ping timeout");
	}

	@Test
	void packetsAreReportedWithTheirDataBytes() {
		InProcessSession session = InProcessSession.open(this.server).receive("40/chat,");
		this.calls.clear();
		session.receive("42/chat,[\"é\"]");
		this.connected.get(0).emit("x", "€");
		// 2/chat,["é"]: 12 characters, é is 2 bytes in UTF-8; 2/chat,["x","€"]: 16, € is 3 bytes
		assertThat(this.calls).containsExactly("in EVENT 13", "out EVENT 18");
	}

	@Test
	void binaryAttachmentsCountInTheirPacket() {
		InProcessSession session = InProcessSession.open(this.server).receive("40/chat,");
		this.calls.clear();
		session.receive("451-/chat,[\"file\",{\"_placeholder\":true,\"num\":0}]");
		assertThat(this.calls).isEmpty();
		session.receive(new byte[] { 1, 2, 3 });
		this.connected.get(0).emit("file", (Object) new byte[] { 4, 5 });
		String inText = "51-/chat,[\"file\",{\"_placeholder\":true,\"num\":0}]";
		assertThat(this.calls).containsExactly("in BINARY_EVENT " + (inText.length() + 3),
				"out BINARY_EVENT " + (inText.length() + 2));
	}

	@Test
	void packetsThatCannotBeQueuedAreNotReported() {
		InProcessSession session = InProcessSession.open(this.server).receive("40/chat,");
		session.drop(CloseReason.TRANSPORT_CLOSE);
		this.calls.clear();
		this.connected.get(0).emit("late");
		assertThat(this.calls).isEmpty();
	}

	@Test
	void acknowledgementsRequestedByTheServerAreTimed() {
		InProcessSession session = InProcessSession.open(this.server).receive("40/chat,");
		this.connected.get(0).emitWithAck("question").subscribe();
		this.calls.clear();
		session.receive("43/chat,0[\"answer\"]");
		assertThat(this.calls).containsExactly("in ACK 18", "ack true");
	}

	@Test
	void failingListenersAreReported() {
		this.server.of("/chat").onConnection((socket) -> {
			socket.on("sync", (event) -> {
				throw new IllegalStateException("thrown");
			});
			socket.onAsync("async", (event) -> Mono.error(new IllegalStateException("signalled")));
		});
		InProcessSession session = InProcessSession.open(this.server).receive("40/chat,");
		session.receive("42/chat,[\"sync\"]").receive("42/chat,[\"async\"]");
		assertThat(this.calls).filteredOn((call) -> call.startsWith("error"))
			.containsExactly("error sync thrown", "error async signalled");
	}

	@Test
	void aFailingListenerDoesNotDisturbTheServerOrOtherListeners() {
		SocketIOServer quiet = new SocketIOServer(SocketIOServerOptions.defaults(), JsonMapper.builder().build());
		List<String> seen = new CopyOnWriteArrayList<>();
		quiet.addListener(new SocketIOServerListener() {

			@Override
			public void onSocketConnected(Socket socket) {
				throw new IllegalStateException("listener bug");
			}

			@Override
			public void onPacketSent(PacketType type, long bytes) {
				throw new IllegalStateException("listener bug");
			}

		});
		quiet.addListener(new SocketIOServerListener() {

			@Override
			public void onSocketConnected(Socket socket) {
				seen.add(socket.namespace().name());
			}

		});
		InProcessSession session = InProcessSession.open(quiet).receive("40");
		assertThat(session.texts()).hasSize(1).allMatch((text) -> text.startsWith("40{\"sid\""));
		assertThat(seen).containsExactly("/");
	}

	@Test
	void removedListenersAreNotCalled() {
		this.server.removeListener(this.recorder);
		InProcessSession.open(this.server).receive("40/chat,").receive("42/chat,[\"e\"]");
		assertThat(this.calls).isEmpty();
	}

	@Test
	void clientCountsByTransport() {
		InProcessSession.open(this.server);
		InProcessSession.open(this.server);
		assertThat(this.server.clientCount(EngineTransport.POLLING)).isEqualTo(2);
		assertThat(this.server.clientCount(EngineTransport.WEBSOCKET)).isZero();
	}

	@Test
	void utf8LengthMatchesTheEncoding() {
		for (String text : new String[] { "", "abc", "é", "€", "😀", "a\uD800b", "\uDC00", "x😀é€" }) {
			int expected = text.replaceAll("[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]",
					"\uFFFD")
				.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
			assertThat(ServerListeners.utf8Length(text)).as(text).isEqualTo(expected);
		}
	}

}
