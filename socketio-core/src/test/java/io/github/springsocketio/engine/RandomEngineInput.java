package io.github.springsocketio.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.fail;

/**
 * Seeded random packets and malformed inputs for the codec tests, a stand-in for
 * property-based testing.
 */
final class RandomEngineInput {

	/** Iterations of each randomized test. */
	static final int ITERATIONS = 2_000;

	/** Bytes that matter to the parsers, drawn more often than others. */
	private static final byte[] INTERESTING = { '0', '1', '2', '3', '4', '5', '6', '7', '9', ':', 'b', 'A', '=',
			'!', 0x1e, 0x00, 0x01, 0x02, 0x09, 0x0a, (byte) 0xff, (byte) 0xc3, (byte) 0xe2, (byte) 0xf0,
			(byte) 0x80, (byte) 0xed };

	private static final EnginePacketType[] TYPES = EnginePacketType.values();

	private final Random random;

	RandomEngineInput(long seed) {
		this.random = new Random(seed);
	}

	Random random() {
		return this.random;
	}

	/**
	 * A random well-formed string: ASCII, protocol characters, two- and three-byte
	 * UTF-8 and surrogate pairs, never an unpaired surrogate.
	 */
	String text(int maxCodePoints, boolean allowRecordSeparator) {
		int count = this.random.nextInt(maxCodePoints + 1);
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			int codePoint = switch (this.random.nextInt(8)) {
				case 0 -> "0123456789:b".charAt(this.random.nextInt(12));
				case 1 -> this.random.nextInt(0x20);
				case 2 -> 0x80 + this.random.nextInt(0x780);
				case 3 -> "€é😀ü中\uFFFD\uFFFF".codePoints().toArray()[this.random.nextInt(7)];
				case 4 -> 0x800 + this.random.nextInt(0xD800 - 0x800);
				case 5 -> 0xE000 + this.random.nextInt(0x2000);
				case 6 -> 0x10000 + this.random.nextInt(0x100000);
				default -> 0x20 + this.random.nextInt(0x5f);
			};
			if (codePoint == EngineIoV4Codec.SEPARATOR && !allowRecordSeparator) {
				codePoint = ' ';
			}
			text.appendCodePoint(codePoint);
		}
		return text.toString();
	}

	byte[] bytes(int maxLength) {
		byte[] bytes = new byte[this.random.nextInt(maxLength + 1)];
		this.random.nextBytes(bytes);
		return bytes;
	}

	EnginePacket packet(boolean allowRecordSeparator) {
		EnginePacketType type = TYPES[this.random.nextInt(TYPES.length)];
		if (type == EnginePacketType.MESSAGE) {
			return this.random.nextBoolean() ? EnginePacket.binary(bytes(40))
					: EnginePacket.message(text(20, allowRecordSeparator));
		}
		return EnginePacket.of(type, this.random.nextBoolean() ? text(10, allowRecordSeparator) : null);
	}

	List<EnginePacket> packets(boolean allowRecordSeparator) {
		int count = 1 + this.random.nextInt(8);
		List<EnginePacket> packets = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			packets.add(packet(allowRecordSeparator));
		}
		return packets;
	}

	/** Random bytes, mostly drawn from the bytes the parsers look at. */
	byte[] noise(int maxLength) {
		byte[] bytes = new byte[this.random.nextInt(maxLength + 1)];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = this.random.nextInt(3) == 0 ? (byte) this.random.nextInt(256)
					: INTERESTING[this.random.nextInt(INTERESTING.length)];
		}
		return bytes;
	}

	/** A copy of valid input with a few bytes changed, inserted, removed or cut off. */
	byte[] mutate(byte[] valid) {
		byte[] bytes = valid;
		int mutations = (this.random.nextInt(3) == 0) ? 2 + this.random.nextInt(2) : 1;
		for (int m = 0; m < mutations; m++) {
			int position = (bytes.length == 0) ? 0 : this.random.nextInt(bytes.length);
			byte value = this.random.nextBoolean() ? (byte) this.random.nextInt(256)
					: INTERESTING[this.random.nextInt(INTERESTING.length)];
			switch (this.random.nextInt(5)) {
				case 0 -> {
					if (bytes.length > 0) {
						bytes = bytes.clone();
						bytes[position] = value;
					}
				}
				case 1 -> {
					byte[] longer = new byte[bytes.length + 1];
					System.arraycopy(bytes, 0, longer, 0, position);
					longer[position] = value;
					System.arraycopy(bytes, position, longer, position + 1, bytes.length - position);
					bytes = longer;
				}
				case 2 -> {
					if (bytes.length > 0) {
						byte[] shorter = new byte[bytes.length - 1];
						System.arraycopy(bytes, 0, shorter, 0, position);
						System.arraycopy(bytes, position + 1, shorter, position, bytes.length - position - 1);
						bytes = shorter;
					}
				}
				case 3 -> bytes = Arrays.copyOf(bytes, position);
				default -> {
					// a huge declared length: a run of digits (text) or digit bytes (binary)
					byte[] longer = new byte[bytes.length + 12];
					System.arraycopy(bytes, 0, longer, 0, position);
					boolean text = this.random.nextBoolean();
					for (int i = 0; i < 12; i++) {
						longer[position + i] = (byte) (text ? '9' : 9);
					}
					System.arraycopy(bytes, position, longer, position + 12, bytes.length - position);
					bytes = longer;
				}
			}
		}
		return bytes;
	}

	/**
	 * Run a decoding step that may reject its input, failing on anything but
	 * {@link EngineParseException} (including errors such as {@link OutOfMemoryError}).
	 */
	static void assertOnlyParseException(byte[] input, ParseStep step) {
		try {
			step.run();
		}
		catch (EngineParseException ex) {
			// expected for malformed input
		}
		catch (RuntimeException | Error ex) {
			fail("Decoding " + HexFormat.of().formatHex(input) + " ("
					+ new String(input, StandardCharsets.ISO_8859_1).replaceAll("\\p{Cntrl}", ".") + ") threw " + ex,
					ex);
		}
	}

	@FunctionalInterface
	interface ParseStep {

		void run() throws EngineParseException;

	}

}
