package io.github.springsocketio.protocol;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.POJONode;

import static io.github.springsocketio.protocol.ProtocolTestSupport.MAPPER;
import static io.github.springsocketio.protocol.ProtocolTestSupport.array;
import static io.github.springsocketio.protocol.ProtocolTestSupport.bin;
import static io.github.springsocketio.protocol.ProtocolTestSupport.bytes;
import static io.github.springsocketio.protocol.ProtocolTestSupport.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.fail;

/**
 * Tests for {@link MsgpackPacketEncoder} and {@link MsgpackPacketDecoder}. The bytes come
 * from the Node.js reference on Node.js 20, socket.io 4.8.4 with socket.io-msgpack-parser
 * 3.0.2 (notepack.io 2.2.0):
 * <ul>
 * <li>"sent by the Node.js server": the frames socket.io-client 4.8.4 received over
 * WebSocket from {@code reference-fixture.mjs --parser msgpack} (sample-app's
 * {@code src/test/js}), through a parser that logged what its decoder was given;</li>
 * <li>"sent by the Node.js client": what the client's encoder wrote in the same run;</li>
 * <li>"parser": {@code new Encoder().encode(packet)} of the packet object the Node.js
 * server builds, or {@code notepack.encode(object)} fed to {@code new Decoder().add()}
 * with its verdict.</li>
 * </ul>
 */
class MsgpackPacketCodecTests {

	private static final HexFormat HEX = HexFormat.of();

	private final MsgpackPacketEncoder encoder = new MsgpackPacketEncoder(MAPPER);

	private final MsgpackPacketDecoder decoder = new MsgpackPacketDecoder();

	// ---- encoding: byte for byte the Node.js server's

	@Test
	void eventSentByTheNodeServer() {
		// socket.emit("auth", {})
		assertEncoded(Packet.event("/", array("auth", object()), Packet.NO_ACK),
				"83a47479706502a46461746192a46175746880a36e7370a12f");
	}

	@Test
	void eventWithBinarySentByTheNodeServer() {
		// socket.emit("message-back", Buffer.from([9])): the buffer stays in place as bin 8
		assertEncoded(Packet.event("/", array("message-back", bin(9)), Packet.NO_ACK),
				"83a47479706502a46461746192ac6d6573736167652d6261636bc40109a36e7370a12f");
	}

	@Test
	void eventWithAckIdSentByTheNodeServer() {
		// socket.timeout(1000).emit("ask", 1, callback): the id between data and nsp
		assertEncoded(Packet.event("/", array("ask", 1), 0), "84a47479706502a46461746192a361736b01a2696400a36e7370a12f");
	}

	@Test
	void ackWithBinaryAndNumbersSentByTheNodeServer() {
		// the ack of "message-with-ack" with ("hi", Buffer [1,2,3], {n: 1.5, neg: -3, big: 70000}): the id first
		assertEncoded(
				Packet.ack("/", array("hi", bin(1, 2, 3), object("n", 1.5, "neg", -3, "big", 70000)), 0),
				"84a2696400a47479706503a46461746193a26869c40301020383a16ecb3ff8000000000000a36e6567fda3626967ce00011170"
						+ "a36e7370a12f");
	}

	@Test
	void connectErrorOfAMiddlewareSentByTheNodeServer() {
		assertEncoded(
				Packet.connectError("/protected",
						object("message", "unauthorized", "data", object("reason", "bad token"))),
				"83a47479706504a46461746182a76d657373616765ac756e617574686f72697a6564a46461746181a6726561736f6e"
						+ "a962616420746f6b656ea36e7370aa2f70726f746563746564");
	}

	@Test
	void invalidNamespaceHasTheSameEntriesInAnotherOrder() {
		// the Node.js server writes this one as {type, nsp, data}:
		// 83a47479706504a36e7370a52f6e6f7065a46461746181a76d657373616765b1496e76616c6964206e616d657370616365
		assertEncoded(Packet.connectError("/nope", object("message", "Invalid namespace")),
				"83a47479706504a46461746181a76d657373616765b1496e76616c6964206e616d657370616365a36e7370a52f6e6f7065");
	}

	@Test
	void disconnectSentByTheNodeServer() {
		assertEncoded(Packet.disconnect("/"), "82a47479706501a36e7370a12f");
	}

	@Test
	void connectWithSocketAndSessionIds() {
		// parser: {type: 0, data: {sid, pid}, nsp: "/"}, as with connection state recovery
		assertEncoded(Packet.connect("/", object("sid", "sid-1", "pid", "pid-1")),
				"83a47479706500a46461746182a3736964a57369642d31a3706964a57069642d31a36e7370a12f");
	}

