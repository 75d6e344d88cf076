package io.github.springsocketio.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link EngineIoV4Codec}. Expected bytes come from the reference parser,
 * engine.io-parser 5.2.3 ({@code encodePayload}, {@code encodePacket},
 * {@code decodePayload}), with strings turned into bytes by Node.js as the reference
 * server does.
 */
final class EngineIoV4CodecTests {

	private static final String OPEN_JSON = "{\"sid\":\"abc\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,"
			+ "\"pingTimeout\":20000,\"maxPayload\":1000000}";

	private final EngineIoV4Codec codec = EngineIoV4Codec.INSTANCE;

	@Test
	void speaksProtocolRevisionFour() {
		assertThat(this.codec.protocolVersion()).isEqualTo(4);
	}

	@Test
	void encodesSingleMessagePayloadLikeReference() {
		PollingPayload payload = this.codec.encodePayload(List.of(EnginePacket.message("hello")), false);
		// reference: encodePayload([{type:'message',data:'hello'}]) = "4hello"
		assertThat(hex(payload.body())).isEqualTo("3468656c6c6f");
		assertThat(payload.contentType()).isEqualTo(PollingPayload.TEXT);
	}

	@Test
	void joinsManyPacketsWithRecordSeparatorLikeReference() throws EngineParseException {
		List<EnginePacket> packets = List.of(EnginePacket.of(EnginePacketType.OPEN, OPEN_JSON),
				EnginePacket.of(EnginePacketType.PING, null), EnginePacket.of(EnginePacketType.PONG, "probe"),
				EnginePacket.message("€é😀"), EnginePacket.binary(new byte[] { 1, 2, 3, (byte) 0xff }),
				EnginePacket.of(EnginePacketType.CLOSE, null), EnginePacket.of(EnginePacketType.UPGRADE, null),
				EnginePacket.of(EnginePacketType.NOOP, null), EnginePacket.message(""));
		PollingPayload payload = this.codec.encodePayload(packets, false);
		// reference: "0{...}\x1e2\x1e3probe\x1e4€é😀\x1ebAQID/w==\x1e1\x1e5\x1e6\x1e4"
		String expected = hex(("0" + OPEN_JSON).getBytes(StandardCharsets.UTF_8))
				+ "1e321e3370726f62651e34e282acc3a9f09f98801e62415149442f773d3d1e311e351e361e34";
		assertThat(hex(payload.body())).isEqualTo(expected);
		assertThat(payload.contentType()).isEqualTo(PollingPayload.TEXT);
		assertThat(decode(payload.body())).containsExactlyElementsOf(packets);
	}

	@Test
	void sendsEmptyMessageAsTypeDigitOnly() throws EngineParseException {
		// reference: encodePayload([{type:'message',data:''}]) = "4"
		assertThat(hex(this.codec.encodePayload(List.of(EnginePacket.message("")), false).body())).isEqualTo("34");
		assertThat(hex(this.codec.encodeFrame(EnginePacket.message("")))).isEqualTo("34");
		List<EnginePacket> decoded = decode(bytes("34"));
		assertThat(decoded).containsExactly(EnginePacket.message(""));
		assertThat(decoded.get(0).text()).isEmpty();
		assertThat(decoded.get(0).isBinary()).isFalse();
	}

	@Test
	void encodesMultiByteUtf8LikeReference() throws EngineParseException {
		List<EnginePacket> packets = List.of(EnginePacket.message("€"), EnginePacket.message("😀"),
				EnginePacket.message("é"));
		// reference: "4€\x1e4😀\x1e4é"
		byte[] body = this.codec.encodePayload(packets, false).body();
		assertThat(hex(body)).isEqualTo("34e282ac1e34f09f98801e34c3a9");
		assertThat(decode(body)).containsExactlyElementsOf(packets);
		assertThat(decode(body).get(1).text()).hasSize(2).isEqualTo("\uD83D\uDE00");
	}

	@Test
	void encodesBinaryMessagesInPayloadsAsBase64LikeReference() throws EngineParseException {
		List<EnginePacket> packets = List.of(EnginePacket.binary(new byte[0]), EnginePacket.binary(new byte[] { 0 }),
				EnginePacket.binary(new byte[] { 0, 1 }),
				EnginePacket.binary(new byte[] { (byte) 0xfb, (byte) 0xff, (byte) 0xbf }));
		// reference: "b\x1ebAA==\x1ebAAE=\x1eb+/+/"
		byte[] body = this.codec.encodePayload(packets, true).body();
		assertThat(hex(body)).isEqualTo("621e6241413d3d1e624141453d1e622b2f2b2f");
		assertThat(decode(body)).containsExactlyElementsOf(packets);
		assertThat(decode(body)).allMatch(EnginePacket::isBinary);
	}

