package io.github.springsocketio.protocol;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import static io.github.springsocketio.protocol.ProtocolTestSupport.MAPPER;
import static io.github.springsocketio.protocol.ProtocolTestSupport.array;
import static io.github.springsocketio.protocol.ProtocolTestSupport.bin;
import static io.github.springsocketio.protocol.ProtocolTestSupport.bytes;
import static io.github.springsocketio.protocol.ProtocolTestSupport.json;
import static io.github.springsocketio.protocol.ProtocolTestSupport.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PacketDecoder}. Unless stated otherwise, the inputs and the outcomes
 * (packet or error) were checked against the reference {@code socket.io-parser} 4.2.7
 * ({@code new Decoder().add(...)}); where the brief of this project is stricter than the
 * reference, the test says so.
 */
class PacketDecoderTests {

	private final PacketDecoder decoder = new PacketDecoder(MAPPER, PacketDecoder.DEFAULT_MAX_ATTACHMENTS);

	private final PacketEncoder encoder = new PacketEncoder(MAPPER);

	// Valid packets

	@Test
	void connect() throws Exception {
		assertDecoded("0", Packet.connect("/", null));
	}

	@Test
	void connectWithData() throws Exception {
		assertDecoded("0{\"token\":\"x\"}", Packet.connect("/", object("token", "x")));
	}

	@Test
	void connectToNamespace() throws Exception {
		assertDecoded("0/admin,{\"a\":1}", Packet.connect("/admin", object("a", 1)));
	}

	@Test
	void namespaceWithoutComma() throws Exception {
		assertDecoded("0/admin", Packet.connect("/admin", null));
	}

	@Test
	void namespaceWithQuery() throws Exception {
		assertDecoded("2/chat?token=1,[\"m\"]", Packet.event("/chat?token=1", array("m"), Packet.NO_ACK));
	}

	@Test
	void explicitDefaultNamespace() throws Exception {
		assertDecoded("2/,[\"a\"]", Packet.event("/", array("a"), Packet.NO_ACK));
	}

	@Test
	void disconnect() throws Exception {
		assertDecoded("1", Packet.disconnect("/"));
		assertDecoded("1/admin,", Packet.disconnect("/admin"));
	}

	@Test
	void event() throws Exception {
		assertDecoded("2[\"a\"]", Packet.event("/", array("a"), Packet.NO_ACK));
	}

	@Test
	void eventWithAckId() throws Exception {
		assertDecoded("21[\"a\"]", Packet.event("/", array("a"), 1));
		assertDecoded("2/ns,7[\"a\",1]", Packet.event("/ns", array("a", 1), 7));
	}

	@Test
	void ackIdWithLeadingZeros() throws Exception {
		assertDecoded("2007[\"a\"]", Packet.event("/", array("a"), 7));
	}

	@Test
	void ackIdOnAnyType() throws Exception {
		assertDecoded("01", new Packet(PacketType.CONNECT, "/", 1, null));
	}

	@Test
	void largestAckId() throws Exception {
		assertDecoded("29007199254740991[\"a\"]", Packet.event("/", array("a"), 9007199254740991L));
	}

	@Test
	void ack() throws Exception {
		assertDecoded("3/ns,7[]", Packet.ack("/ns", array(), 7));
		assertDecoded("31[\"x\"]", Packet.ack("/", array("x"), 1));
	}

	@Test
	void ackWithoutPayloadHasNoArguments() throws Exception {
		// the reference leaves the data undefined: an empty argument list here
		assertDecoded("31", Packet.ack("/", array(), 1));
		assertDecoded("3", Packet.ack("/", array(), Packet.NO_ACK));
	}

	@Test
	void connectError() throws Exception {
		assertDecoded("4{\"message\":\"m\"}", Packet.connectError("/", object("message", "m")));
		assertDecoded("4\"m\"", Packet.connectError("/", JsonNodeFactory.instance.stringNode("m")));
		assertDecoded("4", new Packet(PacketType.CONNECT_ERROR, "/", Packet.NO_ACK, null));
	}