	@Test
	void connectWithoutPidLeavesItOut() {
		// the Node.js server without recovery writes {sid, pid: undefined}, the undefined as fixext 1
		// (83a47479706500a46461746182a3736964b4…a3706964d40000a36e7370a12f); a missing pid reads the same
		assertEncoded(Packet.connect("/custom", object("sid", "sid-1")),
				"83a47479706500a46461746181a3736964a57369642d31a36e7370a72f637573746f6d");
	}

	@Test
	void connectWithoutData() {
		// parser: {type: 0, nsp: "/"}, what the Node.js server sends an Engine.IO v3 client
		assertEncoded(Packet.connect("/", null), "82a47479706500a36e7370a12f");
	}

	@Test
	void nestedBinaryNumbersAndMultiByteText() {
		// parser: {type: 2, data: ["news", {file: Buffer, list: [Buffer(0), null, true, false]}, -1.5, 300, "€😀"], nsp: "/chat"}
		assertEncoded(
				Packet.event("/chat", array("news", object("file", bin(0x61, 0x20, 0x66, 0x69, 0x6c, 0x65), "list",
						array(bin(), null, true, false)), -1.5, 300, "€😀"), Packet.NO_ACK),
				"83a47479706502a46461746195a46e65777382a466696c65c406612066696c65a46c69737494c400c0c3c2cbbff8000000000000"
						+ "cd012ca7e282acf09f9880a36e7370a52f63686174");
	}

	@Test
	void largestAckIdAndStr8() {
		// parser: {type: 2, data: ["e"], id: 2^53 - 1, nsp: "/"} and {type: 2, data: ["s", "x" × 40], nsp: "/"}
		assertEncoded(Packet.event("/", array("e"), Packet.MAX_ACK_ID),
				"84a47479706502a46461746191a165a26964cf001fffffffffffffa36e7370a12f");
		assertEncoded(Packet.event("/", array("s", "x".repeat(40)), Packet.NO_ACK),
				"83a47479706502a46461746192a173d928" + "78".repeat(40) + "a36e7370a12f");
	}

	@Test
	void emptyAckAndStringConnectError() {
		// parser: {id: 7, type: 3, data: [], nsp: "/custom"} and {type: 4, data: "closed", nsp: "/closed"}
		assertEncoded(Packet.ack("/custom", array(), 7), "84a2696407a47479706503a46461746190a36e7370a72f637573746f6d");
		assertEncoded(Packet.connectError("/closed", ProtocolTestSupport.node("closed")),
				"83a47479706504a464617461a6636c6f736564a36e7370a72f636c6f736564");
	}

	@Test
	void binaryTypesAreWrittenAsEventAndAck() {
		assertEncoded(new Packet(PacketType.BINARY_EVENT, "/", Packet.NO_ACK, array("e")),
				"83a47479706502a46461746191a165a36e7370a12f");
		assertEncoded(new Packet(PacketType.BINARY_ACK, "/", 1, array()), "84a2696401a47479706503a46461746190a36e7370a12f");
	}

	@Test
	void namespacesNeedNoSeparator() throws PacketParseException {
		assertThat(this.decoder.decodeBinary(this.encoder.encode(Packet.connectError("a,b", object()))).namespace())
			.isEqualTo("a,b");
	}

	@Test
	void pojoNodesAreConvertedWithTheMapper() {
		Packet packet = Packet.event("/", array("p", new POJONode(new Point(1, 2)), new POJONode(bytes(7))),
				Packet.NO_ACK);
		assertThat(HEX.formatHex(this.encoder.encode(packet)))
			.isEqualTo(HEX.formatHex(this.encoder.encode(Packet.event("/", array("p", object("x", 1, "y", 2), bin(7)),
					Packet.NO_ACK))));
	}

	@Test
	void dataNestedTooDeeplyIsRefused() {
		JsonNode deep = array();
		for (int i = 0; i < Notepack.MAX_DEPTH; i++) {
			deep = array(deep);
		}
		Packet packet = Packet.event("/", array("e", deep), Packet.NO_ACK);
		assertThatIllegalArgumentException().isThrownBy(() -> this.encoder.encode(packet));
	}

