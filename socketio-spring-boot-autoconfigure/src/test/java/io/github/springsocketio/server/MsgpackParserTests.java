package io.github.springsocketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.protocol.MsgpackPacketDecoder;
import io.github.springsocketio.protocol.MsgpackPacketEncoder;
import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.protocol.PacketParseException;
import io.github.springsocketio.protocol.PacketType;
import io.github.springsocketio.test.InProcessSession;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server with {@link SocketIOServerOptions.Parser#MSGPACK}, driven through in-process
 * sessions that speak {@code socket.io-msgpack-parser}: one binary message per packet
 * both ways, binary inline, text refused, broadcasts encoded once.
 */
class MsgpackParserTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final SocketIOServer server = new SocketIOServer(SocketIOServerOptions.builder()
		.parser(SocketIOServerOptions.Parser.MSGPACK)
		.connectTimeout(Duration.ofSeconds(5))
		.build(), MAPPER);

	private final MsgpackPacketEncoder clientEncoder = new MsgpackPacketEncoder(MAPPER);

	private final MsgpackPacketDecoder clientDecoder = new MsgpackPacketDecoder();

	private final List<Socket> connected = new CopyOnWriteArrayList<>();

	MsgpackParserTests() {
		this.server.onConnection((socket) -> {
			this.connected.add(socket);
			socket.on("echo", (event) -> event.ackArgs(event.args()));
			socket.emit("hello", new byte[] { 1, 2 }, Map.of("nested", new byte[] { 3 }));
		});
	}

	@Test
	void packetsTravelAsOneBinaryMessageEachWithBinaryInline() throws PacketParseException {
		InProcessSession session = connect("/");
		List<Packet> received = received(session);
		assertThat(received).hasSize(2);
		assertThat(received.get(0).type()).isEqualTo(PacketType.CONNECT);
		assertThat(received.get(0).data().get("sid").asString()).isEqualTo(this.connected.get(0).id());
		ArrayNode hello = args("hello", NODES.binaryNode(new byte[] { 1, 2 }),
				NODES.objectNode().set("nested", NODES.binaryNode(new byte[] { 3 })));
		assertThat(received.get(1)).isEqualTo(Packet.event("/", hello, Packet.NO_ACK));

		session.clear();
		ArrayNode echo = args("echo", NODES.binaryNode(new byte[] { 9 }), "text", 1.5);
		send(session, Packet.event("/", echo, 4));
		ArrayNode echoed = (ArrayNode) echo.deepCopy();
		echoed.remove(0);
		assertThat(received(session)).containsExactly(Packet.ack("/", echoed, 4));
	}

	@Test
	void refusalsAreConnectErrors() throws PacketParseException {
		this.server.of("/protected")
			.use((socket) -> Mono.error(new ConnectionRefusedException("unauthorized", Map.of("reason", "bad token"))));
		InProcessSession session = InProcessSession.open(this.server);
		send(session, Packet.connect("/protected", null));
		send(session, Packet.connect("/nope", null));
		ObjectNode unauthorized = NODES.objectNode().put("message", "unauthorized");
		unauthorized.set("data", NODES.objectNode().put("reason", "bad token"));
		assertThat(received(session)).containsExactly(Packet.connectError("/protected", unauthorized),
				Packet.connectError("/nope", NODES.objectNode().put("message", "Invalid namespace")));
		assertThat(session.isOpen()).isTrue();
	}

	@Test
	void textMessagesAndMalformedBinaryCloseTheConnectionWithParseError() {
		List<DisconnectReason> reasons = new CopyOnWriteArrayList<>();
		this.server.onConnection((socket) -> socket.onDisconnect(reasons::add));
		InProcessSession good = connect("/");
		InProcessSession text = connect("/");
		text.receive("42[\"echo\"]");
		assertThat(text.isOpen()).isFalse();
		assertThat(reasons).containsExactly(DisconnectReason.PARSE_ERROR);
		for (byte[] garbage : new byte[][] { {}, { (byte) 0xc1 }, { (byte) 0x81, (byte) 0xa4 },
				this.clientEncoder.encode(Packet.event("/", args("disconnect"), Packet.NO_ACK)) }) {
			InProcessSession session = connect("/");
			session.receive(garbage);
			assertThat(session.isOpen()).isFalse();
		}
		assertThat(good.isOpen()).isTrue();
	}

	@Test
	void broadcastsAreEncodedOnceForEveryRecipient() {
		InProcessSession a = connect("/");
		InProcessSession b = connect("/");
		List.of(a, b).forEach(InProcessSession::clear);
		this.server.emit("news", new byte[] { 5 });
		assertThat(a.sent()).hasSize(1);
		assertThat(b.sent()).hasSize(1);
		assertThat(a.sent().get(0).binary()).isSameAs(b.sent().get(0).binary());
	}

	@Test
	void listenersSeeThePacketTypes() {
		List<String> calls = new CopyOnWriteArrayList<>();
		this.server.addListener(new SocketIOServerListener() {

			@Override
			public void onPacketReceived(PacketType type, long bytes) {
				calls.add("in " + type + " " + bytes);
			}

			@Override
			public void onPacketSent(PacketType type, long bytes) {
				calls.add("out " + type + " " + bytes);
			}

		});
		InProcessSession session = InProcessSession.open(this.server);
		byte[] connect = this.clientEncoder.encode(Packet.connect("/", null));
		session.receive(connect);
		byte[] echo = this.clientEncoder.encode(Packet.event("/", args("echo", NODES.binaryNode(new byte[] { 1 })), 1));
		session.receive(echo);
		List<EnginePacket> sent = session.sent();
		assertThat(calls).containsExactly("in CONNECT " + connect.length, "out CONNECT " + sent.get(0).dataLength(),
				"out EVENT " + sent.get(1).dataLength(), "in EVENT " + echo.length,
				"out ACK " + sent.get(2).dataLength());
	}

	private InProcessSession connect(String namespace) {
		InProcessSession session = InProcessSession.open(this.server);
		send(session, Packet.connect(namespace, null));
		return session;
	}

	private void send(InProcessSession session, Packet packet) {
		session.receive(this.clientEncoder.encode(packet));
	}

	private List<Packet> received(InProcessSession session) throws PacketParseException {
		List<Packet> packets = new ArrayList<>();
		for (EnginePacket message : session.sent()) {
			assertThat(message.isBinary()).as("binary message").isTrue();
			packets.add(this.clientDecoder.decodeBinary(message.binary()));
		}
		return packets;
	}

	private static ArrayNode args(Object... values) {
		ArrayNode args = NODES.arrayNode();
		for (Object value : values) {
			args.add((value instanceof JsonNode node) ? node : MAPPER.valueToTree(value));
		}
		return args;
	}

}
