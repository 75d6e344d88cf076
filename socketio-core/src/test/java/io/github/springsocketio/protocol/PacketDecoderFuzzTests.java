package io.github.springsocketio.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import static io.github.springsocketio.protocol.ProtocolTestSupport.MAPPER;
import static io.github.springsocketio.protocol.ProtocolTestSupport.array;
import static io.github.springsocketio.protocol.ProtocolTestSupport.bin;
import static io.github.springsocketio.protocol.ProtocolTestSupport.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Bounded randomized test of {@link PacketDecoder}: valid encodings are mutated
 * (truncated, characters flipped, digits, commas, brackets and other protocol characters
 * inserted, parts deleted or repeated) and fed with random binary messages. The only
 * acceptable outcomes are a {@link PacketParseException} or a valid packet. Fixed seed.
 */
class PacketDecoderFuzzTests {

	private static final long SEED = 0x5EED_50C1L;

	private static final int ITERATIONS = 2000;

	private static final String PROTOCOL_CHARS = "0123456789-/,[]{}\":_\\ .e+tnfu";

	private static final String[] FRAGMENTS = { "{\"_placeholder\":true,\"num\":0}", "{\"_placeholder\":true,\"num\":",
			"\"connect\"", "9007199254740992", "1-", "10-", "/nsp,", "null", "true", "\\u0000", "\\ud800", "\ud800", "1e999",
			"[[[[[[[[", "]]]]", "-0", "0.5" };

	private final PacketEncoder encoder = new PacketEncoder(MAPPER);

	@Test
	void mutatedEncodingsGiveAPacketOrAParseException() {
		Random random = new Random(SEED);
		List<EncodedPacket> seeds = seeds();
		PacketDecoder decoder = new PacketDecoder(MAPPER, PacketDecoder.DEFAULT_MAX_ATTACHMENTS);
		int valid = 0;
		int refused = 0;
		for (int i = 0; i < ITERATIONS; i++) {
			EncodedPacket seed = seeds.get(random.nextInt(seeds.size()));
			String text = mutate(seed.text(), random);
			List<byte[]> binaries = new ArrayList<>(seed.attachments());
			if (random.nextInt(4) == 0) {
				binaries = randomBinaries(random);
			}
			try {
				if (random.nextInt(20) == 0) {
					// a binary message first
					decoder.decodeBinary(randomBytes(random));
				}
				Packet packet = decoder.decodeText(text);
				for (byte[] binary : binaries) {
					if (packet != null && random.nextInt(3) != 0) {
						break;
					}
					packet = decoder.decodeBinary(binary);
				}
				if (random.nextInt(10) == 0) {
					// text while perhaps still awaiting attachments
					packet = decoder.decodeText(seed.text());
				}
				if (packet != null) {
					assertValid(packet, text);
					valid++;
				}
			}
			catch (PacketParseException ex) {
				assertThat(decoder.isAwaitingAttachments()).isFalse();
				refused++;
			}
			catch (Throwable ex) {
				fail("Unexpected " + ex + " for " + abbreviate(text), ex);
			}
			if (random.nextInt(8) == 0) {
				decoder.reset();
			}
		}
		assertThat(valid).isGreaterThan(ITERATIONS / 20);
		assertThat(refused).isGreaterThan(ITERATIONS / 4);
	}

	@Test
	void randomTextGivesAPacketOrAParseException() {
		Random random = new Random(SEED + 1);
		PacketDecoder decoder = new PacketDecoder(MAPPER, PacketDecoder.DEFAULT_MAX_ATTACHMENTS);
		for (int i = 0; i < 500; i++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(40);
			for (int j = 0; j < length; j++) {
				text.append(random.nextBoolean() ? PROTOCOL_CHARS.charAt(random.nextInt(PROTOCOL_CHARS.length()))
						: (char) random.nextInt(0x10000));
			}
			try {
				Packet packet = decoder.decodeText(text.toString());
				if (packet != null) {
					assertValid(packet, text.toString());
				}
				else {
					decoder.decodeBinary(randomBytes(random));
				}
			}
			catch (PacketParseException ex) {
				// expected for most inputs
			}
			catch (Throwable ex) {
				fail("Unexpected " + ex + " for " + abbreviate(text.toString()), ex);
			}
			decoder.reset();
		}
	}

	private List<EncodedPacket> seeds() {
		List<Packet> packets = List.of(Packet.connect("/", null), Packet.connect("/admin", object("token", "t", "n", 1)),
				Packet.disconnect("/"), Packet.disconnect("/chat"),
				Packet.event("/", array("hello", 1, 2.5, true, null, object("a", array(1, 2)), "x\"y"), Packet.NO_ACK),
				Packet.event("/admin", array("e", object("k", array(object("l", "v")))), 12),
				Packet.ack("/", array(), 5), Packet.ack("/x", array("ok", object("n", -1e-7)), 6),
				Packet.connectError("/", object("message", "no")),
				Packet.event("/", array("upload", bin(1, 2, 3)), Packet.NO_ACK),
				Packet.event("/ns", array("ev", object("f", bin(1), "m", object("d", bin())), array(bin(2), array(bin(3)))),
						9007199254740991L),
				Packet.ack("/", array(bin(9), "x", bin(8)), 3));
		List<EncodedPacket> seeds = new ArrayList<>();
		for (Packet packet : packets) {
			seeds.add(this.encoder.encode(packet));
		}
		return seeds;
	}

