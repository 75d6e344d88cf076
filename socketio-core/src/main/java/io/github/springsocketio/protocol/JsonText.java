package io.github.springsocketio.protocol;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.POJONode;

/**
 * Writes a JSON tree as {@code JSON.stringify} does: compact, strings escaped the same
 * way (lower-case hexadecimal, lone surrogates escaped) and numbers in the JavaScript
 * notation ({@code 1} rather than {@code 1.0}, {@code 1e+21} rather than
 * {@code 1.0E21}, {@code null} for non-finite values). Binary nodes are replaced by
 * attachment placeholders and their bytes collected, in document order.
 */
final class JsonText {

	/** The deepest nesting written, as Jackson's default write constraint. */
	static final int MAX_DEPTH = 1000;

	static final String PLACEHOLDER = "_placeholder";

	static final String NUM = "num";

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private final JsonMapper mapper;

	private final @Nullable List<byte[]> attachments;

	private final StringBuilder out;

	private JsonText(JsonMapper mapper, @Nullable List<byte[]> attachments, StringBuilder out) {
		this.mapper = mapper;
		this.attachments = attachments;
		this.out = out;
	}

	/**
	 * Write a tree.
	 * @param node the tree
	 * @param mapper the mapper converting the values of POJO nodes to trees
	 * @param attachments where to collect binary values, replaced by placeholders; if
	 * {@code null}, binary values are refused
	 * @param out where to write
	 * @throws IllegalArgumentException for a binary value that is refused or a tree
	 * nested more than {@link #MAX_DEPTH} levels
	 */
	static void write(JsonNode node, JsonMapper mapper, @Nullable List<byte[]> attachments, StringBuilder out) {
		new JsonText(mapper, attachments, out).value(node, 0);
	}

	private void value(JsonNode node, int depth) {
		switch (node.getNodeType()) {
			case ARRAY -> array(node, depth + 1);
			case OBJECT -> object(node, depth + 1);
			case STRING -> string(node.stringValue(), this.out);
			case NUMBER -> number(node, this.out);
			case BOOLEAN -> this.out.append(node.booleanValue() ? "true" : "false");
			case BINARY -> binary(node.binaryValue());
			case POJO -> pojo((POJONode) node, depth);
			default -> this.out.append("null");
		}
	}

	private void array(JsonNode node, int depth) {
		checkDepth(depth);
		this.out.append('[');
		int index = 0;
		for (JsonNode element : node) {
			if (index++ > 0) {
				this.out.append(',');
			}
			value(element, depth);
		}
		this.out.append(']');
	}

	private void object(JsonNode node, int depth) {
		checkDepth(depth);
		this.out.append('{');
		boolean first = true;
		for (Map.Entry<String, JsonNode> property : node.properties()) {
			JsonNode value = property.getValue();
			if (value.isMissingNode()) {
				// an undefined property is left out
				continue;
			}
			if (!first) {
				this.out.append(',');
			}
			first = false;
			string(property.getKey(), this.out);
			this.out.append(':');
			value(value, depth);
		}
		this.out.append('}');
	}

	private void binary(byte[] data) {
		if (this.attachments == null) {
			throw new IllegalArgumentException("Binary data is only allowed in EVENT and ACK packets");
		}
		this.out.append("{\"").append(PLACEHOLDER).append("\":true,\"").append(NUM).append("\":")
			.append(this.attachments.size()).append('}');
		this.attachments.add(data);
	}

	private void pojo(POJONode node, int depth) {
		Object pojo = node.getPojo();
		if (pojo == null) {
			this.out.append("null");
			return;
		}
		if (pojo instanceof byte[] data) {
			binary(data);
			return;
		}
		JsonNode tree = this.mapper.valueToTree(pojo);
		if (tree == null || tree.isPojo()) {
			// not convertible: let Jackson write it as it is
			this.out.append(this.mapper.writeValueAsString(pojo));
			return;
		}
		value(tree, depth);
	}

	private static void checkDepth(int depth) {
		if (depth > MAX_DEPTH) {
			throw new IllegalArgumentException("JSON data nested deeper than " + MAX_DEPTH + " levels");
		}
	}