	@Test
	void decodesPacketsEncodedByReference() throws EngineParseException {
		// reference decodePayload("4a\x1ebAQID") = [message "a", message <01 02 03>]
		assertThat(decode(bytes("34611e6241514944"))).containsExactly(EnginePacket.message("a"),
				EnginePacket.binary(new byte[] { 1, 2, 3 }));
		// unpadded base64 and an empty one, both accepted by the reference
		assertThat(decode(bytes("624151"))).containsExactly(EnginePacket.binary(new byte[] { 1 }));
		assertThat(decode(bytes("62"))).containsExactly(EnginePacket.binary(new byte[0]));
	}

	@Test
	void carriesBinaryWebSocketFramesAsRawBytes() {
		byte[] data = { 1, 2, 3 };
		// reference: encodePacket({type:'message',data:<01 02 03>}, true) = <01 02 03>
		assertThat(hex(this.codec.encodeFrame(EnginePacket.binary(data)))).isEqualTo("010203");
		assertThat(this.codec.decodeBinaryFrame(new byte[] { 1, 2, 3 }))
			.isEqualTo(EnginePacket.binary(new byte[] { 1, 2, 3 }));
		assertThat(this.codec.decodeBinaryFrame(new byte[0])).isEqualTo(EnginePacket.binary(new byte[0]));
		// a leading 4 is data, not a type, in revision 4
		assertThat(this.codec.decodeBinaryFrame(new byte[] { 4, 9 }).binary()).containsExactly(4, 9);
	}

	@Test
	void encodesTextWebSocketFramesLikeReference() throws EngineParseException {
		// reference: encodePacket({type:'message',data:'😀'}) = "4😀", {type:'ping',data:'probe'} = "2probe"
		assertThat(hex(this.codec.encodeFrame(EnginePacket.message("😀")))).isEqualTo("34f09f9880");
		assertThat(hex(this.codec.encodeFrame(EnginePacket.of(EnginePacketType.PING, "probe"))))
			.isEqualTo("3270726f6265");
		assertThat(this.codec.decodeTextFrame("4😀")).isEqualTo(EnginePacket.message("😀"));
	}

	@Test
	void decodesControlPackets() throws EngineParseException {
		EnginePacket open = this.codec.decodeTextFrame("0" + OPEN_JSON);
		assertThat(open.type()).isEqualTo(EnginePacketType.OPEN);
		assertThat(open.text()).isEqualTo(OPEN_JSON);
		assertThat(this.codec.decodeTextFrame("1")).isEqualTo(EnginePacket.of(EnginePacketType.CLOSE, null));
		EnginePacket ping = this.codec.decodeTextFrame("2");
		assertThat(ping.type()).isEqualTo(EnginePacketType.PING);
		assertThat(ping.text()).isNull();
		EnginePacket probe = this.codec.decodeTextFrame("3probe");
		assertThat(probe.type()).isEqualTo(EnginePacketType.PONG);
		assertThat(probe.text()).isEqualTo("probe");
		assertThat(this.codec.decodeTextFrame("5")).isEqualTo(EnginePacket.of(EnginePacketType.UPGRADE, null));
		assertThat(this.codec.decodeTextFrame("6")).isEqualTo(EnginePacket.of(EnginePacketType.NOOP, null));
		assertThat(this.codec.decodeTextFrame("2probe")).isEqualTo(EnginePacket.of(EnginePacketType.PING, "probe"));
	}

	@Test
	void encodesUnpairedSurrogatesAsReplacementCharacterLikeNode() {
		// reference: encodePayload([{type:'message',data:'a\ud800b\udc00'}]) sent by Node.js = 34 61 efbfbd 62 efbfbd
		assertThat(hex(this.codec.encodePayload(List.of(EnginePacket.message("a\uD800b\uDC00")), false).body()))
			.isEqualTo("3461efbfbd62efbfbd");
		assertThat(hex(this.codec.encodeFrame(EnginePacket.message("\uDE00\uD83D")))).isEqualTo("34efbfbdefbfbd");
	}

	@Test
	void rejectsEmptyBody() {
		List<EnginePacket> delivered = new ArrayList<>();
		// reference: decodePayload("") = [error]
		assertThatExceptionOfType(EngineParseException.class)
			.isThrownBy(() -> this.codec.decodePayload(new byte[0], false, delivered::add));
		assertThat(delivered).isEmpty();
		assertThatExceptionOfType(EngineParseException.class).isThrownBy(() -> this.codec.decodeTextFrame(""));
	}

