package io.github.springsocketio.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link EngineIoV3Codec}. Expected bytes come from the reference parser,
 * the protocol 3 parser bundled with engine.io 6.6.12
 * ({@code build/parser-v3/index.js}: {@code encodePayload}, {@code encodePacket},
 * {@code decodePayload}), with strings turned into bytes by Node.js as the reference
 * server does.
 */
final class EngineIoV3CodecTests {

	private static final String OPEN_JSON = "{\"sid\":\"abc\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,"
			+ "\"pingTimeout\":5000}";

	private final EngineIoV3Codec codec = EngineIoV3Codec.INSTANCE;

	@Test
	void speaksProtocolRevisionThree() {
		assertThat(this.codec.protocolVersion()).isEqualTo(3);
	}

	@Test
	void textLengthsCountUtf16CodeUnitsLikeJavaScript() throws EngineParseException {
		List<EnginePacket> packets = List.of(EnginePacket.message("€"), EnginePacket.message("😀"),
				EnginePacket.message("é"), EnginePacket.message("a😀b€c"));
		// reference: encodePayload(packets, false) = "2:4€3:4😀2:4é7:4a😀b€c" (also with supportsBinary true)
		String expected = "323a34e282ac333a34f09f9880323a34c3a9373a3461f09f988062e282ac63";
		for (boolean supportsBinary : new boolean[] { false, true }) {
			PollingPayload payload = this.codec.encodePayload(packets, supportsBinary);
			assertThat(hex(payload.body())).isEqualTo(expected);
			assertThat(payload.contentType()).isEqualTo(PollingPayload.TEXT);
			assertThat(decodeText(payload.body())).containsExactlyElementsOf(packets);
		}
	}

	@Test
	void encodesControlPacketsInTextPayloadLikeReference() throws EngineParseException {
		List<EnginePacket> packets = List.of(EnginePacket.of(EnginePacketType.OPEN, OPEN_JSON),
				EnginePacket.of(EnginePacketType.PING, "probe"), EnginePacket.of(EnginePacketType.PONG, "probe"),
				EnginePacket.of(EnginePacketType.CLOSE, null), EnginePacket.of(EnginePacketType.UPGRADE, null),
				EnginePacket.of(EnginePacketType.NOOP, null), EnginePacket.message(""));
		// reference: "79:0{...}6:2probe6:3probe1:11:51:61:4"
		String expected = "37393a" + hex(("0" + OPEN_JSON).getBytes(StandardCharsets.UTF_8))
				+ "363a3270726f6265363a3370726f6265313a31313a35313a36313a34";
		PollingPayload payload = this.codec.encodePayload(packets, true);
		assertThat(hex(payload.body())).isEqualTo(expected);
		assertThat(decodeText(payload.body())).containsExactlyElementsOf(packets);
	}

	@Test
	void sendsBinaryPayloadWhenClientSupportsBinaryAndBatchHasBinary() throws EngineParseException {
		List<EnginePacket> packets = List.of(EnginePacket.message("hi €😀"),
				EnginePacket.binary(new byte[] { 1, 2, 3, (byte) 0xff }), EnginePacket.of(EnginePacketType.PING, null));
		PollingPayload payload = this.codec.encodePayload(packets, true);
		// reference: encodePayload(packets, true) = 00 0101 ff "4hi €😀" | 01 05 ff 04 010203ff | 00 01 ff "2"
		// (string lengths in UTF-8 bytes, binary lengths include the type byte)
		assertThat(hex(payload.body())).isEqualTo("000101ff34686920e282acf09f98800105ff04010203ff0001ff32");
		assertThat(payload.contentType()).isEqualTo(PollingPayload.BINARY);
		assertThat(decodeBinary(payload.body())).containsExactlyElementsOf(packets);
	}

	@Test
	void sendsBase64InTextPayloadWhenClientDoesNotSupportBinary() throws EngineParseException {
		List<EnginePacket> packets = List.of(EnginePacket.message("hi €😀"),
				EnginePacket.binary(new byte[] { 1, 2, 3, (byte) 0xff }), EnginePacket.of(EnginePacketType.PING, null));
		PollingPayload payload = this.codec.encodePayload(packets, false);
		// reference: encodePayload(packets, false) = "7:4hi €😀10:b4AQID/w==1:2"
		assertThat(hex(payload.body())).isEqualTo("373a34686920e282acf09f988031303a6234415149442f773d3d313a32");
		assertThat(payload.contentType()).isEqualTo(PollingPayload.TEXT);
		assertThat(decodeText(payload.body())).containsExactlyElementsOf(packets);
	}