	private static String mutate(String text, Random random) {
		StringBuilder result = new StringBuilder(text);
		int mutations = 1 + random.nextInt(3);
		for (int m = 0; m < mutations; m++) {
			int position = (result.length() == 0) ? 0 : random.nextInt(result.length() + 1);
			switch (random.nextInt(8)) {
				case 0 -> result.setLength(position);
				case 1 -> {
					if (position < result.length()) {
						result.setCharAt(position, randomChar(random));
					}
				}
				case 2 -> result.insert(position, (char) ('0' + random.nextInt(10)));
				case 3 -> result.insert(position, ",[]{}-/\"".charAt(random.nextInt(8)));
				case 4 -> result.insert(position, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
				case 5 -> {
					int end = Math.min(result.length(), position + random.nextInt(6));
					result.delete(position, end);
				}
				case 6 -> {
					int end = Math.min(result.length(), position + random.nextInt(10));
					result.insert(position, result.substring(position, end));
				}
				default -> {
					if (position < result.length()) {
						char c = result.charAt(position);
						result.setCharAt(position, (char) (c ^ (1 << random.nextInt(16))));
					}
				}
			}
		}
		return result.toString();
	}

	private static char randomChar(Random random) {
		return switch (random.nextInt(3)) {
			case 0 -> PROTOCOL_CHARS.charAt(random.nextInt(PROTOCOL_CHARS.length()));
			case 1 -> (char) (0xD800 + random.nextInt(0x800));
			default -> (char) random.nextInt(0x10000);
		};
	}

	private static List<byte[]> randomBinaries(Random random) {
		List<byte[]> binaries = new ArrayList<>();
		int count = random.nextInt(12);
		for (int i = 0; i < count; i++) {
			binaries.add(randomBytes(random));
		}
		return binaries;
	}

	private static byte[] randomBytes(Random random) {
		byte[] data = new byte[random.nextInt(8)];
		random.nextBytes(data);
		return data;
	}

	/**
	 * Check that a decoded packet satisfies the rules of its type, and that it encodes
	 * again to something that decodes to an equivalent packet.
	 */
	private void assertValid(Packet packet, String text) throws PacketParseException {
		String description = abbreviate(text);
		assertThat(packet.type().isBinary()).as(description).isFalse();
		assertThat(packet.namespace()).as(description).startsWith("/").doesNotContain(",");
		assertThat(packet.ackId()).as(description).isBetween(Packet.NO_ACK, Packet.MAX_ACK_ID);
		JsonNode data = packet.data();
		switch (packet.type()) {
			case CONNECT -> assertThat(data == null || data.isObject()).as(description).isTrue();
			case DISCONNECT -> assertThat(data).as(description).isNull();
			case CONNECT_ERROR -> assertThat(data == null || data.isString() || data.isObject()).as(description).isTrue();
			case EVENT -> {
				assertThat(data).as(description).isInstanceOf(ArrayNode.class);
				assertThat(data.get(0).isString()).as(description).isTrue();
				assertThat(PacketDecoder.RESERVED_EVENTS).as(description).doesNotContain(data.get(0).stringValue());
			}
			case ACK -> assertThat(data).as(description).isInstanceOf(ArrayNode.class);
			default -> fail("Unexpected type for " + description);
		}
		// re-encoding normalizes the text; a second round trip must be stable
		PacketDecoder decoder = new PacketDecoder(MAPPER, Integer.MAX_VALUE);
		EncodedPacket first = this.encoder.encode(packet);
		Packet again = decode(decoder, first);
		EncodedPacket second = this.encoder.encode(again);
		assertThat(second.text()).as(description).isEqualTo(first.text());
		assertThat(second.attachments()).as(description).hasSameSizeAs(first.attachments());
		assertThat(decode(decoder, second)).as(description).isEqualTo(again);
	}

	private static Packet decode(PacketDecoder decoder, EncodedPacket encoded) throws PacketParseException {
		Packet packet = decoder.decodeText(encoded.text());
		for (byte[] attachment : encoded.attachments()) {
			packet = decoder.decodeBinary(attachment);
		}
		assertThat(packet).isNotNull();
		return packet;
	}

	private static String abbreviate(String text) {
		StringBuilder escaped = new StringBuilder();
		for (int i = 0; i < text.length() && escaped.length() < 300; i++) {
			char c = text.charAt(i);
			escaped.append((c < 0x20 || c > 0x7e) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
		}
		return (escaped.length() < 300) ? escaped.toString() : escaped + "...";
	}

}
