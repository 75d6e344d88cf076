package io.github.springsocketio.protocol;

import java.io.Serial;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * The MessagePack dialect of {@code notepack.io}, between JSON trees and bytes: the one
 * codec of the {@code msgpack} packet parser ({@code socket.io-msgpack-parser} 3.x,
 * which uses {@code notepack.io} 2.2) and of the Redis adapter (the Node.js Redis adapter
 * and emitter use {@code notepack.io} 3.0.1). The two versions write the same bytes for
 * every value this class writes; they differ only in how they write {@code undefined},
 * which a tree does not hold.
 * <p>
 * Encoding writes what {@code notepack.io} writes for the equivalent JavaScript value:
 * the smallest unsigned integer form for integral numbers {@code >= 0}, the smallest
 * signed one below zero, {@code float64} for every other number (never
 * {@code float32}), {@code str8} from 32 bytes on, {@code bin} for binary nodes, nil for
 * {@code null} and for missing nodes in arrays, and missing nodes left out of objects
 * (like {@code undefined} in 3.x). Unlike {@code notepack.io}, integral numbers that no
 * 64-bit integer form holds (such as {@code 1e300}) are written as {@code float64}
 * instead of being truncated, and lone surrogates as U+FFFD.
 * <p>
 * Decoding reads every form {@code notepack.io} writes or accepts: the old extension
 * forms for {@code undefined} (nil in arrays, left out of objects), for an
 * {@code ArrayBuffer} (a binary node) and for a {@code Date}, and msgpack timestamps,
 * which become the text {@code JSON.stringify} writes for a {@code Date}. Input is
 * untrusted: lengths are checked against the bytes that are left before anything is
 * allocated, and nesting is limited to {@link #MAX_DEPTH} levels.
 */
public final class Notepack {

	/** The deepest nesting of arrays and maps that is encoded or decoded. */
	public static final int MAX_DEPTH = 128;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/** What an old-style {@code undefined} decodes to before its container handles it. */
	private static final JsonNode UNDEFINED = MissingNode.getInstance();

	private static final int EXT_OLD = 0;

	private static final int EXT_TIMESTAMP = -1;

	private static final double TWO_32 = 0x1p32;

	private static final double TWO_63 = 0x1p63;

	private static final double TWO_64 = 0x1p64;

	/** The largest time value of an ECMAScript {@code Date}, in milliseconds. */
	private static final double MAX_TIME = 8.64e15;

	private static final int MAX_ARRAY_SIZE = Integer.MAX_VALUE - 8;

	private Notepack() {
	}

	/**
	 * Encode a tree as one message.
	 * @param value the tree
	 * @return the bytes
	 * @throws NotepackException if the tree is nested more than {@link #MAX_DEPTH}
	 * levels, holds a POJO other than a byte array, or is too large for one array
	 */
	public static byte[] encode(JsonNode value) {
		return encode(value, null);
	}

	/**
	 * Encode a tree as one message, converting the values of POJO nodes other than byte
	 * arrays to trees with a mapper (twice: the bytes are counted, then written).
	 * @param value the tree
	 * @param mapper converts the values of POJO nodes, or {@code null} to refuse them
	 * @return the bytes
	 * @throws NotepackException if the tree is nested more than {@link #MAX_DEPTH}
	 * levels, holds a POJO that is not converted to a tree, or is too large for one array
	 */
	public static byte[] encode(JsonNode value, @Nullable JsonMapper mapper) {
		Encoder counter = new Encoder(null, mapper);
		counter.value(value, 0);
		if (counter.position > MAX_ARRAY_SIZE) {
			throw new NotepackException("Message too large: " + counter.position + " bytes");
		}
		byte[] bytes = new byte[(int) counter.position];
		new Encoder(bytes, mapper).value(value, 0);
		return bytes;
	}

	/**
	 * Decode one message.
	 * @param bytes the bytes, exactly one value
	 * @return the tree
	 * @throws NotepackException if the bytes are malformed or truncated, hold an
	 * unsupported extension type or map key, are nested more than {@link #MAX_DEPTH}
	 * levels or are followed by more bytes
	 */
	public static JsonNode decode(byte[] bytes) {
		Decoder decoder = new Decoder(bytes);
		JsonNode value = decoder.value(0);
		if (decoder.position != bytes.length) {
			throw new NotepackException((bytes.length - decoder.position) + " trailing bytes at offset "
					+ decoder.position);
		}
		return (value == UNDEFINED) ? NODES.nullNode() : value;
	}

	/**
	 * Writes a tree, or only counts its bytes when it has no output.
	 */
	private static final class Encoder {

		private final byte @Nullable [] out;

		private final @Nullable JsonMapper mapper;

		private long position;

		Encoder(byte @Nullable [] out, @Nullable JsonMapper mapper) {
			this.out = out;
			this.mapper = mapper;
		}

		void value(JsonNode node, int depth) {
			switch (node.getNodeType()) {
				case ARRAY -> array(node, depth + 1);
				case OBJECT -> object(node, depth + 1);
				case STRING -> string(node.stringValue());
				case NUMBER -> number(node);
				case BOOLEAN -> put(node.booleanValue() ? 0xc3 : 0xc2);
				case BINARY -> binary(node.binaryValue());
				case POJO -> pojo((POJONode) node, depth);
				default -> put(0xc0);
			}
		}

		private void array(JsonNode node, int depth) {
			checkDepth(depth);
			header(node.size(), 0x90, 0xdc, 0xdd);
			for (JsonNode element : node) {
				value(element, depth);
			}
		}

		private void object(JsonNode node, int depth) {
			checkDepth(depth);
			int size = 0;
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				if (!property.getValue().isMissingNode()) {
					size++;
				}
			}
			header(size, 0x80, 0xde, 0xdf);
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				JsonNode value = property.getValue();
				if (!value.isMissingNode()) {
					string(property.getKey());
					value(value, depth);
				}
			}
		}

		private void header(int size, int fix, int marker16, int marker32) {
			if (size < 0x10) {
				put(fix | size);
			}
			else if (size < 0x10000) {
				put(marker16);
				put16(size);
			}
			else {
				put(marker32);
				put32(size);
			}
		}

		private void string(String value) {
			int length = utf8Length(value);
			if (length < 0x20) {
				put(0xa0 | length);
			}
			else if (length < 0x100) {
				put(0xd9);
				put(length);
			}
			else if (length < 0x10000) {
				put(0xda);
				put16(length);
			}
			else {
				put(0xdb);
				put32(length);
			}
			if (this.out == null) {
				this.position += length;
			}
			else {
				utf8(value, this.out, (int) this.position);
				this.position += length;
			}
		}

		private void binary(byte[] data) {
			int length = data.length;
			if (length < 0x100) {
				put(0xc4);
				put(length);
			}
			else if (length < 0x10000) {
				put(0xc5);
				put16(length);
			}
			else {
				put(0xc6);
				put32(length);
			}
			if (this.out != null) {
				System.arraycopy(data, 0, this.out, (int) this.position, length);
			}
			this.position += length;
		}

		private void pojo(POJONode node, int depth) {
			Object pojo = node.getPojo();
			if (pojo == null) {
				put(0xc0);
				return;
			}
			if (pojo instanceof byte[] data) {
				binary(data);
				return;
			}
			JsonNode tree = (this.mapper != null) ? this.mapper.valueToTree(pojo) : null;
			if (tree == null || tree.isPojo()) {
				throw new NotepackException("Cannot encode a " + pojo.getClass().getName());
			}
			value(tree, depth);
		}

		private void number(JsonNode node) {
			if (node.isBigInteger()) {
				bigInteger(node.bigIntegerValue());
			}
			else if (node.isIntegralNumber()) {
				integer(node.longValue());
			}
			else if (node.isBigDecimal()) {
				decimal(node.decimalValue());
			}
			else {
				number(node.doubleValue());
			}
		}

		private void decimal(BigDecimal value) {
			if (value.signum() == 0) {
				integer(0);
			}
			else if (value.scale() <= 0 || value.stripTrailingZeros().scale() <= 0) {
				// integral: exact when an integer form holds it (at most 20 digits)
				if ((long) value.precision() - value.scale() <= 20) {
					bigInteger(value.toBigIntegerExact());
				}
				else {
					float64(value.doubleValue());
				}
			}
			else {
				// as JavaScript would see it once converted to a number
				number(value.doubleValue());
			}
		}

		private void bigInteger(BigInteger value) {
			int bits = value.bitLength();
			if (bits < 64) {
				integer(value.longValue());
			}
			else if (bits == 64 && value.signum() > 0) {
				put(0xcf);
				put64(value.longValue());
			}
			else {
				float64(value.doubleValue());
			}
		}

		private void number(double value) {
			// Math.rint is NaN for NaN and leaves infinities, which the range excludes
			if (value == Math.rint(value) && value >= -TWO_63 && value < TWO_64) {
				if (value < TWO_63) {
					// -0.0 becomes 0, as in JavaScript
					integer((long) value);
				}
				else {
					put(0xcf);
					put64(((long) (value / 2)) << 1);
				}
			}
			else {
				float64(value);
			}
		}

		private void float64(double value) {
			put(0xcb);
			put64(Double.doubleToLongBits(value));
		}

		private void integer(long value) {
			if (value >= 0) {
				if (value < 0x80) {
					put((int) value);
				}
				else if (value < 0x100) {
					put(0xcc);
					put((int) value);
				}
				else if (value < 0x10000) {
					put(0xcd);
					put16((int) value);
				}
				else if (value < 0x100000000L) {
					put(0xce);
					put32((int) value);
				}
				else {
					put(0xcf);
					put64(value);
				}
			}
			else if (value >= -0x20) {
				put((int) value);
			}
			else if (value >= Byte.MIN_VALUE) {
				put(0xd0);
				put((int) value);
			}
			else if (value >= Short.MIN_VALUE) {
				put(0xd1);
				put16((int) value);
			}
			else if (value >= Integer.MIN_VALUE) {
				put(0xd2);
				put32((int) value);
			}
			else {
				put(0xd3);
				put64(value);
			}
		}

		private void put(int value) {
			if (this.out != null) {
				this.out[(int) this.position] = (byte) value;
			}
			this.position++;
		}

		private void put16(int value) {
			put(value >> 8);
			put(value);
		}

		private void put32(int value) {
			put16(value >> 16);
			put16(value);
		}

		private void put64(long value) {
			put32((int) (value >> 32));
			put32((int) value);
		}

		private static void checkDepth(int depth) {
			if (depth > MAX_DEPTH) {
				throw new NotepackException("Nested deeper than " + MAX_DEPTH + " levels");
			}
		}

		/**
		 * Return the UTF-8 length of a string whose lone surrogates are written as
		 * U+FFFD, as Node.js writes them.
		 */
		private static int utf8Length(String value) {
			int length = value.length();
			long bytes = length;
			for (int i = 0; i < length; i++) {
				char c = value.charAt(i);
				if (c >= 0x80) {
					if (c < 0x800) {
						bytes++;
					}
					else if (Character.isHighSurrogate(c) && i + 1 < length
							&& Character.isLowSurrogate(value.charAt(i + 1))) {
						bytes += 2;
						i++;
					}
					else {
						bytes += 2;
					}
				}
			}
			if (bytes > MAX_ARRAY_SIZE) {
				throw new NotepackException("String too large: " + bytes + " bytes");
			}
			return (int) bytes;
		}

		private static void utf8(String value, byte[] out, int offset) {
			int length = value.length();
			int position = offset;
			for (int i = 0; i < length; i++) {
				int c = value.charAt(i);
				if (c < 0x80) {
					out[position++] = (byte) c;
				}
				else if (c < 0x800) {
					out[position++] = (byte) (0xc0 | (c >> 6));
					out[position++] = (byte) (0x80 | (c & 0x3f));
				}
				else {
					if (Character.isSurrogate((char) c)) {
						if (Character.isHighSurrogate((char) c) && i + 1 < length
								&& Character.isLowSurrogate(value.charAt(i + 1))) {
							int codePoint = Character.toCodePoint((char) c, value.charAt(++i));
							out[position++] = (byte) (0xf0 | (codePoint >> 18));
							out[position++] = (byte) (0x80 | ((codePoint >> 12) & 0x3f));
							out[position++] = (byte) (0x80 | ((codePoint >> 6) & 0x3f));
							out[position++] = (byte) (0x80 | (codePoint & 0x3f));
							continue;
						}
						c = 0xfffd;
					}
					out[position++] = (byte) (0xe0 | (c >> 12));
					out[position++] = (byte) (0x80 | ((c >> 6) & 0x3f));
					out[position++] = (byte) (0x80 | (c & 0x3f));
				}
			}
		}

	}

	/**
	 * Reads one value at a time, checking every length against the bytes left.
	 */
	private static final class Decoder {

		private final byte[] in;

		private int position;

		Decoder(byte[] in) {
			this.in = in;
		}

		/**
		 * Read a value: {@link #UNDEFINED} for an old-style {@code undefined}.
		 */
		JsonNode value(int depth) {
			int prefix = u8();
			if (prefix < 0x80) {
				return NODES.numberNode(prefix);
			}
			if (prefix < 0x90) {
				return map(prefix & 0x0f, depth + 1);
			}
			if (prefix < 0xa0) {
				return array(prefix & 0x0f, depth + 1);
			}
			if (prefix < 0xc0) {
				return NODES.stringNode(string(prefix & 0x1f));
			}
			if (prefix >= 0xe0) {
				return NODES.numberNode(prefix - 0x100);
			}
			return switch (prefix) {
				case 0xc0 -> NODES.nullNode();
				case 0xc2 -> NODES.booleanNode(false);
				case 0xc3 -> NODES.booleanNode(true);
				case 0xc4 -> NODES.binaryNode(bytes(u8()));
				case 0xc5 -> NODES.binaryNode(bytes(u16()));
				case 0xc6 -> NODES.binaryNode(bytes(u32()));
				case 0xc7 -> ext(u8(), true);
				case 0xc8 -> ext(u16(), false);
				case 0xc9 -> ext(u32(), false);
				case 0xca -> NODES.numberNode((double) Float.intBitsToFloat(s32()));
				case 0xcb -> NODES.numberNode(Double.longBitsToDouble(s64()));
				case 0xcc -> NODES.numberNode(u8());
				case 0xcd -> NODES.numberNode(u16());
				case 0xce -> integer(u32());
				case 0xcf -> unsigned64(s64());
				case 0xd0 -> NODES.numberNode((int) (byte) u8());
				case 0xd1 -> NODES.numberNode((int) (short) u16());
				case 0xd2 -> NODES.numberNode(s32());
				case 0xd3 -> integer(s64());
				case 0xd4 -> fixext(1);
				case 0xd5 -> fixext(2);
				case 0xd6 -> fixext(4);
				case 0xd7 -> fixext(8);
				case 0xd8 -> fixext(16);
				case 0xd9 -> NODES.stringNode(string(u8()));
				case 0xda -> NODES.stringNode(string(u16()));
				case 0xdb -> NODES.stringNode(string(u32()));
				case 0xdc -> array(u16(), depth + 1);
				case 0xdd -> array(u32(), depth + 1);
				case 0xde -> map(u16(), depth + 1);
				case 0xdf -> map(u32(), depth + 1);
				default -> throw new NotepackException(
						"Invalid prefix 0x" + Integer.toHexString(prefix) + " at offset " + (this.position - 1));
			};
		}

		private ArrayNode array(long size, int depth) {
			checkDepth(depth);
			// every element takes at least one byte
			require(size);
			ArrayNode array = NODES.arrayNode((int) size);
			for (long i = 0; i < size; i++) {
				JsonNode element = value(depth);
				array.add((element == UNDEFINED) ? NODES.nullNode() : element);
			}
			return array;
		}

		private ObjectNode map(long size, int depth) {
			checkDepth(depth);
			// every entry takes at least two bytes
			require(size * 2);
			ObjectNode map = NODES.objectNode();
			for (long i = 0; i < size; i++) {
				String key = key();
				JsonNode value = value(depth);
				if (value == UNDEFINED) {
					// JSON.stringify and notepack.io leave undefined properties out
					map.remove(key);
				}
				else {
					map.set(key, value);
				}
			}
			return map;
		}

		/**
		 * Read a map key: a string, or a number turned into text as a JavaScript object
		 * key would be.
		 */
		private String key() {
			int prefix = u8();
			if (prefix >= 0xa0 && prefix < 0xc0) {
				return string(prefix & 0x1f);
			}
			return switch (prefix) {
				case 0xd9 -> string(u8());
				case 0xda -> string(u16());
				case 0xdb -> string(u32());
				case 0xca -> numberText(Float.intBitsToFloat(s32()));
				case 0xcb -> numberText(Double.longBitsToDouble(s64()));
				case 0xcc -> Integer.toString(u8());
				case 0xcd -> Integer.toString(u16());
				case 0xce -> Long.toString(u32());
				case 0xcf -> Long.toUnsignedString(s64());
				case 0xd0 -> Integer.toString((byte) u8());
				case 0xd1 -> Integer.toString((short) u16());
				case 0xd2 -> Integer.toString(s32());
				case 0xd3 -> Long.toString(s64());
				default -> {
					if (prefix < 0x80) {
						yield Integer.toString(prefix);
					}
					if (prefix >= 0xe0) {
						yield Integer.toString(prefix - 0x100);
					}
					throw new NotepackException("Unsupported map key with prefix 0x" + Integer.toHexString(prefix)
							+ " at offset " + (this.position - 1));
				}
			};
		}

		private JsonNode fixext(int length) {
			int type = (byte) u8();
			if (type == EXT_OLD) {
				switch (length) {
					case 1 -> {
						// old-style undefined, whatever its data byte
						require(1);
						this.position++;
						return UNDEFINED;
					}
					case 8 -> {
						// old-style Date: milliseconds as int64
						return date((double) s32() * TWO_32 + u32());
					}
					default -> {
						return NODES.binaryNode(bytes(length));
					}
				}
			}
			if (type == EXT_TIMESTAMP) {
				if (length == 4) {
					return date(u32() * 1e3);
				}
				if (length == 8) {
					long high = u32();
					long low = u32();
					double seconds = (double) (high & 0x3) * TWO_32 + low;
					return date(seconds * 1e3 + (high >>> 2) / 1e6);
				}
			}
			throw unsupportedExt(type, length);
		}

		/**
		 * Read an {@code ext 8}, {@code ext 16} or {@code ext 32} value: the 96-bit
		 * timestamp is only read from {@code ext 8}, as {@code notepack.io} does.
		 */
		private JsonNode ext(long length, boolean ext8) {
			int type = (byte) u8();
			if (type == EXT_OLD) {
				// old-style ArrayBuffer
				return NODES.binaryNode(bytes(length));
			}
			if (type == EXT_TIMESTAMP && length == 12 && ext8) {
				long nanos = u32();
				double seconds = (double) s32() * TWO_32 + u32();
				return date(seconds * 1e3 + nanos / 1e6);
			}
			throw unsupportedExt(type, length);
		}

		private NotepackException unsupportedExt(int type, long length) {
			return new NotepackException("Unsupported extension type " + type + " of " + length + " bytes at offset "
					+ this.position);
		}

		private JsonNode integer(long value) {
			return (value == (int) value) ? NODES.numberNode((int) value) : NODES.numberNode(value);
		}

		private JsonNode unsigned64(long value) {
			if (value >= 0) {
				return integer(value);
			}
			return NODES.numberNode(new BigInteger(Long.toUnsignedString(value)));
		}

		private String string(long length) {
			require(length);
			String value = new String(this.in, this.position, (int) length, StandardCharsets.UTF_8);
			this.position += (int) length;
			return value;
		}

		private byte[] bytes(long length) {
			require(length);
			byte[] value = Arrays.copyOfRange(this.in, this.position, this.position + (int) length);
			this.position += (int) length;
			return value;
		}

		private void require(long length) {
			if (length > this.in.length - this.position) {
				throw new NotepackException("Truncated input: " + length + " bytes needed at offset " + this.position
						+ ", " + (this.in.length - this.position) + " left");
			}
		}

		private int u8() {
			require(1);
			return this.in[this.position++] & 0xff;
		}

		private int u16() {
			require(2);
			int value = ((this.in[this.position] & 0xff) << 8) | (this.in[this.position + 1] & 0xff);
			this.position += 2;
			return value;
		}

		private int s32() {
			require(4);
			byte[] in = this.in;
			int p = this.position;
			int value = ((in[p] & 0xff) << 24) | ((in[p + 1] & 0xff) << 16) | ((in[p + 2] & 0xff) << 8)
					| (in[p + 3] & 0xff);
			this.position = p + 4;
			return value;
		}

		private long u32() {
			return s32() & 0xffffffffL;
		}

		private long s64() {
			require(8);
			return ((long) s32() << 32) | u32();
		}

		private static void checkDepth(int depth) {
			if (depth > MAX_DEPTH) {
				throw new NotepackException("Nested deeper than " + MAX_DEPTH + " levels");
			}
		}

	}

	/**
	 * Return what {@code JSON.stringify} writes for {@code new Date(time)}: the ISO-8601
	 * instant with milliseconds, or {@code null} for an invalid date.
	 * @param time the time in milliseconds, computed as {@code notepack.io} computes it
	 */
	private static JsonNode date(double time) {
		// TimeClip: out of range is an invalid date, otherwise truncated towards zero
		if (!(Math.abs(time) <= MAX_TIME)) {
			return NODES.nullNode();
		}
		long millis = (long) time;
		LocalDateTime dateTime = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000),
				(int) Math.floorMod(millis, 1000) * 1_000_000, ZoneOffset.UTC);
		StringBuilder text = new StringBuilder(27);
		int year = dateTime.getYear();
		if (year >= 0 && year <= 9999) {
			pad(text, year, 4);
		}
		else {
			text.append((year < 0) ? '-' : '+');
			pad(text, Math.abs(year), 6);
		}
		pad(text.append('-'), dateTime.getMonthValue(), 2);
		pad(text.append('-'), dateTime.getDayOfMonth(), 2);
		pad(text.append('T'), dateTime.getHour(), 2);
		pad(text.append(':'), dateTime.getMinute(), 2);
		pad(text.append(':'), dateTime.getSecond(), 2);
		pad(text.append('.'), dateTime.getNano() / 1_000_000, 3);
		return NODES.stringNode(text.append('Z').toString());
	}

	private static StringBuilder pad(StringBuilder text, int value, int width) {
		String digits = Integer.toString(value);
		for (int i = digits.length(); i < width; i++) {
			text.append('0');
		}
		return text.append(digits);
	}

	/**
	 * Return a floating-point number as a JavaScript property key: in the layout of
	 * {@code Number::toString}, with the digits of {@link Double#toString(double)}.
	 */
	private static String numberText(double value) {
		if (Double.isNaN(value)) {
			return "NaN";
		}
		if (Double.isInfinite(value)) {
			return (value > 0) ? "Infinity" : "-Infinity";
		}
		if (value == 0) {
			return "0";
		}
		BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
		String digits = decimal.unscaledValue().toString();
		int k = digits.length();
		// value = digits x 10^(n - k)
		int n = k - decimal.scale();
		StringBuilder text = new StringBuilder(k + 8);
		if (value < 0) {
			text.append('-');
		}
		if (k <= n && n <= 21) {
			text.append(digits).append("0".repeat(n - k));
		}
		else if (0 < n && n <= 21) {
			text.append(digits, 0, n).append('.').append(digits, n, k);
		}
		else if (-6 < n && n <= 0) {
			text.append("0.").append("0".repeat(-n)).append(digits);
		}
		else {
			text.append(digits.charAt(0));
			if (k > 1) {
				text.append('.').append(digits, 1, k);
			}
			text.append('e').append((n > 0) ? '+' : '-').append(Math.abs(n - 1));
		}
		return text.toString();
	}

	/**
	 * Thrown when bytes are not a valid {@code notepack.io} message, or a tree cannot be
	 * encoded as one.
	 */
	public static final class NotepackException extends IllegalArgumentException {

		@Serial
		private static final long serialVersionUID = 1L;

		/**
		 * Create a new exception.
		 * @param message the reason
		 */
		public NotepackException(String message) {
			super(message);
		}

	}

}