	@Test
	void jsonWhitespaceIsAllowed() throws Exception {
		assertDecoded("2[ \"a\" ]", Packet.event("/", array("a"), Packet.NO_ACK));
		assertDecoded("2[\"a\"] ", Packet.event("/", array("a"), Packet.NO_ACK));
	}

	@Test
	void placeholderInPlainEventIsLeftAsIs() throws Exception {
		assertDecoded("2[\"a\",{\"_placeholder\":true,\"num\":0}]",
				Packet.event("/", array("a", object("_placeholder", true, "num", 0)), Packet.NO_ACK));
	}

	@Test
	void numbersAreKept() throws Exception {
		Packet packet = this.decoder.decodeText("2[\"a\",1.5,12345678901234567890,-0]");
		assertThat(packet.data()).isEqualTo(json("[\"a\",1.5,12345678901234567890,-0]"));
	}

	// Validation

	@ParameterizedTest
	@ValueSource(strings = { "7", "9", "a", "-", " ", "\u0660" })
	void unknownTypeIsRefused(String text) {
		assertRefused(text, "unknown packet type");
	}

	@Test
	void emptyTextIsRefused() {
		// the reference reads an empty string as a CONNECT to "/" (Number("") is 0)
		assertRefused("", "empty packet");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0[]", "0\"s\"", "0null", "01 1", "0true" })
	void connectPayloadMustBeAnObject(String text) {
		assertRefused(text, "invalid payload");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1{}", "1\"x\"", "1[]", "1/admin,{}" })
	void disconnectMustHaveNoPayload(String text) {
		assertRefused(text, "invalid payload");
	}

	@ParameterizedTest
	@ValueSource(strings = { "4[]", "4null", "41 1", "4true" })
	void connectErrorPayloadMustBeStringOrObject(String text) {
		assertRefused(text, "invalid payload");
	}

	@ParameterizedTest
	@ValueSource(strings = { "2[]", "2{}", "2\"a\"", "2[null]", "2[[\"a\"]]", "2[{}]", "2[true]" })
	void eventPayloadMustBeAnArrayStartingWithAName(String text) {
		assertRefused(text, "invalid payload");
	}

	@Test
	void eventNameMustBeAString() {
		// the reference (4.2.x) also accepts a number as event name; this project does not
		assertRefused("2[1]", "invalid payload");
		assertRefused("2[1.5,\"a\"]", "invalid payload");
	}

	@ParameterizedTest
	@ValueSource(strings = { "connect", "connect_error", "disconnect", "disconnecting", "newListener",
			"removeListener" })
	void reservedEventNamesAreRefused(String name) {
		assertRefused("2[\"" + name + "\",1]", "invalid payload");
		assertRefused("51-[\"" + name + "\",{\"_placeholder\":true,\"num\":0}]", "invalid payload");
	}

	@Test
	void nearlyReservedEventNamesAreAccepted() throws Exception {
		assertDecoded("2[\"Connect\"]", Packet.event("/", array("Connect"), Packet.NO_ACK));
		assertDecoded("2[\"disconnect \"]", Packet.event("/", array("disconnect "), Packet.NO_ACK));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2", "21", "2/admin", "2/admin,", "2/admin,1", "51-", "51-/a,3" })
	void eventWithoutPayloadIsRefused(String text) {
		// the reference accepts these with undefined data
		assertRefused(text, "invalid payload");
	}

	@ParameterizedTest
	@ValueSource(strings = { "3{}", "3\"x\"", "3null", "31 1", "61-{}", "61-\"x\"" })
	void ackPayloadMustBeAnArray(String text) {
		assertRefused(text, "invalid payload");
	}

	@ParameterizedTest
	@ValueSource(strings = { "2[\"a\"", "2[\"a\",]", "2[\"a\" \"b\"]", "2abc", "2[\"a\\x\"]", "2['a']", "2[\"a\",NaN]",
			"2[\"a\",01]", "2[\"a\",\"\u0001\"]", "0{a:1}", "0{\"a\":1,}", "0{\"a\"}", "2 ", "2[\"a\"]\u0000" })
	void invalidJsonIsRefused(String text) {
		assertRefused(text, "invalid payload");
	}

	@ParameterizedTest
	@ValueSource(strings = { "2[\"a\"]]", "2[\"a\"]x", "2[\"a\"],", "2[\"a\"][\"b\"]", "0{}{}", "0{} 1", "4\"m\"\"n\"" })
	void trailingDataIsRefused(String text) {
		assertRefused(text, "invalid payload");
	}

	@Test
	void trailingDataIsRefusedEvenIfTheMapperAllowsIt() {
		JsonMapper lenient = JsonMapper.builder()
			.disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.build();
		PacketDecoder decoder = new PacketDecoder(lenient, 10);
		assertThatExceptionOfType(PacketParseException.class).isThrownBy(() -> decoder.decodeText("2[\"a\"]x"));
		assertThatExceptionOfType(PacketParseException.class).isThrownBy(() -> decoder.decodeText("2[\"a\"][]"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "5", "51", "5-[\"a\"]", "5a-[\"a\"]", "5/a,[\"a\"]", "5 1-[\"a\"]", "51[\"a\"]", "6",
			"6-[]", "5+1-[\"a\"]", "5\u0661-[\"a\"]" })
	void binaryPacketNeedsAnAttachmentCount(String text) {
		// "5 1-" is accepted by the reference (Number(" 1") is 1)
		assertRefused(text, "Illegal attachments");
	}

	@Test
	void tooManyAttachmentsAreRefused() {
		assertRefused("511-[\"a\"]", "too many attachments");
		assertRefused("6999999999999999999999999-[]", "too many attachments");
	}

	@Test
	void maxAttachmentsIsConfigurable() throws Exception {
		PacketDecoder decoder = new PacketDecoder(MAPPER, 2);
		assertThat(decoder.decodeText("52-[\"a\"]")).isNull();
		decoder.reset();
		assertThatExceptionOfType(PacketParseException.class).isThrownBy(() -> decoder.decodeText("53-[\"a\"]"))
			.withMessage("too many attachments");
		assertThat(new PacketDecoder(MAPPER, 10).decodeText("510-[\"a\"]")).isNull();
	}

	@Test
	void noAttachmentAllowedWithZeroMax() throws Exception {
		PacketDecoder decoder = new PacketDecoder(MAPPER, 0);
		assertThatExceptionOfType(PacketParseException.class).isThrownBy(() -> decoder.decodeText("51-[\"a\"]"))
			.withMessage("too many attachments");
		assertThat(decoder.decodeText("50-[\"a\"]")).isEqualTo(Packet.event("/", array("a"), Packet.NO_ACK));
	}

	@Test
	void zeroAttachmentsCompleteAtOnce() throws Exception {
		// the reference refuses a count of 0 ("Illegal attachments"); this project accepts it
		assertDecoded("50-[\"a\"]", Packet.event("/", array("a"), Packet.NO_ACK));
		assertDecoded("60-/x,3[]", Packet.ack("/x", array(), 3));
		assertThat(this.decoder.isAwaitingAttachments()).isFalse();
		assertRefused("50-[\"a\",{\"_placeholder\":true,\"num\":0}]", "illegal attachments");
	}

	@Test
	void ackIdAboveTheLargestSafeIntegerIsRefused() {
		// the reference accepts them, losing precision
		assertRefused("29007199254740992[\"a\"]", "invalid ack id");
		assertRefused("299999999999999999999999[\"a\"]", "invalid ack id");
		assertRefused("2" + "9".repeat(10_000) + "[\"a\"]", "invalid ack id");
		assertRefused("3/x,18446744073709551617[]", "invalid ack id");
	}

	@Test
	void whitespaceIsNotAnAckIdDigit() throws Exception {
		// the reference counts white space as ack id digits (Number(" ") is 0): "2 [...]" has
		// the ack id 0 there and none here, and "2 1[...]" has the ack id 1 there and is
		// invalid JSON here
		assertDecoded("2 [\"a\"]", Packet.event("/", array("a"), Packet.NO_ACK));
		assertRefused("2 1[\"a\"]", "invalid payload");
	}

	@Test
	void commaInsideNamespaceDelimitsIt() {
		assertRefused("2/a,b,[\"x\"]", "invalid payload");
		assertRefused("2/a,,[\"x\"]", "invalid payload");
		assertRefused("2/a,1,[\"x\"]", "invalid payload");
	}

	// Binary reassembly

	@Test
	void binaryEventIsReassembled() throws Exception {
		assertThat(this.decoder.decodeText("51-[\"a\",{\"_placeholder\":true,\"num\":0}]")).isNull();
		assertThat(this.decoder.isAwaitingAttachments()).isTrue();
		Packet packet = this.decoder.decodeBinary(bytes(1, 2));
		assertThat(packet).isEqualTo(Packet.event("/", array("a", bin(1, 2)), Packet.NO_ACK));
		assertThat(packet.type()).isEqualTo(PacketType.EVENT);
		assertThat(this.decoder.isAwaitingAttachments()).isFalse();
	}

	@Test
	void placeholdersAnywhereAreReplacedAcrossCalls() throws Exception {
		assertThat(this.decoder
			.decodeText("52-/ns,9[\"a\",{\"x\":{\"_placeholder\":true,\"num\":1}},[{\"_placeholder\":true,\"num\":0}]]"))
			.isNull();
		assertThat(this.decoder.decodeBinary(bytes(1))).isNull();
		assertThat(this.decoder.isAwaitingAttachments()).isTrue();
		Packet packet = this.decoder.decodeBinary(bytes(2));
		assertThat(packet).isEqualTo(Packet.event("/ns", array("a", object("x", bin(2)), array(bin(1))), 9));
	}

	@Test
	void attachmentIsKeptNotCopied() throws Exception {
		byte[] data = bytes(1, 2);
		this.decoder.decodeText("51-[\"a\",{\"_placeholder\":true,\"num\":0}]");
		Packet packet = this.decoder.decodeBinary(data);
		assertThat(packet.data().get(1).binaryValue()).isSameAs(data);
	}

	@Test
	void binaryAckWithRepeatedPlaceholders() throws Exception {
		this.decoder.decodeText(
				"62-1[{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":0}]");
		this.decoder.decodeBinary(bytes(1));
		Packet packet = this.decoder.decodeBinary(bytes(2));
		assertThat(packet).isEqualTo(Packet.ack("/", array(bin(2), bin(1), bin(1)), 1));
		assertThat(packet.type()).isEqualTo(PacketType.ACK);
	}

	@Test
	void binaryAckWithoutPayload() throws Exception {
		// the reference returns undefined data
		assertThat(this.decoder.decodeText("61-")).isNull();
		assertThat(this.decoder.decodeBinary(bytes(7))).isEqualTo(Packet.ack("/", array(), Packet.NO_ACK));
	}

	@Test
	void placeholderWithExtraPropertiesIsReplaced() throws Exception {
		this.decoder.decodeText("51-[\"a\",{\"_placeholder\":true,\"num\":0,\"extra\":1}]");
		assertThat(this.decoder.decodeBinary(bytes(1))).isEqualTo(Packet.event("/", array("a", bin(1)), Packet.NO_ACK));
	}

	@Test
	void placeholderWithIntegralFloatingNumIsReplaced() throws Exception {
		this.decoder.decodeText("51-[\"a\",{\"_placeholder\":true,\"num\":0.0}]");
		assertThat(this.decoder.decodeBinary(bytes(1))).isEqualTo(Packet.event("/", array("a", bin(1)), Packet.NO_ACK));
	}

	@Test
	void objectWithoutTruePlaceholderIsNotAPlaceholder() throws Exception {
		this.decoder.decodeText("51-[\"a\",{\"_placeholder\":\"true\",\"num\":0},{\"_placeholder\":true,\"num\":0}]");
		assertThat(this.decoder.decodeBinary(bytes(1)))
			.isEqualTo(Packet.event("/", array("a", object("_placeholder", "true", "num", 0), bin(1)), Packet.NO_ACK));
	}

	@ParameterizedTest
	@ValueSource(strings = { "1", "-1", "\"0\"", "null", "true", "[0]", "{}", "1e300", "99999999999999999999" })
	void placeholderNumMustBeAnAttachmentIndex(String num) throws Exception {
		this.decoder.decodeText("51-[\"a\",{\"_placeholder\":true,\"num\":" + num + "}]");
		assertThatExceptionOfType(PacketParseException.class).isThrownBy(() -> this.decoder.decodeBinary(bytes(1)))
			.withMessage("illegal attachments");
		assertThat(this.decoder.isAwaitingAttachments()).isFalse();
	}

	@Test
	void placeholderNumMustBeAnInteger() throws Exception {
		// the reference replaces it with undefined (buffers[0.5])
		this.decoder.decodeText("51-[\"a\",{\"_placeholder\":true,\"num\":0.5}]");
		assertThatExceptionOfType(PacketParseException.class).isThrownBy(() -> this.decoder.decodeBinary(bytes(1)))
			.withMessage("illegal attachments");
	}

	@Test
	void placeholderNumIsRequired() throws Exception {
		this.decoder.decodeText("51-[\"a\",{\"_placeholder\":true}]");
		assertThatExceptionOfType(PacketParseException.class).isThrownBy(() -> this.decoder.decodeBinary(bytes(1)))
			.withMessage("illegal attachments");
	}

	@Test
	void textWhileAwaitingAttachmentsIsRefusedAndResets() throws Exception {
		this.decoder.decodeText("51-[\"a\",{\"_placeholder\":true,\"num\":0}]");
		assertThatExceptionOfType(PacketParseException.class).isThrownBy(() -> this.decoder.decodeText("2[\"b\"]"))
			.withMessage("got plaintext data when reconstructing a packet");
		assertThat(this.decoder.isAwaitingAttachments()).isFalse();
		assertDecoded("2[\"b\"]", Packet.event("/", array("b"), Packet.NO_ACK));
	}

	@Test
	void binaryWhenNotAwaitingIsRefused() {
		assertThatExceptionOfType(PacketParseException.class).isThrownBy(() -> this.decoder.decodeBinary(bytes(1)))
			.withMessage("got binary data when not reconstructing a packet");
	}

	@Test
	void binaryAfterCompletedPacketIsRefused() throws Exception {
		this.decoder.decodeText("51-[\"a\",{\"_placeholder\":true,\"num\":0}]");
		this.decoder.decodeBinary(bytes(1));
		assertThatExceptionOfType(PacketParseException.class).isThrownBy(() -> this.decoder.decodeBinary(bytes(2)));
	}

	@Test
	void resetDropsPartialPacket() throws Exception {
		this.decoder.decodeText("52-[\"a\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
		this.decoder.decodeBinary(bytes(1));
		this.decoder.reset();
		assertThat(this.decoder.isAwaitingAttachments()).isFalse();
		assertThatExceptionOfType(PacketParseException.class).isThrownBy(() -> this.decoder.decodeBinary(bytes(2)));
		assertDecoded("2[\"b\"]", Packet.event("/", array("b"), Packet.NO_ACK));
		// a new binary packet starts from scratch
		assertThat(this.decoder.decodeText("51-[\"c\",{\"_placeholder\":true,\"num\":0}]")).isNull();
		assertThat(this.decoder.decodeBinary(bytes(3))).isEqualTo(Packet.event("/", array("c", bin(3)), Packet.NO_ACK));
	}

	@Test
	void resetWhenIdleIsHarmless() throws Exception {
		this.decoder.reset();
		assertDecoded("2[\"b\"]", Packet.event("/", array("b"), Packet.NO_ACK));
	}

	@Test
	void invalidBinaryHeaderLeavesDecoderIdle() {
		assertRefused("51-{}", "invalid payload");
		assertThat(this.decoder.isAwaitingAttachments()).isFalse();
	}

	// Round trips

	@Test
	void roundTrips() throws Exception {
		List<Packet> packets = List.of(Packet.connect("/", null), Packet.connect("/admin", object("token", "t")),
				Packet.disconnect("/"), Packet.disconnect("/chat?x=1"),
				Packet.event("/", array("hello", 1, 2.5, true, null, object("a", array()), "\u00e9\ud83d\ude00"),
						Packet.NO_ACK),
				Packet.event("/admin", array("e"), 0), Packet.event("/", array("e"), Packet.MAX_ACK_ID),
				Packet.ack("/", array(), 5), Packet.ack("/x", array("ok", object("n", 1)), 6),
				Packet.connectError("/", object("message", "no")),
				Packet.connectError("/x", JsonNodeFactory.instance.stringNode("no")),
				Packet.event("/", array("upload", bin(1, 2, 3)), Packet.NO_ACK),
				Packet.event("/ns", array("ev", object("f", bin(1), "m", object("d", bin())), array(bin(2), array(bin(3)))),
						12),
				Packet.ack("/", array(bin(9), "x", bin(8)), 3), Packet.event("/", array("lone \ud800 x \udc00"), 1),
				Packet.event("/", array("ten", bin(0), bin(1), bin(2), bin(3), bin(4), bin(5), bin(6), bin(7), bin(8),
						bin(9)), Packet.NO_ACK));
		for (Packet packet : packets) {
			EncodedPacket encoded = this.encoder.encode(packet);
			Packet decoded = this.decoder.decodeText(encoded.text());
			for (byte[] attachment : encoded.attachments()) {
				assertThat(decoded).isNull();
				decoded = this.decoder.decodeBinary(attachment);
			}
			assertThat(decoded).as(encoded.text()).isEqualTo(packet);
			assertThat(this.decoder.isAwaitingAttachments()).isFalse();
		}
	}

	// Limits and robustness

	@Test
	void nestingWithinTheLimitIsAccepted() throws Exception {
		int depth = PacketDecoder.DEFAULT_MAX_NESTING_DEPTH;
		String text = "2[\"a\"," + "[".repeat(depth - 1) + "]".repeat(depth);
		assertThat(this.decoder.decodeText(text)).isNotNull();
	}

	@Test
	void nestingBeyondTheLimitIsRefused() {
		int depth = PacketDecoder.DEFAULT_MAX_NESTING_DEPTH + 1;
		assertRefused("2[\"a\"," + "[".repeat(depth - 1) + "]".repeat(depth), "nesting depth exceeds 128");
		assertRefused("0" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth), "nesting depth exceeds 128");
	}

	@Test
	void hugeNestingFailsCleanly() {
		assertRefused("2[\"a\"," + "[".repeat(1_000_000), "nesting depth exceeds");
		assertRefused("2[\"a\"," + "{\"a\":[".repeat(200_000), "nesting depth exceeds");
	}

	@Test
	void bracketsInStringsDoNotCount() throws Exception {
		String deep = "[".repeat(1000) + "\\\"{{{" + "{".repeat(1000);
		Packet packet = this.decoder.decodeText("2[\"" + deep + "\"]");
		assertThat(packet.data().get(0).stringValue()).startsWith("[[[").contains("\"{{{");
	}

	@Test
	void nestingLimitIsConfigurable() throws Exception {
		PacketDecoder decoder = new PacketDecoder(MAPPER, 10, 3);
		assertThat(decoder.decodeText("2[\"a\",[{}]]")).isNotNull();
		assertThatExceptionOfType(PacketParseException.class).isThrownBy(() -> decoder.decodeText("2[\"a\",[{\"b\":[]}]]"))
			.withMessageContaining("nesting depth exceeds 3");
	}

	@Test
	void mapperConstraintsApplyAsWell() {
		JsonFactory factory = JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(5).maxNumberLength(10).build())
			.build();
		PacketDecoder decoder = new PacketDecoder(JsonMapper.builder(factory).build(), 10);
		assertThatExceptionOfType(PacketParseException.class)
			.isThrownBy(() -> decoder.decodeText("2[\"a\",[[[[[[1]]]]]]]"))
			.withMessageContaining("invalid payload");
		assertThatExceptionOfType(PacketParseException.class)
			.isThrownBy(() -> decoder.decodeText("2[\"a\",123456789012345]"))
			.withMessageContaining("invalid payload");
	}

	@Test
	void overlongNumberIsRefused() {
		assertRefused("2[\"a\"," + "1".repeat(5000) + "]", "invalid payload");
	}

	@Test
	void loneSurrogatesInStringsAreKept() throws Exception {
		Packet packet = this.decoder.decodeText("2[\"a\ud800b\",\"\\udc00\",{\"\udbff\":1}]");
		assertThat(packet.data()).isEqualTo(array("a\ud800b", "\udc00", object("\udbff", 1)));
	}

	@Test
	void loneSurrogatesInNamespaceAreKept() throws Exception {
		assertDecoded("2/\ud800,[\"a\"]", Packet.event("/\ud800", array("a"), Packet.NO_ACK));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2[\"a\",\ud800]", "2\udc00[\"a\"]", "\ud800", "0{\ud800:1}", "2[\"a\"]\ud83d\ude00" })
	void loneSurrogatesOutsideStringsAreRefused(String text) {
		assertThatExceptionOfType(PacketParseException.class).isThrownBy(() -> this.decoder.decodeText(text));
	}

	@Test
	void errorResetsTheDecoder() throws Exception {
		this.decoder.decodeText("52-[\"a\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":5}]");
		this.decoder.decodeBinary(bytes(1));
		assertThatExceptionOfType(PacketParseException.class).isThrownBy(() -> this.decoder.decodeBinary(bytes(2)));
		assertThat(this.decoder.isAwaitingAttachments()).isFalse();
		assertDecoded("2[\"b\"]", Packet.event("/", array("b"), Packet.NO_ACK));
	}

	@Test
	void invalidConstructorArguments() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new PacketDecoder(MAPPER, -1));
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new PacketDecoder(MAPPER, 10, 0));
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new PacketDecoder(MAPPER, 10, PacketDecoder.MAX_NESTING_DEPTH_LIMIT + 1));
	}

	@Test
	void hugeAnnouncedAttachmentCountAllocatesNothing() throws Exception {
		PacketDecoder decoder = new PacketDecoder(MAPPER, Integer.MAX_VALUE);
		assertThat(decoder.decodeText("52147483647-[\"a\"]")).isNull();
		assertThat(decoder.decodeBinary(bytes(1))).isNull();
		assertThatExceptionOfType(PacketParseException.class)
			.isThrownBy(() -> decoder.decodeText("52147483648-[\"a\"]"))
			.withMessage("got plaintext data when reconstructing a packet");
		assertThatExceptionOfType(PacketParseException.class)
			.isThrownBy(() -> decoder.decodeText("52147483648-[\"a\"]"))
			.withMessage("too many attachments");
	}

	private void assertDecoded(String text, Packet expected) throws PacketParseException {
		Packet packet = this.decoder.decodeText(text);
		assertThat(packet).isEqualTo(expected);
		assertThat(this.decoder.isAwaitingAttachments()).isFalse();
	}

	private void assertRefused(String text, String message) {
		assertThatExceptionOfType(PacketParseException.class).isThrownBy(() -> this.decoder.decodeText(text))
			.withMessageContaining(message);
		assertThat(this.decoder.isAwaitingAttachments()).isFalse();
	}

}