	@Test
	void encodesEmptyAndLongerBinaryMessagesLikeReference() throws EngineParseException {
		List<EnginePacket> packets = List.of(EnginePacket.binary(new byte[0]), EnginePacket.binary(filled(12, 7)));
		// reference: encodePayload(packets, false) = "2:b418:b4BwcHBwcHBwcHBwcH"
		PollingPayload text = this.codec.encodePayload(packets, false);
		assertThat(hex(text.body())).isEqualTo("323a623431383a623442776348427763484277634842776348");
		assertThat(decodeText(text.body())).containsExactlyElementsOf(packets);
		// reference: encodePayload(packets, true) = 01 01 ff 04 | 01 0103 ff 04 07x12
		PollingPayload binary = this.codec.encodePayload(packets, true);
		assertThat(hex(binary.body())).isEqualTo("0101ff04010103ff04070707070707070707070707");
		assertThat(binary.contentType()).isEqualTo(PollingPayload.BINARY);
		assertThat(decodeBinary(binary.body())).containsExactlyElementsOf(packets);
	}

	@Test
	void encodesUnpairedSurrogatesAsReplacementCharacterLikeReference() {
		List<EnginePacket> packets = List.of(EnginePacket.message("a\uD800b"), EnginePacket.binary(new byte[] { 9 }));
		// reference: "4:4a\ud800b6:b4CQ==" sent by Node.js; the length counts the surrogate as one unit
		assertThat(hex(this.codec.encodePayload(packets, false).body())).isEqualTo("343a3461efbfbd62363a623443513d3d");
		// reference: encodePayloadAsBinary, whose utf8.encode(..., {strict: false}) writes U+FFFD
		assertThat(hex(this.codec.encodePayload(packets, true).body())).isEqualTo("0006ff3461efbfbd620102ff0409");
	}

	@Test
	void encodesWebSocketFramesLikeReference() throws EngineParseException {
		// reference: encodePacket(packet, true): "4😀", <04 01 02 03>, <04>, "3probe"
		assertThat(hex(this.codec.encodeFrame(EnginePacket.message("😀")))).isEqualTo("34f09f9880");
		assertThat(hex(this.codec.encodeFrame(EnginePacket.binary(new byte[] { 1, 2, 3 })))).isEqualTo("04010203");
		assertThat(hex(this.codec.encodeFrame(EnginePacket.binary(new byte[0])))).isEqualTo("04");
		assertThat(hex(this.codec.encodeFrame(EnginePacket.of(EnginePacketType.PONG, "probe"))))
			.isEqualTo("3370726f6265");
		assertThat(this.codec.decodeBinaryFrame(bytes("04010203"))).isEqualTo(EnginePacket.binary(new byte[] { 1, 2, 3 }));
		assertThat(this.codec.decodeBinaryFrame(bytes("04"))).isEqualTo(EnginePacket.binary(new byte[0]));
		assertThat(this.codec.decodeTextFrame("3probe")).isEqualTo(EnginePacket.of(EnginePacketType.PONG, "probe"));
		assertThat(this.codec.decodeTextFrame("4😀")).isEqualTo(EnginePacket.message("😀"));
		assertThat(this.codec.decodeTextFrame("b4AQID")).isEqualTo(EnginePacket.binary(new byte[] { 1, 2, 3 }));
	}

	@Test
	void decodesTextPayloadsLikeReference() throws EngineParseException {
		// reference decodePayload("2:4€1:2") = [message "€", ping]
		assertThat(decodeText(utf8("2:4€1:2"))).containsExactly(EnginePacket.message("€"),
				EnginePacket.of(EnginePacketType.PING, null));
		// reference decodePayload("6:b4AQID1:6") = [message <01 02 03>, noop]
		assertThat(decodeText(utf8("6:b4AQID1:6"))).containsExactly(EnginePacket.binary(new byte[] { 1, 2, 3 }),
				EnginePacket.of(EnginePacketType.NOOP, null));
		// reference: an empty packet is skipped, leading zeros are allowed, "b4" is an empty binary message
		assertThat(decodeText(utf8("0:6:4hello"))).containsExactly(EnginePacket.message("hello"));
		assertThat(decodeText(utf8("06:4hello"))).containsExactly(EnginePacket.message("hello"));
		assertThat(decodeText(utf8("2:b4"))).containsExactly(EnginePacket.binary(new byte[0]));
		// 310 length digits are accepted
		assertThat(decodeText(utf8("0".repeat(309) + "2:4a"))).containsExactly(EnginePacket.message("a"));
	}