	@Test
	void typeOfReadsEveryEncodedType() {
		List<Packet> packets = List.of(Packet.connect("/", object("sid", "s")), Packet.connect("/", null),
				Packet.disconnect("/x"), Packet.event("/", array("e"), Packet.NO_ACK), Packet.event("/", array("e"), 70000),
				Packet.ack("/", array(), 0), Packet.ack("/", array(), 200), Packet.ack("/", array(), 70000),
				Packet.ack("/", array(), Packet.MAX_ACK_ID), Packet.connectError("/", object("message", "m")));
		for (Packet packet : packets) {
			assertThat(MsgpackPacketEncoder.typeOf(this.encoder.encode(packet))).as(packet.toString())
				.isEqualTo(packet.type());
		}
		assertThat(MsgpackPacketEncoder.typeOf(new byte[0])).isNull();
		assertThat(MsgpackPacketEncoder.typeOf(hex("93a474797065"))).isNull();
		assertThat(MsgpackPacketEncoder.typeOf(hex("81a2696400"))).isNull();
		assertThat(MsgpackPacketEncoder.typeOf(hex("81a47479706509"))).isNull();
	}

	// ---- decoding: what the Node.js client sends

	@Test
	void connectWithoutAuthSentByTheNodeClient() throws PacketParseException {
		// {type: 0, data: undefined, nsp: "/"}: the undefined as fixext 1, read as no data
		assertDecoded("83a47479706500a464617461d40000a36e7370a12f", Packet.connect("/", null));
	}

	@Test
	void connectWithAuthSentByTheNodeClient() throws PacketParseException {
		assertDecoded("83a47479706500a46461746181a5746f6b656ea174a36e7370a72f637573746f6d",
				Packet.connect("/custom", object("token", "t")));
	}

	@Test
	void eventWithAckIdOptionsAndBinarySentByTheNodeClient() throws PacketParseException {
		// {type: 2, data: [...], options: {compress: true}, id: 0, nsp: "/"}: options are ignored
		Packet packet = this.decoder.decodeBinary(hex("85a47479706502a46461746194b06d6573736167652d776974682d61636b"
				+ "a26869c40301020383a16ecb3ff8000000000000a36e6567fda3626967ce00011170a76f7074696f6e7381a8636f6d7072657373"
				+ "c3a2696400a36e7370a12f"));
		assertThat(packet).isEqualTo(Packet.event("/",
				array("message-with-ack", "hi", bin(1, 2, 3), object("n", 1.5, "neg", -3, "big", 70000)), 0));
		assertThat(this.decoder.binaryWireType(packet)).isEqualTo(PacketType.EVENT);
	}

	@Test
	void ackSentByTheNodeClient() throws PacketParseException {
		// {type: 3, id: 0, data: ["ok"], nsp: "/"}
		assertDecoded("84a47479706503a2696400a46461746191a26f6ba36e7370a12f", Packet.ack("/", array("ok"), 0));
	}

	@Test
	void disconnectSentByTheNodeClient() throws PacketParseException {
		assertDecoded("82a47479706501a36e7370a72f637573746f6d", Packet.disconnect("/custom"));
	}

	@Test
	void formsTheNodeParserAlsoAccepts() throws PacketParseException {
		// the type as an integral float64
		assertDecoded("83a474797065cb4000000000000000a46461746191a165a36e7370a12f", Packet.event("/", array("e"), -1));
		// unknown keys
		assertDecoded("85a47479706502a46461746192a16501a76f7074696f6e7381a8636f6d7072657373c3a565787472619101a36e7370a12f",
				Packet.event("/", array("e", 1), -1));
		// an ArrayBuffer (ext 8 type 0) and a Date (fixext 8 type 0), as notepack.io 2 writes them
		assertDecoded("83a47479706502a46461746192a165c702000102a36e7370a12f", Packet.event("/", array("e", bin(1, 2)), -1));
		assertDecoded("83a47479706502a46461746192a165d7000000000000000000a36e7370a12f",
				Packet.event("/", array("e", "1970-01-01T00:00:00.000Z"), -1));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = {
			// what the Node.js parser refuses too
			"83a47479706505a46461746191a165a36e7370a12f", // type 5
			"83a474797065a132a46461746191a165a36e7370a12f", // type "2"
			"83a474797065cb4004000000000000a46461746191a165a36e7370a12f", // type 2.5
			"82a47479706502a46461746191a165", // no nsp
			"83a47479706502a46461746191a165a36e737001", // nsp 1
			"83a47479706502a46461746181a16501a36e7370a12f", // event data {e: 1}
			"83a47479706501a464617461c0a36e7370a12f", // disconnect data null
			"83a47479706500a464617461c0a36e7370a12f", // connect data null
			"83a47479706500a46461746190a36e7370a12f", // connect data []
			"83a47479706504a46461746101a36e7370a12f", // connect error data 1
			"83a47479706503a2696401a36e7370a12f", // ack without data
			"84a47479706502a46461746191a165a26964a131a36e7370a12f", // id "1"
			"84a47479706502a46461746191a165a26964cb3ff8000000000000a36e7370a12f", // id 1.5
			"84a47479706502a46461746191a165a26964c0a36e7370a12f", // id null
			"930291a165a12f", // an array
			"83a47479706502a46461", // truncated
			"83a47479706502a46461746191a165a36e7370a12f00", // a trailing byte
			"c1", // never used
			"",
			// what this decoder refuses as the default parser does, and the Node.js one accepts
			"84a47479706502a46461746191a165a26964ffa36e7370a12f", // id -1
			"84a47479706502a46461746191a165a26964cf0020000000000000a36e7370a12f", // id 2^53
			"83a47479706502a46461746191aa646973636f6e6e656374a36e7370a12f", // event "disconnect"
			"83a47479706502a46461746190a36e7370a12f", // event []
			"83a47479706502a4646174619101a36e7370a12f" // event [1]
	})
	void invalidMessagesAreRefused(String message) {
		assertThatExceptionOfType(PacketParseException.class).isThrownBy(() -> this.decoder.decodeBinary(hex(message)));
	}

