package io.github.springsocketio.protocol;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BigIntegerNode;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.DoubleNode;
import tools.jackson.databind.node.FloatNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.ShortNode;

import io.github.springsocketio.protocol.Notepack.NotepackException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Notepack}. The messages are the bytes captured from Node.js
 * {@code @socket.io/redis-adapter} 8.3.0 and {@code @socket.io/redis-emitter} 5.1.0
 * ({@code /work/shared/redis-adapter-wire.md}); the other vectors come from
 * {@code notepack.io} 3.0.1 on Node.js 20 ({@code encode(value).toString("hex")} and
 * {@code JSON.stringify(decode(bytes))}), unless a test says that this codec
 * deliberately differs.
 */
class NotepackTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	// Messages captured from the Node.js adapter and emitter

	/** §1: {@code io.to(room).emit("news", "hello from B", 42)}, room channel. */
	private static final String ROOM_BROADCAST = """
			93 a6 4a 69 41 63 4b 52 83 a4 74 79 70 65 02 a4
			64 61 74 61 93 a4 6e 65 77 73 ac 68 65 6c 6c 6f
			20 66 72 6f 6d 20 42 2a a3 6e 73 70 a1 2f 83 a5
			72 6f 6f 6d 73 91 ad 72 6f 6f 6d 2d 34 64 36 39
			38 61 61 64 a6 65 78 63 65 70 74 90 a5 66 6c 61
			67 73 80""";

	/** §2: {@code socket.broadcast.emit("shout", "to everyone", {n: 7})}. */
	private static final String BROADCAST = """
			93 a6 5f 74 33 69 30 6c 83 a4 74 79 70 65 02 a4
			64 61 74 61 93 a5 73 68 6f 75 74 ab 74 6f 20 65
			76 65 72 79 6f 6e 65 81 a1 6e 07 a3 6e 73 70 a1
			2f 83 a5 72 6f 6f 6d 73 90 a6 65 78 63 65 70 74
			91 b4 5f 52 6a 4b 66 71 37 65 2d 65 36 38 4a 69
			39 7a 41 41 41 52 a5 66 6c 61 67 73 80""";

	/** §3: {@code io.to("r1").to("r2").emit("multi", 1)}. */
	private static final String TWO_ROOMS = """
			93 a6 66 53 31 77 4e 31 83 a4 74 79 70 65 02 a4
			64 61 74 61 92 a5 6d 75 6c 74 69 01 a3 6e 73 70
			a1 2f 83 a5 72 6f 6f 6d 73 92 a2 72 31 a2 72 32
			a6 65 78 63 65 70 74 90 a5 66 6c 61 67 73 80""";

	/** §4: a broadcast with three Buffers, one of them nested and one empty. */
	private static final String BINARY = """
			93 a6 4a 5a 45 38 45 48 83 a4 74 79 70 65 02 a4
			64 61 74 61 94 a4 62 6c 6f 62 c4 10 62 69 6e 61
			72 79 20 62 72 6f 61 64 63 61 73 74 81 a6 6e 65
			73 74 65 64 91 c4 03 01 02 03 c4 00 a3 6e 73 70
			a1 2f 83 a5 72 6f 6f 6d 73 90 a6 65 78 63 65 70
			74 91 b4 34 69 4d 64 62 70 42 51 6a 6a 76 37 42
			4a 58 7a 41 41 41 54 a5 66 6c 61 67 73 80""";

	/** §6: {@code emitter.to(room).emit("news", "from the emitter", {n: 1})}. */
	private static final String EMITTER_ROOM = """
			93 a7 65 6d 69 74 74 65 72 83 a4 74 79 70 65 02
			a4 64 61 74 61 93 a4 6e 65 77 73 b0 66 72 6f 6d
			20 74 68 65 20 65 6d 69 74 74 65 72 81 a1 6e 01
			a3 6e 73 70 a1 2f 83 a5 72 6f 6f 6d 73 91 b0 65
			6d 2d 72 6f 6f 6d 2d 63 35 65 63 32 36 32 39 a5
			66 6c 61 67 73 80 a6 65 78 63 65 70 74 90""";

	/** §6: {@code emitter.emit("all", "to everyone")}. */
	private static final String EMITTER_ALL = """
			93 a7 65 6d 69 74 74 65 72 83 a4 74 79 70 65 02
			a4 64 61 74 61 92 a3 61 6c 6c ab 74 6f 20 65 76
			65 72 79 6f 6e 65 a3 6e 73 70 a1 2f 83 a5 72 6f
			6f 6d 73 90 a5 66 6c 61 67 73 80 a6 65 78 63 65
			70 74 90""";

	/** §7: a client's answer to a broadcast with acknowledgement (type 9). */
	private static final String ACK_RESPONSE = """
			83 a4 74 79 70 65 09 a9 72 65 71 75 65 73 74 49
			64 a6 71 5a 32 46 5f 63 a6 70 61 63 6b 65 74 a6
			61 6e 73 77 65 72""";

	@Test
	void roomBroadcast() {
		assertRoundTrip(ROOM_BROADCAST, """
				["JiAcKR", {"type":2,"data":["news","hello from B",42],"nsp":"/"},
				{"rooms":["room-4d698aad"],"except":[],"flags":{}}]""");
		assertThat(bytes(ROOM_BROADCAST)).hasSize(83);
	}

	@Test
	void broadcastToAllButSender() {
		assertRoundTrip(BROADCAST, """
				["_t3i0l", {"type":2,"data":["shout","to everyone",{"n":7}],"nsp":"/"},
				{"rooms":[],"except":["_RjKfq7e-e68Ji9zAAAR"],"flags":{}}]""");
		assertThat(bytes(BROADCAST)).hasSize(93);
	}

	@Test
	void broadcastToTwoRooms() {
		assertRoundTrip(TWO_ROOMS, """
				["fS1wN1", {"type":2,"data":["multi",1],"nsp":"/"},
				{"rooms":["r1","r2"],"except":[],"flags":{}}]""");
	}

	@Test
	void binaryBroadcast() {
		byte[] bytes = bytes(BINARY);
		assertThat(bytes).hasSize(110);
		JsonNode decoded = Notepack.decode(bytes);
		ArrayNode data = (ArrayNode) decoded.get(1).get("data");
		assertThat(data.get(0).stringValue()).isEqualTo("blob");
		assertThat(data.get(1)).isEqualTo(BinaryNode.valueOf("binary broadcast".getBytes()));
		assertThat(data.get(2).get("nested").get(0)).isEqualTo(BinaryNode.valueOf(new byte[] { 1, 2, 3 }));
		assertThat(data.get(3)).isEqualTo(BinaryNode.valueOf(new byte[0]));
		assertThat(decoded.get(2)).isEqualTo(json("{\"rooms\":[],\"except\":[\"4iMdbpBQjjv7BJXzAAAT\"],\"flags\":{}}"));
		assertThat(Notepack.encode(decoded)).isEqualTo(bytes);
	}

	@Test
	void emitterKeepsItsKeyOrder() {
		assertRoundTrip(EMITTER_ROOM, """
				["emitter", {"type":2,"data":["news","from the emitter",{"n":1}],"nsp":"/"},
				{"rooms":["em-room-c5ec2629"],"flags":{},"except":[]}]""");
		assertRoundTrip(EMITTER_ALL, """
				["emitter", {"type":2,"data":["all","to everyone"],"nsp":"/"},
				{"rooms":[],"flags":{},"except":[]}]""");
		JsonNode options = Notepack.decode(bytes(EMITTER_ALL)).get(2);
		assertThat(options.propertyNames()).containsExactly("rooms", "flags", "except");
	}

	@Test
	void ackResponse() {
		assertRoundTrip(ACK_RESPONSE, "{\"type\":9,\"requestId\":\"qZ2F_c\",\"packet\":\"answer\"}");
	}

	@Test
	void broadcastWithAckRequest() {
		JsonNode request = json("""
				{"uid":"fS1wN1","requestId":"qZ2F_c","type":7,"packet":{"type":2,"data":["q","question?"],"nsp":"/"},
				"opts":{"rooms":[],"except":[],"flags":{"timeout":1000}}}""");
		byte[] bytes = Notepack.encode(request);
		// notepack.io 3.0.1 on Node.js 20; flags: {timeout: 1000} is a7 timeout cd 03 e8
		assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(
				"85a3756964a6665331774e31a9726571756573744964a6715a32465f63"
				+ "a47479706507a67061636b657483a47479706502a46461746192a171a97175657374696f6e3fa36e7370a12f"
				+ "a46f70747383a5726f6f6d7390a665786365707490a5666c61677381a774696d656f7574cd03e8");
		assertThat(Notepack.decode(bytes)).isEqualTo(request);
	}

	// Numbers (§5 of the capture)

	static Stream<Arguments> integers() {
		return Stream.of(Arguments.of(IntNode.valueOf(0), "00"), Arguments.of(IntNode.valueOf(1), "01"),
				Arguments.of(IntNode.valueOf(127), "7f"), Arguments.of(IntNode.valueOf(128), "cc 80"),
				Arguments.of(IntNode.valueOf(255), "cc ff"), Arguments.of(IntNode.valueOf(256), "cd 01 00"),
				Arguments.of(IntNode.valueOf(65535), "cd ff ff"),
				Arguments.of(IntNode.valueOf(65536), "ce 00 01 00 00"),
				Arguments.of(LongNode.valueOf(4294967295L), "ce ff ff ff ff"),
				Arguments.of(LongNode.valueOf(4294967296L), "cf 00 00 00 01 00 00 00 00"),
				Arguments.of(LongNode.valueOf((1L << 53) - 1), "cf 00 1f ff ff ff ff ff ff"),
				Arguments.of(IntNode.valueOf(-1), "ff"), Arguments.of(IntNode.valueOf(-32), "e0"),
				Arguments.of(IntNode.valueOf(-33), "d0 df"), Arguments.of(IntNode.valueOf(-128), "d0 80"),
				Arguments.of(IntNode.valueOf(-129), "d1 ff 7f"), Arguments.of(IntNode.valueOf(-32768), "d1 80 00"),
				Arguments.of(IntNode.valueOf(-32769), "d2 ff ff 7f ff"),
				Arguments.of(IntNode.valueOf(Integer.MIN_VALUE), "d2 80 00 00 00"),
				Arguments.of(LongNode.valueOf(Integer.MIN_VALUE - 1L), "d3 ff ff ff ff 7f ff ff ff"),
				Arguments.of(LongNode.valueOf(-((1L << 53) - 1)), "d3 ff e0 00 00 00 00 00 01"),
				Arguments.of(LongNode.valueOf(1L << 60), "cf 10 00 00 00 00 00 00 00"),
				Arguments.of(LongNode.valueOf(-(1L << 60)), "d3 f0 00 00 00 00 00 00 00"),
				Arguments.of(BigIntegerNode.valueOf(BigInteger.ONE.shiftLeft(63)), "cf 80 00 00 00 00 00 00 00"),
				Arguments.of(LongNode.valueOf(Long.MIN_VALUE), "d3 80 00 00 00 00 00 00 00"),
				Arguments.of(BigIntegerNode.valueOf(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)),
						"cf ff ff ff ff ff ff ff ff"));
	}

	@ParameterizedTest
	@MethodSource("integers")
	void integer(JsonNode value, String hex) {
		assertThat(Notepack.encode(value)).isEqualTo(bytes(hex));
		assertThat(Notepack.decode(bytes(hex))).isEqualTo(value);
		BigInteger exact = value.bigIntegerValue();
		// the same number as any other node type takes the same form
		assertThat(Notepack.encode(BigIntegerNode.valueOf(exact))).isEqualTo(bytes(hex));
		assertThat(Notepack.encode(DecimalNode.valueOf(new BigDecimal(exact)))).isEqualTo(bytes(hex));
		assertThat(Notepack.encode(DecimalNode.valueOf(new BigDecimal(exact).setScale(2)))).isEqualTo(bytes(hex));
		if (exact.bitLength() <= 53 || exact.getLowestSetBit() >= 11) {
			assertThat(Notepack.encode(DoubleNode.valueOf(exact.doubleValue()))).isEqualTo(bytes(hex));
		}
	}

	static Stream<Arguments> doubles() {
		return Stream.of(Arguments.of(0.5, "cb 3f e0 00 00 00 00 00 00"),
				Arguments.of(-1.25, "cb bf f4 00 00 00 00 00 00"), Arguments.of(0.1, "cb 3f b9 99 99 99 99 99 9a"),
				Arguments.of(1.5e-7, "cb 3e 84 21 f5 f4 0d 83 76"),
				Arguments.of(Double.NaN, "cb 7f f8 00 00 00 00 00 00"),
				Arguments.of(Double.POSITIVE_INFINITY, "cb 7f f0 00 00 00 00 00 00"),
				Arguments.of(Double.NEGATIVE_INFINITY, "cb ff f0 00 00 00 00 00 00"));
	}

	@ParameterizedTest
	@MethodSource("doubles")
	void nonIntegralNumber(double value, String hex) {
		assertThat(Notepack.encode(DoubleNode.valueOf(value))).isEqualTo(bytes(hex));
		assertThat(Notepack.decode(bytes(hex))).isEqualTo(DoubleNode.valueOf(value));
	}

	@Test
	void negativeZeroIsZero() {
		// notepack.io: Math.floor(-0) === -0 and -0 >= 0
		assertThat(Notepack.encode(DoubleNode.valueOf(-0.0))).isEqualTo(bytes("00"));
		assertThat(Notepack.encode(FloatNode.valueOf(-0.0f))).isEqualTo(bytes("00"));
		assertThat(Notepack.encode(DecimalNode.valueOf(new BigDecimal("-0.00")))).isEqualTo(bytes("00"));
	}

	@Test
	void integralDoublesBeyondIntegerFormsAreFloat64() {
		// notepack.io truncates them: 1e300 -> cf 00.., 1e21 -> cf 35 c9 ad c5 de a0 00 00,
		// 2^64 -> cf 00.., -2^63 - 4096 -> d3 7f ff ff ff ff ff f0 00; this codec keeps them
		assertThat(Notepack.encode(DoubleNode.valueOf(1e300))).isEqualTo(bytes("cb 7e 37 e4 3c 88 00 75 9c"));
		assertThat(Notepack.encode(DoubleNode.valueOf(1e21))).isEqualTo(bytes("cb 44 4b 1a e4 d6 e2 ef 50"));
		assertThat(Notepack.encode(DoubleNode.valueOf(0x1p64))).isEqualTo(bytes("cb 43 f0 00 00 00 00 00 00"));
		assertThat(Notepack.encode(DoubleNode.valueOf(-0x1p63 - 4096))).isEqualTo(bytes("cb c3 e0 00 00 00 00 00 02"));
		assertThat(Notepack.encode(DoubleNode.valueOf(Double.MAX_VALUE)))
			.isEqualTo(bytes("cb 7f ef ff ff ff ff ff ff"));
		assertThat(Notepack.encode(BigIntegerNode.valueOf(BigInteger.ONE.shiftLeft(64))))
			.isEqualTo(bytes("cb 43 f0 00 00 00 00 00 00"));
		assertThat(Notepack.encode(BigIntegerNode.valueOf(BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE))))
			.isEqualTo(bytes("cb c3 e0 00 00 00 00 00 00"));
		assertThat(Notepack.encode(DecimalNode.valueOf(new BigDecimal("1E+400"))))
			.isEqualTo(bytes("cb 7f f0 00 00 00 00 00 00"));
		assertThat(Notepack.encode(DoubleNode.valueOf(0x1p63))).isEqualTo(bytes("cf 80 00 00 00 00 00 00 00"));
		assertThat(Notepack.encode(DoubleNode.valueOf(0x1p64 - 2048))).isEqualTo(bytes("cf ff ff ff ff ff ff f8 00"));
	}

	@Test
	void otherNumberNodes() {
		assertThat(Notepack.encode(ShortNode.valueOf((short) -200))).isEqualTo(bytes("d1 ff 38"));
		// a float is widened, never written as float32 (Math.fround(0.1) in notepack.io)
		assertThat(Notepack.encode(FloatNode.valueOf(0.1f))).isEqualTo(bytes("cb 3f b9 99 99 a0 00 00 00"));
		assertThat(Notepack.encode(FloatNode.valueOf(3.0f))).isEqualTo(bytes("03"));
		assertThat(Notepack.encode(DecimalNode.valueOf(new BigDecimal("1E+2")))).isEqualTo(bytes("64"));
		assertThat(Notepack.encode(DecimalNode.valueOf(new BigDecimal("0.1"))))
			.isEqualTo(bytes("cb 3f b9 99 99 99 99 99 9a"));
		// as JavaScript sees it once converted to a number
		assertThat(Notepack.encode(DecimalNode.valueOf(new BigDecimal("1.00000000000000000001"))))
			.isEqualTo(bytes("01"));
	}

	@Test
	void decodeOtherNumberForms() {
		assertThat(Notepack.decode(bytes("ca 3f c0 00 00"))).isEqualTo(DoubleNode.valueOf(1.5));
		assertThat(Notepack.decode(bytes("ca 3d cc cc cd"))).isEqualTo(DoubleNode.valueOf(0.1f));
		assertThat(Notepack.decode(bytes("cc 05"))).isEqualTo(IntNode.valueOf(5));
		assertThat(Notepack.decode(bytes("d0 05"))).isEqualTo(IntNode.valueOf(5));
		assertThat(Notepack.decode(bytes("d3 00 00 00 00 00 00 00 05"))).isEqualTo(IntNode.valueOf(5));
		assertThat(Notepack.decode(bytes("cf 7f ff ff ff ff ff ff ff"))).isEqualTo(LongNode.valueOf(Long.MAX_VALUE));
		assertThat(Notepack.decode(bytes("ce 80 00 00 00"))).isEqualTo(LongNode.valueOf(0x80000000L));
		assertThat(Notepack.decode(bytes("d3 7f ff ff ff ff ff ff ff"))).isEqualTo(LongNode.valueOf(Long.MAX_VALUE));
	}

	// Vectors from notepack.io 3.0.1 on Node.js 20

	static Stream<Arguments> nodeVectors() {
		return Stream.of(
				// {a:{b:[1,{c:"d"}],e:null},f:[true,false,"x"],g:{}}
				Arguments.of("{\"a\":{\"b\":[1,{\"c\":\"d\"}],\"e\":null},\"f\":[true,false,\"x\"],\"g\":{}}",
						"83a16182a162920181a163a164a165c0a16693c3c2a178a16780"),
				Arguments.of("\"café-ж-中-🚀\"", "b1636166c3a92dd0b62de4b8ad2df09f9a80"),
				// "🚀".repeat(9) + "é".repeat(8): 52 bytes
				Arguments.of("\"" + "🚀".repeat(9) + "é".repeat(8) + "\"",
						"d934" + "f09f9a80".repeat(9) + "c3a9".repeat(8)),
				Arguments.of("{\"ключ\":\"значение\",\"🔑\":1}",
						"82a8d0bad0bbd18ed187b0d0b7d0bdd0b0d187d0b5d0bdd0b8d0b5a4f09f949101"),
				Arguments.of("[\"multi\",1,-1,null,true,false,[],{}]", "98a56d756c746901ffc0c3c29080"));
	}

	@ParameterizedTest
	@MethodSource("nodeVectors")
	void matchesNotepack(String json, String hex) {
		assertRoundTrip(hex, json);
	}

	@Test
	void undefinedIsNilInArraysAndLeftOutOfObjects() {
		// [1, undefined, 2] and {a: 1, b: undefined, c: 2}
		ArrayNode array = NODES.arrayNode().add(1).add(MissingNode.getInstance()).add(2);
		assertThat(Notepack.encode(array)).isEqualTo(bytes("93 01 c0 02"));
		ObjectNode object = NODES.objectNode();
		object.put("a", 1).set("b", MissingNode.getInstance());
		object.put("c", 2);
		assertThat(Notepack.encode(object)).isEqualTo(bytes("82 a1 61 01 a1 63 02"));
		assertThat(Notepack.encode(MissingNode.getInstance())).isEqualTo(bytes("c0"));
		assertThat(Notepack.encode(NODES.nullNode())).isEqualTo(bytes("c0"));
	}

	@Test
	void loneSurrogatesAreReplacementCharacters() {
		// notepack.io writes U+FFFD for strings over 32 UTF-16 units, and garbage for
		// shorter ones ("\ud800" -> a4 f0 90 80 80, "a\udc00b" -> a5 61 f0 90 81 a2)
		assertThat(Notepack.encode(NODES.stringNode("x".repeat(40) + "\ud83d")))
			.isEqualTo(bytes("d92b" + "78".repeat(40) + "efbfbd"));
		assertThat(Notepack.encode(NODES.stringNode("\ud800"))).isEqualTo(bytes("a3 ef bf bd"));
		assertThat(Notepack.encode(NODES.stringNode("a\udc00b"))).isEqualTo(bytes("a5 61 ef bf bd 62"));
	}

	@Test
	void integerKeysKeepTheirPosition() {
		// notepack.io writes {b:1, 1:2, a:3, 0:4} as 84 a130 04 a131 02 a162 01 a161 03
		// (JavaScript puts integer keys first); a tree keeps its own order
		ObjectNode object = NODES.objectNode().put("b", 1).put("1", 2).put("a", 3).put("0", 4);
		assertThat(Notepack.encode(object)).isEqualTo(bytes("84 a162 01 a131 02 a161 03 a130 04"));
		assertThat(Notepack.decode(bytes("84 a130 04 a131 02 a162 01 a161 03")).propertyNames())
			.containsExactly("0", "1", "b", "a");
	}

	@Test
	void pojoNodes() {
		assertThat(Notepack.encode(NODES.pojoNode(new byte[] { 7 }))).isEqualTo(bytes("c4 01 07"));
		assertThat(Notepack.encode(NODES.pojoNode(null))).isEqualTo(bytes("c0"));
		assertThatExceptionOfType(NotepackException.class)
			.isThrownBy(() -> Notepack.encode(NODES.pojoNode(new Object())));
	}

	// Length boundaries

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 31, 32, 255, 256, 65535, 65536 })
	void stringLengths(int length) {
		String value = "s".repeat(length);
		String header = (length < 32) ? hex(0xa0 | length)
				: (length < 256) ? "d9" + hex(length) : (length < 65536) ? "da" + hex16(length) : "db" + hex32(length);
		assertHeader(NODES.stringNode(value), header);
	}

	@Test
	void multiByteStringLengthsCountBytes() {
		// 11 "é" are 22 bytes, 16 are 32
		assertHeader(NODES.stringNode("é".repeat(11)), "b6");
		assertHeader(NODES.stringNode("é".repeat(16)), "d9 20");
		assertHeader(NODES.stringNode("🚀".repeat(64)), "da 01 00");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 255, 256, 65535, 65536 })
	void binaryLengths(int length) {
		// notepack.io: Buffer.alloc(0) c400, 255 c4ff, 256 c50100, 65535 c5ffff, 65536 c600010000
		byte[] data = new byte[length];
		Arrays.fill(data, (byte) 0xab);
		String header = (length < 256) ? "c4" + hex(length)
				: (length < 65536) ? "c5" + hex16(length) : "c6" + hex32(length);
		assertHeader(BinaryNode.valueOf(data), header);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 15, 16, 65535, 65536 })
	void arrayLengths(int length) {
		ArrayNode array = NODES.arrayNode();
		for (int i = 0; i < length; i++) {
			array.add(0);
		}
		String header = (length < 16) ? hex(0x90 | length)
				: (length < 65536) ? "dc" + hex16(length) : "dd" + hex32(length);
		assertHeader(array, header);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 15, 16, 65535, 65536 })
	void mapLengths(int length) {
		ObjectNode map = NODES.objectNode();
		for (int i = 0; i < length; i++) {
			map.put("k" + i, 0);
		}
		String header = (length < 16) ? hex(0x80 | length)
				: (length < 65536) ? "de" + hex16(length) : "df" + hex32(length);
		assertHeader(map, header);
		// notepack.io: 15 keys 66 bytes, 16 keys 73, 65535 keys 513173, 65536 keys 513183
		int expected = switch (length) {
			case 15 -> 66;
			case 16 -> 73;
			case 65535 -> 513173;
			case 65536 -> 513183;
			default -> 1;
		};
		assertThat(Notepack.encode(map)).hasSize(expected);
	}

	@Test
	void longFormsAreReadForShortValues() {
		assertThat(Notepack.decode(bytes("d9 01 61"))).isEqualTo(NODES.stringNode("a"));
		assertThat(Notepack.decode(bytes("da 00 01 61"))).isEqualTo(NODES.stringNode("a"));
		assertThat(Notepack.decode(bytes("db 00 00 00 01 61"))).isEqualTo(NODES.stringNode("a"));
		assertThat(Notepack.decode(bytes("c5 00 01 07"))).isEqualTo(BinaryNode.valueOf(new byte[] { 7 }));
		assertThat(Notepack.decode(bytes("c6 00 00 00 01 07"))).isEqualTo(BinaryNode.valueOf(new byte[] { 7 }));
		assertThat(Notepack.decode(bytes("dc 00 01 01"))).isEqualTo(json("[1]"));
		assertThat(Notepack.decode(bytes("dd 00 00 00 01 01"))).isEqualTo(json("[1]"));
		assertThat(Notepack.decode(bytes("de 00 01 a1 61 01"))).isEqualTo(json("{\"a\":1}"));
		assertThat(Notepack.decode(bytes("df 00 00 00 01 a1 61 01"))).isEqualTo(json("{\"a\":1}"));
	}

	// Extension types

	@Test
	void oldUndefined() {
		// notepack.io: [undefined, undefined, 1] and {b: 1}
		assertThat(Notepack.decode(bytes("93 d4 00 00 d4 00 05 01"))).isEqualTo(json("[null,null,1]"));
		assertThat(Notepack.decode(bytes("82 a1 61 d4 00 00 a1 62 01"))).isEqualTo(json("{\"b\":1}"));
		// a later undefined value removes an earlier one, as in JavaScript
		assertThat(Notepack.decode(bytes("82 a1 61 01 a1 61 d4 00 00"))).isEqualTo(json("{}"));
		assertThat(Notepack.decode(bytes("d4 00 00"))).isEqualTo(NODES.nullNode());
	}

	@Test
	void oldArrayBuffer() {
		BinaryNode expected = BinaryNode.valueOf(new byte[] { 1, 2, 3 });
		assertThat(Notepack.decode(bytes("c7 03 00 01 02 03"))).isEqualTo(expected);
		assertThat(Notepack.decode(bytes("c8 00 03 00 01 02 03"))).isEqualTo(expected);
		assertThat(Notepack.decode(bytes("c9 00 00 00 03 00 01 02 03"))).isEqualTo(expected);
		assertThat(Notepack.decode(bytes("c7 00 00"))).isEqualTo(BinaryNode.valueOf(new byte[0]));
		// fixext of type 0 (notepack.io would return [0, <Buffer>])
		assertThat(Notepack.decode(bytes("d5 00 ff ff"))).isEqualTo(BinaryNode.valueOf(new byte[] { -1, -1 }));
		assertThat(Notepack.decode(bytes("d6 00 01 02 03 04")))
			.isEqualTo(BinaryNode.valueOf(new byte[] { 1, 2, 3, 4 }));
		assertThat(Notepack.decode(bytes("d8 00" + "07".repeat(16)))).isEqualTo(BinaryNode.valueOf(filled(16, 7)));
	}

	static Stream<Arguments> dates() {
		return Stream.of(Arguments.of("d6 ff 6b 08 e4 05", "2026-11-27T01:59:33.000Z"),
				Arguments.of("d6 ff 00 00 00 00", "1970-01-01T00:00:00.000Z"),
				Arguments.of("d7 ff 1d 53 53 00 6b 08 e4 05", "2026-11-27T01:59:33.123Z"),
				Arguments.of("d7 ff 00 00 00 03 00 00 00 00", "2378-04-22T19:24:48.000Z"),
				Arguments.of("c7 0c ff 3b 8b 87 c0 ff ff ff ff ff ff ff ff", "1969-12-31T23:59:59.999Z"),
				Arguments.of("c7 0c ff 00 4c 4b 40 00 00 00 07 91 5e cc 00", "3000-01-01T00:00:00.005Z"),
				Arguments.of("c7 0c ff 3b 8b 87 c0 00 00 00 3a ff f4 41 7f", "9999-12-31T23:59:59.999Z"),
				Arguments.of("c7 0c ff 00 00 00 00 00 00 00 3a ff f4 41 80", "+010000-01-01T00:00:00.000Z"),
				Arguments.of("c7 0c ff 00 00 00 00 00 00 07 db a8 21 80 00", "+275760-09-13T00:00:00.000Z"),
				Arguments.of("c7 0c ff 00 00 00 00 ff ff f8 24 57 de 80 00", "-271821-04-20T00:00:00.000Z"),
				Arguments.of("c7 0c ff 00 00 00 00 ff ff ff f1 84 aa 50 80", "-000001-01-01T00:00:00.000Z"),
				// old-style Date: int64 milliseconds
				Arguments.of("d7 00 00 00 01 9c c2 ff 34 83", "2026-03-06T11:53:50.979Z"),
				Arguments.of("d7 00 00 00 00 00 00 00 00 00", "1970-01-01T00:00:00.000Z"));
	}

	@ParameterizedTest
	@MethodSource("dates")
	void dateIsItsJsonText(String hex, String iso) {
		assertThat(Notepack.decode(bytes(hex))).isEqualTo(NODES.stringNode(iso));
	}

	@Test
	void invalidDateIsNull() {
		// notepack.io: Invalid Date, which JSON.stringify writes as null
		assertThat(Notepack.decode(bytes("d7 00 80 00 00 00 00 00 00 00"))).isEqualTo(NODES.nullNode());
		assertThat(Notepack.decode(bytes("c7 0c ff 00 00 00 00 00 00 07 db a8 21 80 01"))).isEqualTo(NODES.nullNode());
		assertThat(Notepack.decode(bytes("c7 0c ff 00 00 00 00 7f ff ff ff ff ff ff ff"))).isEqualTo(NODES.nullNode());
	}

	@ParameterizedTest
	@ValueSource(strings = { "d4 05 0a", "d5 01 00 00", "d6 7f 00 00 00 00", "d7 02 00 00 00 00 00 00 00 00",
			"d8 ff 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", "d4 ff 00", "d5 ff 00 00", "c7 01 05 00",
			"c7 04 ff 00 00 00 00", "c8 00 0c ff 00 00 00 00 00 00 00 00 00 00 00 00", "c9 00 00 00 00 01" })
	void unknownExtensionTypesAreRefused(String hex) {
		assertThatExceptionOfType(NotepackException.class).isThrownBy(() -> Notepack.decode(bytes(hex)))
			.withMessageContaining("extension type");
	}

	// Map keys

	@Test
	void numberKeysAreText() {
		// notepack.io: {"1":"a"}, {"0.5":"a"}
		assertThat(Notepack.decode(bytes("81 01 a1 61"))).isEqualTo(json("{\"1\":\"a\"}"));
		assertThat(Notepack.decode(bytes("81 cb 3f e0 00 00 00 00 00 00 a1 61"))).isEqualTo(json("{\"0.5\":\"a\"}"));
		assertThat(Notepack.decode(bytes("81 ff c0")).has("-1")).isTrue();
		assertThat(Notepack.decode(bytes("81 cf 80 00 00 00 00 00 00 00 c0")).has("9223372036854775808")).isTrue();
		assertThat(Notepack.decode(bytes("81 d3 80 00 00 00 00 00 00 00 c0")).has("-9223372036854775808")).isTrue();
		assertThat(Notepack.decode(bytes("81 cb 44 4b 1a e4 d6 e2 ef 50 c0")).has("1e+21")).isTrue();
		assertThat(Notepack.decode(bytes("81 cb 3e 84 21 f5 f4 0d 83 76 c0")).has("1.5e-7")).isTrue();
		assertThat(Notepack.decode(bytes("81 cb 3f 50 62 4d d2 f1 a9 fc c0")).has("0.001")).isTrue();
		assertThat(Notepack.decode(bytes("81 cb 80 00 00 00 00 00 00 00 c0")).has("0")).isTrue();
		assertThat(Notepack.decode(bytes("81 cb 7f f8 00 00 00 00 00 00 c0")).has("NaN")).isTrue();
		assertThat(Notepack.decode(bytes("81 ca 3f c0 00 00 c0")).has("1.5")).isTrue();
		assertThat(Notepack.decode(bytes("81 cb 43 30 00 00 00 00 00 00 c0")).has("4503599627370496")).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "81 c0 01", "81 c3 01", "81 90 01", "81 80 01", "81 c4 00 01", "81 d6 ff 00 00 00 00 01",
			"81 d4 00 00 01" })
	void otherKeysAreRefused(String hex) {
		assertThatExceptionOfType(NotepackException.class).isThrownBy(() -> Notepack.decode(bytes(hex)))
			.withMessageContaining("map key");
	}

	@Test
	void duplicateKeyKeepsFirstPositionAndLastValue() {
		JsonNode decoded = Notepack.decode(bytes("83 a1 61 01 a1 62 02 a1 61 03"));
		assertThat(decoded).isEqualTo(json("{\"a\":3,\"b\":2}"));
		assertThat(decoded.propertyNames()).containsExactly("a", "b");
	}

	// Malformed input

	@Test
	void everyTruncationIsRefused() {
		for (String hex : List.of(ROOM_BROADCAST, BROADCAST, BINARY, EMITTER_ROOM, ACK_RESPONSE,
				"cf 80 00 00 00 00 00 00 00", "cb 3f e0 00 00 00 00 00 00",
				"c7 0c ff 3b 8b 87 c0 ff ff ff ff ff ff ff ff",
				"d7 00 00 00 01 9c c2 ff 34 83", "d6 ff 6b 08 e4 05", "d4 00 00", "c8 00 03 00 01 02 03",
				"de 00 01 a1 61 01", "dd 00 00 00 01 01", "db 00 00 00 01 61", "c6 00 00 00 01 07")) {
			byte[] bytes = bytes(hex);
			for (int length = 0; length < bytes.length; length++) {
				byte[] truncated = Arrays.copyOf(bytes, length);
				assertThatExceptionOfType(NotepackException.class).as("%s cut at %d", hex, length)
					.isThrownBy(() -> Notepack.decode(truncated));
			}
			Notepack.decode(bytes);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "db ff ff ff ff", "da ff ff 61", "d9 ff", "c6 ff ff ff ff 00", "c5 ff ff", "c4 02 00",
			"dd ff ff ff ff 01", "dc ff ff 01", "df ff ff ff ff 01 01", "de ff ff a1 61 01", "9f 01",
			"c9 ff ff ff ff 00", "c8 ff ff 00", "c7 ff 00" })
	void hugeDeclaredLengthsAreRefused(String hex) {
		assertThatExceptionOfType(NotepackException.class).isThrownBy(() -> Notepack.decode(bytes(hex)))
			.withMessageContaining("Truncated");
	}

	@Test
	void nestingIsLimited() {
		assertThat(Notepack.decode(bytes("91".repeat(128) + "c0"))).isNotNull();
		assertThat(Notepack.decode(bytes("81a161".repeat(128) + "c0"))).isNotNull();
		assertThatExceptionOfType(NotepackException.class)
			.isThrownBy(() -> Notepack.decode(bytes("91".repeat(129) + "c0")))
			.withMessageContaining("128");
		assertThatExceptionOfType(NotepackException.class)
			.isThrownBy(() -> Notepack.decode(bytes("91".repeat(200) + "c0")));
		assertThatExceptionOfType(NotepackException.class)
			.isThrownBy(() -> Notepack.decode(bytes("81a161".repeat(200) + "c0")));
		assertThatExceptionOfType(NotepackException.class)
			.isThrownBy(() -> Notepack.decode(bytes("dc ff ff".repeat(200))));
		JsonNode deep = NODES.nullNode();
		for (int i = 0; i < 128; i++) {
			deep = NODES.arrayNode().add(deep);
		}
		assertThat(Notepack.encode(deep)).isEqualTo(bytes("91".repeat(128) + "c0"));
		JsonNode tooDeep = NODES.arrayNode().add(deep);
		assertThatExceptionOfType(NotepackException.class).isThrownBy(() -> Notepack.encode(tooDeep));
	}

	@ParameterizedTest
	@ValueSource(strings = { "c0 c0", "93 01 02 03 04", "a1 61 00", "d4 00 00 00" })
	void trailingBytesAreRefused(String hex) {
		assertThatExceptionOfType(NotepackException.class).isThrownBy(() -> Notepack.decode(bytes(hex)))
			.withMessageContaining("trailing");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "c1", "91 c1" })
	void invalidBytesAreRefused(String hex) {
		assertThatExceptionOfType(NotepackException.class).isThrownBy(() -> Notepack.decode(bytes(hex)));
	}

	@Test
	void invalidUtf8IsReplaced() {
		assertThat(Notepack.decode(bytes("a3 61 ff 62"))).isEqualTo(NODES.stringNode("a\ufffdb"));
	}

	@Test
	void randomBytesNeverThrowAnythingElse() {
		Random random = new Random(42);
		byte[] valid = bytes(BINARY);
		for (int i = 0; i < 20000; i++) {
			byte[] bytes = valid.clone();
			for (int j = random.nextInt(4); j >= 0; j--) {
				bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
			}
			try {
				Notepack.decode(bytes);
			}
			catch (NotepackException ex) {
				// expected for most
			}
		}
	}

	// Helpers

	private static void assertRoundTrip(String hex, String json) {
		byte[] bytes = bytes(hex);
		JsonNode decoded = Notepack.decode(bytes);
		assertThat(decoded).isEqualTo(json(json));
		assertThat(Notepack.encode(decoded)).isEqualTo(bytes);
		assertThat(Notepack.encode(json(json))).isEqualTo(bytes);
	}

	private static void assertHeader(JsonNode value, String header) {
		byte[] encoded = Notepack.encode(value);
		byte[] expected = bytes(header);
		assertThat(Arrays.copyOf(encoded, expected.length)).isEqualTo(expected);
		assertThat(Notepack.decode(encoded)).isEqualTo(value);
	}

	private static JsonNode json(String json) {
		return MAPPER.readTree(json);
	}

	private static byte[] bytes(String hex) {
		return HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
	}

	private static byte[] filled(int length, int value) {
		byte[] bytes = new byte[length];
		Arrays.fill(bytes, (byte) value);
		return bytes;
	}

	private static String hex(int value) {
		return HexFormat.of().toHexDigits((byte) value);
	}

	private static String hex16(int value) {
		return HexFormat.of().toHexDigits((short) value);
	}

	private static String hex32(int value) {
		return HexFormat.of().toHexDigits(value);
	}

}
