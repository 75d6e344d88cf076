package io.github.springsocketio.protocol;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.POJONode;

import static io.github.springsocketio.protocol.ProtocolTestSupport.MAPPER;
import static io.github.springsocketio.protocol.ProtocolTestSupport.array;
import static io.github.springsocketio.protocol.ProtocolTestSupport.bin;
import static io.github.springsocketio.protocol.ProtocolTestSupport.bytes;
import static io.github.springsocketio.protocol.ProtocolTestSupport.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PacketEncoder}. Unless stated otherwise, the expected texts and
 * attachments were produced by the reference {@code socket.io-parser} 4.2.7
 * ({@code new Encoder().encode(packet)}) for the equivalent JavaScript packet.
 */
class PacketEncoderTests {

	private final PacketEncoder encoder = new PacketEncoder(MAPPER);

	@Test
	void connectWithoutData() {
		assertEncoded(Packet.connect("/", null), "0");
	}

	@Test
	void connectWithData() {
		assertEncoded(Packet.connect("/", object("sid", "abc")), "0{\"sid\":\"abc\"}");
	}

	@Test
	void connectToNamespace() {
		assertEncoded(Packet.connect("/admin", object("token", "x", "n", 1)), "0/admin,{\"token\":\"x\",\"n\":1}");
	}

	@Test
	void disconnect() {
		assertEncoded(Packet.disconnect("/"), "1");
	}

	@Test
	void disconnectFromNamespace() {
		assertEncoded(Packet.disconnect("/admin"), "1/admin,");
	}

	@Test
	void event() {
		assertEncoded(Packet.event("/", array("hello", 1, true, null, object("a", array(1, 2), "b", object()), array()),
				Packet.NO_ACK), "2[\"hello\",1,true,null,{\"a\":[1,2],\"b\":{}},[]]");
	}

	@Test
	void eventWithAckId() {
		assertEncoded(Packet.event("/", array("hello"), 12), "212[\"hello\"]");
	}

	@Test
	void eventWithNamespaceAndAckIdZero() {
		assertEncoded(Packet.event("/admin", array("hi", "there"), 0), "2/admin,0[\"hi\",\"there\"]");
	}

	@Test
	void eventWithNamespaceQuery() {
		assertEncoded(Packet.event("/chat?token=1", array("m"), Packet.NO_ACK), "2/chat?token=1,[\"m\"]");
	}

	@Test
	void eventWithLargestAckId() {
		assertEncoded(Packet.event("/", array("m"), 9007199254740991L), "29007199254740991[\"m\"]");
	}

	@Test
	void ack() {
		assertEncoded(Packet.ack("/", array(), 7), "37[]");
	}

	@Test
	void ackWithNamespace() {
		assertEncoded(Packet.ack("/admin", array("ok", object("x", 1)), 7), "3/admin,7[\"ok\",{\"x\":1}]");
	}

	@Test
	void connectError() {
		assertEncoded(Packet.connectError("/", object("message", "Not authorized", "data", object("code", 401))),
				"4{\"message\":\"Not authorized\",\"data\":{\"code\":401}}");
	}

	@Test
	void connectErrorWithString() {
		assertEncoded(Packet.connectError("/admin", JsonNodeFactory.instance.stringNode("Invalid namespace")),
				"4/admin,\"Invalid namespace\"");
	}

	@Test
	void emptyNamespaceIsTheDefaultNamespace() {
		// not from the reference: like its falsy nsp, an empty namespace is left out
		assertEncoded(Packet.event("", array("m"), 1), "21[\"m\"]");
	}

	@Test
	void nullNodeDataIsLeftOut() {
		// not from the reference: a JSON null is written as no data, like a null JavaScript data
		assertEncoded(Packet.connect("/", JsonNodeFactory.instance.nullNode()), "0");
	}