	@Test
	void textMessagesAreRefused() {
		assertThatExceptionOfType(PacketParseException.class).isThrownBy(() -> this.decoder.decodeText("2[\"e\"]"))
			.withMessageContaining("text message");
	}

	@Test
	void deepNestingIsRefused() {
		StringBuilder message = new StringBuilder("83a47479706502a46461746192a165");
		message.append("91".repeat(Notepack.MAX_DEPTH)).append("c0a36e7370a12f");
		assertThatExceptionOfType(PacketParseException.class)
			.isThrownBy(() -> this.decoder.decodeBinary(hex(message.toString())));
	}

	@Test
	void everyEncodedPacketDecodesToItself() throws PacketParseException {
		List<Packet> packets = List.of(Packet.connect("/", object("token", "t", "n", 1)), Packet.disconnect("/chat"),
				Packet.event("/", array("e", bin(1, 2), object("b", bin()), array(null, 1.25, -70000)), 5),
				Packet.ack("/x", array(bin(3)), Packet.MAX_ACK_ID), Packet.connectError("/p", object("message", "m")));
		for (Packet packet : packets) {
			assertThat(this.decoder.decodeBinary(this.encoder.encode(packet))).isEqualTo(packet);
		}
	}

	@Test
	void mutatedMessagesGiveAPacketOrAParseException() {
		Random random = new Random(0x5EED_3A9L);
		List<byte[]> seeds = List.of(this.encoder.encode(Packet.connect("/", object("token", "t"))),
				this.encoder.encode(Packet.event("/chat", array("e", bin(1, 2, 3), object("k", array(1, "two"))), 3)),
				this.encoder.encode(Packet.ack("/", array("x", 1.5), 70000)), this.encoder.encode(Packet.disconnect("/")));
		int valid = 0;
		for (int i = 0; i < 3000; i++) {
			byte[] message = seeds.get(random.nextInt(seeds.size())).clone();
			int flips = 1 + random.nextInt(3);
			for (int j = 0; j < flips; j++) {
				message[random.nextInt(message.length)] = (byte) random.nextInt(256);
			}
			if (random.nextInt(4) == 0) {
				message = java.util.Arrays.copyOf(message, random.nextInt(message.length + 1));
			}
			try {
				Packet packet = this.decoder.decodeBinary(message);
				assertThat(packet.namespace()).isNotNull();
				valid++;
			}
			catch (PacketParseException ex) {
				// expected for most
			}
			catch (Throwable ex) {
				fail("Unexpected " + ex + " for " + HEX.formatHex(message), ex);
			}
		}
		assertThat(valid).isGreaterThan(100);
	}

	private void assertEncoded(Packet packet, String expectedHex) {
		byte[] encoded = this.encoder.encode(packet);
		assertThat(HEX.formatHex(encoded)).isEqualTo(expectedHex);
		assertThat(MsgpackPacketEncoder.typeOf(encoded)).isIn(packet.type(),
				packet.type().isAck() ? PacketType.ACK : PacketType.EVENT);
	}

	private void assertDecoded(String message, Packet expected) throws PacketParseException {
		assertThat(this.decoder.decodeBinary(hex(message))).isEqualTo(expected);
	}

	private static byte[] hex(String hex) {
		return HEX.parseHex(hex);
	}

	record Point(int x, int y) {
	}

}