	@Test
	void rejectsUnknownTypeDigit() {
		// reference: decodePayload("x"), decodePayload("7") = [error]
		for (String frame : List.of("x", "7", "9hello", "/", " 4", "B")) {
			assertThatExceptionOfType(EngineParseException.class).as(frame)
				.isThrownBy(() -> this.codec.decodeTextFrame(frame));
			assertThatExceptionOfType(EngineParseException.class).as(frame)
				.isThrownBy(() -> decode(frame.getBytes(StandardCharsets.UTF_8)));
		}
	}

	@Test
	void rejectsInvalidBase64() {
		// stricter than the reference, whose Buffer.from(s, 'base64') skips what it cannot read
		for (String frame : List.of("b!!!!", "bA", "bAQI D", "b-_8", "bAQ=ID", "b€")) {
			assertThatExceptionOfType(EngineParseException.class).as(frame)
				.isThrownBy(() -> this.codec.decodeTextFrame(frame));
			assertThatExceptionOfType(EngineParseException.class).as(frame)
				.isThrownBy(() -> decode(frame.getBytes(StandardCharsets.UTF_8)));
		}
	}

	@Test
	void rejectsBinaryContentType() {
		List<EnginePacket> delivered = new ArrayList<>();
		// the reference server answers 400 "invalid content" to application/octet-stream in revision 4
		assertThatExceptionOfType(EngineParseException.class)
			.isThrownBy(() -> this.codec.decodePayload(bytes("3461"), true, delivered::add));
		assertThat(delivered).isEmpty();
	}

	@Test
	void deliversPacketsBeforeMalformedOne() {
		// reference: decodePayload("4a\x1e9\x1e4b") = [message "a", error]
		assertThat(decodeUntilError(bytes("34611e391e3462"))).containsExactly(EnginePacket.message("a"));
		// reference: decodePayload("4a\x1e\x1e4b") = [message "a", error]
		assertThat(decodeUntilError(bytes("34611e1e3462"))).containsExactly(EnginePacket.message("a"));
		// reference: decodePayload("4hello\x1e") = [message "hello", error]
		assertThat(decodeUntilError(bytes("3468656c6c6f1e"))).containsExactly(EnginePacket.message("hello"));
		// "4\x1e2\x1eb!!!": invalid base64 after two good packets
		assertThat(decodeUntilError(bytes("341e321e62212121")))
			.containsExactly(EnginePacket.message(""), EnginePacket.of(EnginePacketType.PING, null));
	}

	@Test
	void decodesOnlyParseExceptionsFromRandomAndMutatedInput() {
		RandomEngineInput random = new RandomEngineInput(0x5EED_0004L);
		for (int i = 0; i < RandomEngineInput.ITERATIONS; i++) {
			byte[] input = switch (i % 3) {
				case 0 -> random.noise(48);
				case 1 -> random.bytes(48);
				default -> random.mutate(this.codec.encodePayload(random.packets(false), false).body());
			};
			List<EnginePacket> delivered = new ArrayList<>();
			RandomEngineInput.assertOnlyParseException(input, () -> this.codec.decodePayload(input, false, delivered::add));
			assertThat(delivered).doesNotContainNull();
			RandomEngineInput.assertOnlyParseException(input, () -> this.codec.decodePayload(input, true, delivered::add));
			RandomEngineInput.assertOnlyParseException(input,
					() -> assertThat(this.codec.decodeTextFrame(new String(input, StandardCharsets.UTF_8))).isNotNull());
			RandomEngineInput.assertOnlyParseException(input,
					() -> assertThat(this.codec.decodeBinaryFrame(input)).isNotNull());
		}
	}

	@Test
	void roundTripsRandomPackets() throws EngineParseException {
		RandomEngineInput random = new RandomEngineInput(0x5EED_1004L);
		for (int i = 0; i < RandomEngineInput.ITERATIONS; i++) {
			List<EnginePacket> packets = random.packets(false);
			assertThat(decode(this.codec.encodePayload(packets, random.random().nextBoolean()).body()))
				.containsExactlyElementsOf(packets);
			EnginePacket packet = random.packet(true);
			byte[] frame = this.codec.encodeFrame(packet);
			EnginePacket decoded = packet.isBinary() ? this.codec.decodeBinaryFrame(frame)
					: this.codec.decodeTextFrame(new String(frame, StandardCharsets.UTF_8));
			assertThat(decoded).isEqualTo(packet);
		}
	}

	private List<EnginePacket> decode(byte[] body) throws EngineParseException {
		List<EnginePacket> packets = new ArrayList<>();
		this.codec.decodePayload(body, false, packets::add);
		return packets;
	}

	private List<EnginePacket> decodeUntilError(byte[] body) {
		List<EnginePacket> packets = new ArrayList<>();
		assertThatExceptionOfType(EngineParseException.class)
			.isThrownBy(() -> this.codec.decodePayload(body, false, packets::add));
		return packets;
	}

	private static byte[] bytes(String hex) {
		return HexFormat.of().parseHex(hex);
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

}