	@Test
	void decodesBinaryPayloadsWithMixedStringAndBinaryPackets() throws EngineParseException {
		// reference decodePayloadAsBinary(00 04 ff "4€" 01 04 ff 04 010203 00 01 ff "2" 00 05 ff "4😀")
		// = [message "€", message <01 02 03>, ping, message "😀"]
		assertThat(decodeBinary(bytes("0004ff34e282ac0104ff040102030001ff320005ff34f09f9880"))).containsExactly(
				EnginePacket.message("€"), EnginePacket.binary(new byte[] { 1, 2, 3 }),
				EnginePacket.of(EnginePacketType.PING, null), EnginePacket.message("😀"));
		// a string packet may carry base64 too
		assertThat(decodeBinary(bytes("0006ff623441514944"))).containsExactly(EnginePacket.binary(new byte[] { 1, 2, 3 }));
	}

	@Test
	void rejectsEmptyPayload() {
		// reference decodePayload("") = error (an empty binary payload is rejected too, the reference ignores it)
		assertThat(textError("")).isEmpty();
		assertThat(binaryError("")).isEmpty();
	}

	@Test
	void rejectsMalformedTextPayloads() {
		// each is a parser error in the reference: missing colon, empty length, non-digit length, length beyond
		// the payload, unknown packet type
		for (String payload : List.of("hello", "4hello", ":4a", "x:4a", "-1:4", "1a:4", "9:4a", "5:hello", "2:9a",
				"2:x1")) {
			assertThat(textError(payload)).as(payload).isEmpty();
		}
		// base64 packets that are not messages (the reference returns a packet without a type)
		assertThat(textError("1:b")).isEmpty();
		assertThat(textError("3:b9A")).isEmpty();
		// more than 310 length digits (the reference would read these leading zeros)
		assertThat(textError("0".repeat(310) + "2:4a")).isEmpty();
		assertThat(textError("9".repeat(400) + ":4a")).isEmpty();
		// lengths beyond int range
		assertThat(textError("2147483648:4a")).isEmpty();
		assertThat(textError("99999999999999999999:4a")).isEmpty();
		// invalid base64: stricter than the reference, which skips what Buffer.from cannot read
		assertThat(textError("6:b4!!!!")).isEmpty();
		assertThat(textError("3:b4A")).isEmpty();
	}

	@Test
	void deliversPacketsBeforeMalformedOneInTextPayload() {
		// reference decodePayload("2:4a3") = [message "a", error]
		assertThat(textError("2:4a3")).containsExactly(EnginePacket.message("a"));
		// reference decodePayload("2:4a2:x1") = [message "a", error]
		assertThat(textError("2:4a2:x1")).containsExactly(EnginePacket.message("a"));
		// reference decodePayload("2:4€1:22:4😀3:4😀") = [message "€", ping, message "\ud83d", error]
		assertThat(textError("2:4€1:22:4😀3:4😀")).containsExactly(EnginePacket.message("€"),
				EnginePacket.of(EnginePacketType.PING, null), EnginePacket.message("\uD83D"));
	}

	@Test
	void rejectsMalformedBinaryPayloads() {
		// truncated data: 2 bytes declared, 1 present
		assertThat(binaryError("0002ff34")).isEmpty();
		// truncated length, missing 0xFF terminator
		assertThat(binaryError("0002")).isEmpty();
		assertThat(binaryError("00")).isEmpty();
		// (the reference checks the structure first and delivers nothing in this case)
		assertThat(binaryError("0001ff340002")).containsExactly(EnginePacket.message(""));
		// no length digits
		assertThat(binaryError("00ff34")).isEmpty();
		// bad marker byte
		assertThat(binaryError("02ff3461")).isEmpty();
		assertThat(binaryError("ff01ff34")).isEmpty();
		// a length byte above 9
		assertThat(binaryError("000aff34616161616161616161")).isEmpty();
		// more than 310 length digits, and lengths beyond int range
		assertThat(binaryError("00" + "00".repeat(310) + "02ff3461")).isEmpty();
		assertThat(binaryError("00" + "09".repeat(400) + "ff3461")).isEmpty();
		assertThat(binaryError("00" + "0901".repeat(5) + "ff3461")).isEmpty();
		// unknown packet type in a string packet, empty string packet
		assertThat(binaryError("0002ff3961")).isEmpty();
		assertThat(binaryError("0000ff")).isEmpty();
		// a binary packet that is empty or not a message (the reference would make a ping with binary data)
		assertThat(binaryError("0100ff")).isEmpty();
		assertThat(binaryError("0102ff0209")).isEmpty();
		// invalid base64 in a string packet
		assertThat(binaryError("0006ff623421212121")).isEmpty();
	}