	/**
	 * Write a string as {@code JSON.stringify} does.
	 * @param value the string
	 * @param out where to write
	 */
	static void string(String value, StringBuilder out) {
		out.append('"');
		int length = value.length();
		int start = 0;
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			String escape = null;
			if (c < 0x20 || c == '"' || c == '\\') {
				escape = switch (c) {
					case '"' -> "\\\"";
					case '\\' -> "\\\\";
					case '\b' -> "\\b";
					case '\f' -> "\\f";
					case '\n' -> "\\n";
					case '\r' -> "\\r";
					case '\t' -> "\\t";
					default -> unicodeEscape(c);
				};
			}
			else if (Character.isSurrogate(c)) {
				if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
					i++;
					continue;
				}
				escape = unicodeEscape(c);
			}
			if (escape != null) {
				out.append(value, start, i).append(escape);
				start = i + 1;
			}
		}
		out.append(value, start, length).append('"');
	}

	private static String unicodeEscape(char c) {
		return new String(new char[] { '\\', 'u', HEX[(c >> 12) & 0xF], HEX[(c >> 8) & 0xF], HEX[(c >> 4) & 0xF],
				HEX[c & 0xF] });
	}

	/**
	 * Write a number as {@code JSON.stringify} does.
	 * @param node a number node
	 * @param out where to write
	 */
	static void number(JsonNode node, StringBuilder out) {
		if (node.isIntegralNumber()) {
			if (node.canConvertToLong()) {
				out.append(node.longValue());
			}
			else {
				out.append(node.bigIntegerValue());
			}
		}
		else if (node.isBigDecimal()) {
			decimal(node.decimalValue(), out);
		}
		else if (node.isFloat()) {
			float value = node.floatValue();
			if (Float.isFinite(value)) {
				decimal(shortest(value, true), out);
			}
			else {
				out.append("null");
			}
		}
		else {
			double value = node.doubleValue();
			if (Double.isFinite(value)) {
				decimal(shortest(value, false), out);
			}
			else {
				out.append("null");
			}
		}
	}

	/**
	 * Return the decimal with the fewest significant digits that reads back as the given
	 * value, the closest one to it if there are several, as ECMAScript's
	 * {@code Number::toString} requires ({@link Double#toString(double)} does not
	 * guarantee it before Java 19).
	 */
	private static BigDecimal shortest(double value, boolean isFloat) {
		if (value == 0) {
			return BigDecimal.ZERO;
		}
		BigDecimal exact = new BigDecimal(Math.abs(value));
		int maxDigits = isFloat ? 9 : 17;
		for (int digits = 1; digits < maxDigits; digits++) {
			BigDecimal down = exact.round(new MathContext(digits, RoundingMode.FLOOR));
			BigDecimal up = exact.round(new MathContext(digits, RoundingMode.CEILING));
			boolean downMatches = readsBack(down, Math.abs(value), isFloat);
			boolean upMatches = readsBack(up, Math.abs(value), isFloat);
			BigDecimal result = null;
			if (downMatches && upMatches) {
				int comparison = exact.subtract(down).compareTo(up.subtract(exact));
				result = (comparison < 0 || (comparison == 0 && isEven(down))) ? down : up;
			}
			else if (downMatches) {
				result = down;
			}
			else if (upMatches) {
				result = up;
			}
			if (result != null) {
				return (value < 0) ? result.negate() : result;
			}
		}
		BigDecimal result = exact.round(new MathContext(maxDigits, RoundingMode.HALF_EVEN));
		return (value < 0) ? result.negate() : result;
	}

	private static boolean readsBack(BigDecimal decimal, double value, boolean isFloat) {
		return isFloat ? decimal.floatValue() == (float) value : decimal.doubleValue() == value;
	}

	private static boolean isEven(BigDecimal decimal) {
		return !decimal.unscaledValue().testBit(0);
	}

	/**
	 * Write a decimal in the layout of ECMAScript's {@code Number::toString}.
	 */
	private static void decimal(BigDecimal value, StringBuilder out) {
		if (value.signum() == 0) {
			out.append('0');
			return;
		}
		if (value.signum() < 0) {
			out.append('-');
		}
		BigDecimal stripped = value.abs().stripTrailingZeros();
		String digits = stripped.unscaledValue().toString();
		long k = digits.length();
		// value = digits x 10^(n - k)
		long n = k - (long) stripped.scale();
		if (k <= n && n <= 21) {
			out.append(digits);
			for (long i = k; i < n; i++) {
				out.append('0');
			}
		}
		else if (0 < n && n <= 21) {
			out.append(digits, 0, (int) n).append('.').append(digits, (int) n, (int) k);
		}
		else if (-6 < n && n <= 0) {
			out.append("0.");
			for (long i = n; i < 0; i++) {
				out.append('0');
			}
			out.append(digits);
		}
		else {
			out.append(digits.charAt(0));
			if (k > 1) {
				out.append('.').append(digits, 1, (int) k);
			}
			long exponent = n - 1;
			out.append('e').append((exponent < 0) ? '-' : '+').append(Math.abs(exponent));
		}
	}

}
