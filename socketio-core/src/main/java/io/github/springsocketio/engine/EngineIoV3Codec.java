package io.github.springsocketio.engine;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * Engine.IO protocol revision 3 (socket.io-client 2.x): length-prefixed polling
 * payloads, either as text ({@code <length>:<packet>}, lengths in UTF-16 code units as
 * JavaScript counts them, binary as {@code b4} + base64) or, when the payload holds
 * binary data and the client supports it, as a binary payload
 * ({@code <0|1><length digits>0xFF<packet>}); WebSocket binary frames carry the
 * packet type as their first byte.
 */
final class EngineIoV3Codec implements EngineIoCodec {

	/** The shared instance. */
	public static final EngineIoV3Codec INSTANCE = new EngineIoV3Codec();

	private static final int MAX_LENGTH_DIGITS = 310;

	private static final int STRING_MARKER = 0;

	private static final int BINARY_MARKER = 1;

	private static final int LENGTH_END = 0xFF;

	private EngineIoV3Codec() {
	}

	@Override
	public int protocolVersion() {
		return 3;
	}

	@Override
	public PollingPayload encodePayload(List<EnginePacket> packets, boolean supportsBinary) {
		if (supportsBinary && packets.stream().anyMatch(EnginePacket::isBinary)) {
			return new PollingPayload(encodeBinaryPayload(packets), PollingPayload.BINARY);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(64);
		for (EnginePacket packet : packets) {
			if (packet.isBinary()) {
				String encoded = "b" + packet.type().code() + Base64.getEncoder().encodeToString(packet.binary());
				out.writeBytes((encoded.length() + ":" + encoded).getBytes(StandardCharsets.US_ASCII));
			}
			else {
				String text = packet.text();
				int length = 1 + ((text != null) ? text.length() : 0);
				out.writeBytes((length + ":").getBytes(StandardCharsets.US_ASCII));
				out.writeBytes(packet.encodedText());
			}
		}
		return new PollingPayload(out.toByteArray(), PollingPayload.TEXT);
	}

	private static byte[] encodeBinaryPayload(List<EnginePacket> packets) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(64);
		for (EnginePacket packet : packets) {
			byte[] data = packet.isBinary() ? packet.binary() : packet.encodedText();
			int length = packet.isBinary() ? data.length + 1 : data.length;
			out.write(packet.isBinary() ? BINARY_MARKER : STRING_MARKER);
			String digits = Integer.toString(length);
			for (int i = 0; i < digits.length(); i++) {
				out.write(digits.charAt(i) - '0');
			}
			out.write(LENGTH_END);
			if (packet.isBinary()) {
				out.write(packet.type().code() - '0');
			}
			out.writeBytes(data);
		}
		return out.toByteArray();
	}

	@Override
	public void decodePayload(byte[] body, boolean binaryContent, Consumer<EnginePacket> consumer)
			throws EngineParseException {
		if (binaryContent) {
			decodeBinaryPayload(body, consumer);
		}
		else {
			decodeTextPayload(new String(body, StandardCharsets.UTF_8), consumer);
		}
	}

	private void decodeTextPayload(String payload, Consumer<EnginePacket> consumer) throws EngineParseException {
		if (payload.isEmpty()) {
			throw new EngineParseException("empty payload");
		}
		int position = 0;
		while (position < payload.length()) {
			int colon = payload.indexOf(':', position);
			if (colon < 0 || colon == position || colon - position > MAX_LENGTH_DIGITS) {
				throw new EngineParseException("missing packet length");
			}
			int length = parseLength(payload, position, colon);
			int start = colon + 1;
			if (length > payload.length() - start) {
				throw new EngineParseException("packet length exceeds the payload");
			}
			if (length > 0) {
				consumer.accept(decodeTextFrame(payload.substring(start, start + length)));
			}
			position = start + length;
		}
	}

	private static int parseLength(String payload, int from, int to) throws EngineParseException {
		long length = 0;
		for (int i = from; i < to; i++) {
			char c = payload.charAt(i);
			if (c < '0' || c > '9') {
				throw new EngineParseException("invalid packet length");
			}
			length = length * 10 + (c - '0');
			if (length > Integer.MAX_VALUE) {
				throw new EngineParseException("packet length too large");
			}
		}
		return (int) length;
	}

	private void decodeBinaryPayload(byte[] body, Consumer<EnginePacket> consumer) throws EngineParseException {
		if (body.length == 0) {
			throw new EngineParseException("empty payload");
		}
		int position = 0;
		while (position < body.length) {
			int marker = body[position++];
			if (marker != STRING_MARKER && marker != BINARY_MARKER) {
				throw new EngineParseException("invalid binary payload marker");
			}
			long length = 0;
			int digits = 0;
			while (true) {
				if (position >= body.length) {
					throw new EngineParseException("truncated packet length");
				}
				int digit = body[position++] & 0xFF;
				if (digit == LENGTH_END) {
					break;
				}
				if (digit > 9 || ++digits > MAX_LENGTH_DIGITS || (length = length * 10 + digit) > Integer.MAX_VALUE) {
					throw new EngineParseException("invalid packet length");
				}
			}
			if (digits == 0 || length > body.length - position) {
				throw new EngineParseException("packet length exceeds the payload");
			}
			int end = position + (int) length;
			if (marker == STRING_MARKER) {
				consumer.accept(decodeTextFrame(decodeUtf8(body, position, end - position)));
			}
			else {
				byte[] frame = Arrays.copyOfRange(body, position, end);
				consumer.accept(decodeBinaryFrame(frame));
			}
			position = end;
		}
	}

	/**
	 * Decode the string packet of a binary payload strictly, as the reference decoder's
	 * {@code utf8.decode} does: malformed UTF-8 is a parse error, not U+FFFD.
	 */
	private static String decodeUtf8(byte[] body, int offset, int length) throws EngineParseException {
		try {
			return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body, offset, length)).toString();
		}
		catch (CharacterCodingException ex) {
			throw new EngineParseException("invalid UTF-8 in string packet");
		}
	}

	@Override
	public EnginePacket decodeTextFrame(String frame) throws EngineParseException {
		if (frame.isEmpty()) {
			throw new EngineParseException("empty packet");
		}
		char code = frame.charAt(0);
		if (code == 'b') {
			if (frame.length() < 2 || EnginePacketType.fromCode(frame.charAt(1)) != EnginePacketType.MESSAGE) {
				throw new EngineParseException("invalid base64 packet");
			}
			return EnginePacket.binary(EngineIoV4Codec.decodeBase64(frame, 2));
		}
		EnginePacketType type = EnginePacketType.fromCode(code);
		if (type == null) {
			throw new EngineParseException("unknown packet type '" + code + "'");
		}
		return EnginePacket.of(type, (frame.length() > 1) ? frame.substring(1) : null);
	}

	@Override
	public EnginePacket decodeBinaryFrame(byte[] frame) throws EngineParseException {
		if (frame.length == 0 || EnginePacketType.fromCode(frame[0] + '0') != EnginePacketType.MESSAGE) {
			throw new EngineParseException("invalid binary packet");
		}
		return EnginePacket.binary(Arrays.copyOfRange(frame, 1, frame.length));
	}

	@Override
	public byte[] encodeFrame(EnginePacket packet) {
		if (!packet.isBinary()) {
			return packet.encodedText();
		}
		byte[] data = packet.binary();
		byte[] frame = new byte[data.length + 1];
		frame[0] = (byte) (packet.type().code() - '0');
		System.arraycopy(data, 0, frame, 1, data.length);
		return frame;
	}

}