	@Test
	void binaryAtTopLevel() {
		EncodedPacket encoded = assertEncoded(Packet.event("/", array("upload", bin(1, 2, 3)), Packet.NO_ACK),
				"51-[\"upload\",{\"_placeholder\":true,\"num\":0}]", bytes(1, 2, 3));
		assertThat(encoded.hasAttachments()).isTrue();
	}

	@Test
	void binaryNestedInObjects() {
		assertEncoded(
				Packet.event("/", array("ev", object("file", bin(1), "meta", object("name", "a", "data", bin(2, 3)))),
						Packet.NO_ACK),
				"52-[\"ev\",{\"file\":{\"_placeholder\":true,\"num\":0},\"meta\":{\"name\":\"a\",\"data\":"
						+ "{\"_placeholder\":true,\"num\":1}}}]",
				bytes(1), bytes(2, 3));
	}

	@Test
	void binaryNestedInArraysNumberedInDocumentOrder() {
		assertEncoded(
				Packet.event("/ns", array("ev", array(bin(1), array(bin(2))), bin(3), object("k", array(bin(4)))), 5),
				"54-/ns,5[\"ev\",[{\"_placeholder\":true,\"num\":0},[{\"_placeholder\":true,\"num\":1}]],"
						+ "{\"_placeholder\":true,\"num\":2},{\"k\":[{\"_placeholder\":true,\"num\":3}]}]",
				bytes(1), bytes(2), bytes(3), bytes(4));
	}

	@Test
	void binaryAck() {
		assertEncoded(Packet.ack("/", array(bin(9), "x"), 3), "61-3[{\"_placeholder\":true,\"num\":0},\"x\"]", bytes(9));
	}

	@Test
	void binaryAckWithNamespaceAndEmptyBinary() {
		assertEncoded(Packet.ack("/admin", array(object("a", bin())), 42),
				"61-/admin,42[{\"a\":{\"_placeholder\":true,\"num\":0}}]", bytes());
	}

	@Test
	void emptyBinary() {
		assertEncoded(Packet.event("/", array("e", bin()), Packet.NO_ACK),
				"51-[\"e\",{\"_placeholder\":true,\"num\":0}]", bytes());
	}

	@Test
	void sameBinaryTwiceIsTwoAttachments() {
		// as the reference, which pushes a buffer once per occurrence
		BinaryNode binary = bin(5);
		assertEncoded(Packet.event("/", array("e", binary, binary), Packet.NO_ACK),
				"52-[\"e\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", bytes(5), bytes(5));
	}

	@Test
	void attachmentsAreSharedNotCopied() {
		BinaryNode binary = bin(1, 2);
		EncodedPacket encoded = this.encoder.encode(Packet.event("/", array("e", binary), Packet.NO_ACK));
		assertThat(encoded.attachments().get(0)).isSameAs(binary.binaryValue());
	}

	@Test
	void inputTreeIsNotModified() {
		ArrayNode data = array("ev", object("file", bin(1), "list", array(bin(2), "x")), bin(3));
		JsonNode copy = data.deepCopy();
		this.encoder.encode(Packet.event("/", data, 1));
		assertThat(data).isEqualTo(copy);
		assertThat(data.get(1).get("file").isBinary()).isTrue();
		assertThat(data.get(1).get("list").get(0).isBinary()).isTrue();
		assertThat(data.get(2).isBinary()).isTrue();
	}

	@Test
	void binaryTypeWithoutBinaryIsSentAsPlainType() {
		assertEncoded(new Packet(PacketType.BINARY_EVENT, "/", Packet.NO_ACK, array("a")), "2[\"a\"]");
		assertEncoded(new Packet(PacketType.BINARY_ACK, "/x", 4, array("a")), "3/x,4[\"a\"]");
	}

	@Test
	void binaryTypeWithBinaryIsSentAsBinaryType() {
		assertEncoded(new Packet(PacketType.BINARY_EVENT, "/", Packet.NO_ACK, array("upload", bin(1, 2, 3))),
				"51-[\"upload\",{\"_placeholder\":true,\"num\":0}]", bytes(1, 2, 3));
		assertEncoded(new Packet(PacketType.BINARY_ACK, "/", 3, array(bin(9), "x")),
				"61-3[{\"_placeholder\":true,\"num\":0},\"x\"]", bytes(9));
	}