	@Test
	void rejectsMalformedUtf8InBinaryPayloadStringPacketsLikeReference() {
		// reference: utf8.decode throws, the packet becomes a parser error after "a" was delivered
		assertThat(binaryError("0002ff34610003ff34c3410001ff32")).containsExactly(EnginePacket.message("a"));
		assertThat(binaryError("0002ff34610002ff3480")).containsExactly(EnginePacket.message("a"));
		// overlong, truncated, beyond U+10FFFF, invalid byte: parser errors in the reference
		for (String payload : List.of("0003ff34c0af", "0003ff34e282", "0005ff34f4908080", "0002ff34fe")) {
			assertThat(binaryError(payload)).as(payload).isEmpty();
		}
	}

	@Test
	void rejectsMalformedWebSocketFrames() {
		for (String frame : List.of("", "b", "b9AQID", "bx", "b4!!!!", "9", "x")) {
			assertThatExceptionOfType(EngineParseException.class).as(frame)
				.isThrownBy(() -> this.codec.decodeTextFrame(frame));
		}
		for (String frame : List.of("", "02", "0209", "34", "ff")) {
			assertThatExceptionOfType(EngineParseException.class).as(frame)
				.isThrownBy(() -> this.codec.decodeBinaryFrame(bytes(frame)));
		}
	}

	@Test
	void decodesOnlyParseExceptionsFromRandomAndMutatedInput() {
		RandomEngineInput random = new RandomEngineInput(0x5EED_0003L);
		for (int i = 0; i < RandomEngineInput.ITERATIONS; i++) {
			byte[] input = switch (i % 4) {
				case 0 -> random.noise(48);
				case 1 -> random.bytes(48);
				case 2 -> random.mutate(this.codec.encodePayload(random.packets(true), false).body());
				default -> random.mutate(this.codec.encodePayload(random.packets(true), true).body());
			};
			for (boolean binaryContent : new boolean[] { false, true }) {
				List<EnginePacket> delivered = new ArrayList<>();
				RandomEngineInput.assertOnlyParseException(input,
						() -> this.codec.decodePayload(input, binaryContent, delivered::add));
				assertThat(delivered).doesNotContainNull();
			}
			RandomEngineInput.assertOnlyParseException(input,
					() -> assertThat(this.codec.decodeTextFrame(new String(input, StandardCharsets.UTF_8))).isNotNull());
			RandomEngineInput.assertOnlyParseException(input,
					() -> assertThat(this.codec.decodeBinaryFrame(input)).isNotNull());
		}
	}

	@Test
	void roundTripsRandomPackets() throws EngineParseException {
		RandomEngineInput random = new RandomEngineInput(0x5EED_1003L);
		for (int i = 0; i < RandomEngineInput.ITERATIONS; i++) {
			List<EnginePacket> packets = random.packets(true);
			for (boolean supportsBinary : new boolean[] { false, true }) {
				PollingPayload payload = this.codec.encodePayload(packets, supportsBinary);
				List<EnginePacket> decoded = new ArrayList<>();
				this.codec.decodePayload(payload.body(), PollingPayload.BINARY.equals(payload.contentType()),
						decoded::add);
				assertThat(decoded).containsExactlyElementsOf(packets);
			}
			EnginePacket packet = random.packet(true);
			byte[] frame = this.codec.encodeFrame(packet);
			EnginePacket decoded = packet.isBinary() ? this.codec.decodeBinaryFrame(frame)
					: this.codec.decodeTextFrame(new String(frame, StandardCharsets.UTF_8));
			assertThat(decoded).isEqualTo(packet);
		}
	}

	private List<EnginePacket> decodeText(byte[] body) throws EngineParseException {
		List<EnginePacket> packets = new ArrayList<>();
		this.codec.decodePayload(body, false, packets::add);
		return packets;
	}

	private List<EnginePacket> decodeBinary(byte[] body) throws EngineParseException {
		List<EnginePacket> packets = new ArrayList<>();
		this.codec.decodePayload(body, true, packets::add);
		return packets;
	}

	/** Decode a malformed text payload and return the packets delivered before the exception. */
	private List<EnginePacket> textError(String payload) {
		List<EnginePacket> packets = new ArrayList<>();
		assertThatExceptionOfType(EngineParseException.class).as(payload)
			.isThrownBy(() -> this.codec.decodePayload(utf8(payload), false, packets::add));
		return packets;
	}

	/** Decode a malformed binary payload and return the packets delivered before the exception. */
	private List<EnginePacket> binaryError(String hex) {
		List<EnginePacket> packets = new ArrayList<>();
		assertThatExceptionOfType(EngineParseException.class).as(hex)
			.isThrownBy(() -> this.codec.decodePayload(bytes(hex), true, packets::add));
		return packets;
	}

	private static byte[] filled(int length, int value) {
		byte[] bytes = new byte[length];
		java.util.Arrays.fill(bytes, (byte) value);
		return bytes;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] bytes(String hex) {
		return HexFormat.of().parseHex(hex);
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

}