	@Test
	void binaryOutsideEventsAndAcksIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.encoder.encode(Packet.connect("/", object("a", bin(1)))));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.encoder.encode(Packet.connectError("/", object("a", bin(1)))));
	}

	@Test
	void invalidNamespaceIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.encoder.encode(Packet.event("chat", array("m"), Packet.NO_ACK)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.encoder.encode(Packet.event("/a,b", array("m"), Packet.NO_ACK)));
	}

	@Test
	void stringsAreEscapedAsJsonStringify() {
		String value = "quote\" back\\ slash/ nl\n cr\r tab\t bs\b ff\f ctrl\u0001 \u001f del\u007f \u00e9 "
				+ "\ud83d\ude00 \u2028\u2029 lone \ud800 x \udc00 end\udbff";
		assertEncoded(Packet.event("/", array("e", value), Packet.NO_ACK),
				"2[\"e\",\"quote\\\" back\\\\ slash/ nl\\n cr\\r tab\\t bs\\b ff\\f ctrl\\u0001 \\u001f del\u007f "
						+ "\u00e9 \ud83d\ude00 \u2028\u2029 lone \\ud800 x \\udc00 end\\udbff\"]");
	}

	@Test
	void keysAreEscapedAsJsonStringify() {
		assertEncoded(Packet.event("/", array("e", object("k\"ey\n", 1, "\u00e9", 2)), Packet.NO_ACK),
				"2[\"e\",{\"k\\\"ey\\n\":1,\"\u00e9\":2}]");
	}

	@Test
	void numbersAreWrittenAsJsonStringify() {
		ArrayNode data = array("n", 1.0, 0.1, -0.0, 1e21, 1e20, 123456789012345680000.0, 1e-7, 1e-6, 0.000001234, 1.5e300,
				Double.MIN_VALUE, -2.5, 9007199254740993.0, 1.0 / 3, 2e-7, 100.0, -1e-7, Double.MAX_VALUE, 123.456,
				4.35, 0.3, 2.82879384806159e17, 5e-7, 1e23, Math.pow(2, -44));
		assertEncoded(Packet.event("/", data, Packet.NO_ACK),
				"2[\"n\",1,0.1,0,1e+21,100000000000000000000,123456789012345680000,1e-7,0.000001,0.000001234,"
						+ "1.5e+300,5e-324,-2.5,9007199254740992,0.3333333333333333,2e-7,100,-1e-7,"
						+ "1.7976931348623157e+308,123.456,4.35,0.3,282879384806159000,5e-7,1e+23,"
						+ "5.684341886080802e-14]");
	}

	@Test
	void nonFiniteNumbersAreNull() {
		assertEncoded(Packet.event("/",
				array("n", Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Float.NaN), Packet.NO_ACK),
				"2[\"n\",null,null,null,null]");
	}

	@Test
	void otherNumberNodes() {
		// not from the reference, which has only doubles: integers are written exactly, a
		// float with its own shortest digits and a BigDecimal with all its digits, in the
		// JavaScript layout
		ArrayNode data = array("n", Long.MAX_VALUE, BigInteger.TWO.pow(70), 0.1f, 1e21f, new BigDecimal("1.50"),
				new BigDecimal("1E+3"), new BigDecimal("-0.0000001"), new BigDecimal("123456789.123456789123456789"),
				new BigDecimal("1E+30"), BigDecimal.ZERO);
		assertEncoded(Packet.event("/", data, Packet.NO_ACK), "2[\"n\",9223372036854775807,1180591620717411303424,"
				+ "0.1,1e+21,1.5,1000,-1e-7,123456789.123456789123456789,1e+30,0]");
	}

	@Test
	void pojoNodesAreConvertedWithTheMapper() {
		// not from the reference: a POJO is converted to a tree by the mapper (which makes
		// binary nodes of its byte arrays), a byte array is binary
		ArrayNode data = array("p", new POJONode(Map.of("a", List.of(1, 2))), new POJONode(null),
				new POJONode(new byte[] { 7 }), new POJONode(Map.of("b", new byte[] { 7 })));
		assertEncoded(Packet.event("/", data, Packet.NO_ACK),
				"52-[\"p\",{\"a\":[1,2]},null,{\"_placeholder\":true,\"num\":0},"
						+ "{\"b\":{\"_placeholder\":true,\"num\":1}}]", bytes(7), bytes(7));
	}

	@Test
	void missingNodesAreLeftOutOfObjectsAndNullInArrays() {
		// as undefined in JSON.stringify
		ArrayNode data = array("m", tools.jackson.databind.node.MissingNode.getInstance(),
				object("a", tools.jackson.databind.node.MissingNode.getInstance(), "b", 1));
		assertEncoded(Packet.event("/", data, Packet.NO_ACK), "2[\"m\",null,{\"b\":1}]");
	}

	@Test
	void deepTreeIsRefused() {
		ArrayNode root = array("deep");
		ArrayNode current = root;
		for (int i = 0; i < 1000; i++) {
			ArrayNode child = array();
			current.add(child);
			current = child;
		}
		assertThatIllegalArgumentException().isThrownBy(() -> this.encoder.encode(Packet.event("/", root, 1)));
	}

	@Test
	void treeOfTheLimitDepthIsWritten() {
		ArrayNode root = array("deep");
		ArrayNode current = root;
		for (int i = 1; i < 1000; i++) {
			ArrayNode child = array();
			current.add(child);
			current = child;
		}
		String text = this.encoder.encode(Packet.event("/", root, 1)).text();
		assertThat(text.length()).isEqualTo(2 + "[\"deep\",".length() + 2 * 999 + 1);
		assertThat(text).startsWith("21[\"deep\",[[").endsWith("]]");
	}

	@Test
	void packetValidatesAckId() {
		assertThatIllegalArgumentException().isThrownBy(() -> Packet.event("/", array("e"), -2));
		assertThatIllegalArgumentException().isThrownBy(() -> Packet.event("/", array("e"), Packet.MAX_ACK_ID + 1));
		assertThat(Packet.event("/", array("e"), Packet.MAX_ACK_ID).hasAck()).isTrue();
		assertThat(Packet.event("/", array("e"), 0).hasAck()).isTrue();
		assertThat(Packet.event("/", array("e"), Packet.NO_ACK).hasAck()).isFalse();
	}

	@Test
	void packetTypes() {
		assertThat(PacketType.values()).extracting(PacketType::code).containsExactly(0, 1, 2, 3, 4, 5, 6);
		for (PacketType type : PacketType.values()) {
			assertThat(PacketType.fromCode(type.code())).isSameAs(type);
		}
		assertThat(PacketType.fromCode(-1)).isNull();
		assertThat(PacketType.fromCode(7)).isNull();
		assertThat(PacketType.values()).filteredOn(PacketType::isEvent)
			.containsExactly(PacketType.EVENT, PacketType.BINARY_EVENT);
		assertThat(PacketType.values()).filteredOn(PacketType::isAck)
			.containsExactly(PacketType.ACK, PacketType.BINARY_ACK);
		assertThat(PacketType.values()).filteredOn(PacketType::isBinary)
			.containsExactly(PacketType.BINARY_EVENT, PacketType.BINARY_ACK);
	}

	private EncodedPacket assertEncoded(Packet packet, String text, byte[]... attachments) {
		EncodedPacket encoded = this.encoder.encode(packet);
		assertThat(encoded.text()).isEqualTo(text);
		assertThat(encoded.attachments()).containsExactly(attachments);
		return encoded;
	}

}
