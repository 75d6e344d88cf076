package io.github.springsocketio.engine;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * Engine.IO protocol revision 4: polling payloads are text, packets joined by the
 * record separator {@code \x1e}, binary messages as {@code b} followed by base64;
 * WebSocket binary frames carry the raw message.
 */
public final class EngineIoV4Codec implements EngineIoCodec {

	/** The shared instance. */
	public static final EngineIoV4Codec INSTANCE = new EngineIoV4Codec();

	/** Separator between the packets of a payload. */
	public static final byte SEPARATOR = 0x1e;

	private static final byte BASE64_PREFIX = 'b';

	private EngineIoV4Codec() {
	}

	@Override
	public int protocolVersion() {
		return 4;
	}

	@Override
	public PollingPayload encodePayload(List<EnginePacket> packets, boolean supportsBinary) {
		Base64.Encoder base64 = Base64.getEncoder();
		int size = Math.max(0, packets.size() - 1);
		for (EnginePacket packet : packets) {
			size += packet.isBinary() ? 1 + base64Length(packet.binary().length) : packet.encodedText().length;
		}
		byte[] body = new byte[size];
		int position = 0;
		for (EnginePacket packet : packets) {
			if (position > 0) {
				body[position++] = SEPARATOR;
			}
			if (packet.isBinary()) {
				body[position++] = BASE64_PREFIX;
				byte[] encoded = base64.encode(packet.binary());
				System.arraycopy(encoded, 0, body, position, encoded.length);
				position += encoded.length;
			}
			else {
				byte[] encoded = packet.encodedText();
				System.arraycopy(encoded, 0, body, position, encoded.length);
				position += encoded.length;
			}
		}
		return new PollingPayload(body, PollingPayload.TEXT);
	}

	@Override
	public void decodePayload(byte[] body, boolean binaryContent, Consumer<EnginePacket> consumer)
			throws EngineParseException {
		if (binaryContent) {
			throw new EngineParseException("binary payloads are not part of protocol revision 4");
		}
		String text = new String(body, StandardCharsets.UTF_8);
		int start = 0;
		while (true) {
			int end = text.indexOf(SEPARATOR, start);
			if (end < 0) {
				consumer.accept(decodeTextFrame(text.substring(start)));
				return;
			}
			consumer.accept(decodeTextFrame(text.substring(start, end)));
			start = end + 1;
		}
	}

	@Override
	public EnginePacket decodeTextFrame(String frame) throws EngineParseException {
		if (frame.isEmpty()) {
			throw new EngineParseException("empty packet");
		}
		char code = frame.charAt(0);
		if (code == BASE64_PREFIX) {
			return EnginePacket.binary(decodeBase64(frame, 1));
		}
		EnginePacketType type = EnginePacketType.fromCode(code);
		if (type == null) {
			throw new EngineParseException("unknown packet type '" + code + "'");
		}
		return EnginePacket.of(type, (frame.length() > 1) ? frame.substring(1) : null);
	}

	@Override
	public EnginePacket decodeBinaryFrame(byte[] frame) {
		return EnginePacket.binary(frame);
	}

	@Override
	public byte[] encodeFrame(EnginePacket packet) {
		return packet.isBinary() ? packet.binary() : packet.encodedText();
	}

	static byte[] decodeBase64(String text, int offset) throws EngineParseException {
		try {
			return Base64.getDecoder().decode(text.substring(offset));
		}
		catch (IllegalArgumentException ex) {
			throw new EngineParseException("invalid base64 data");
		}
	}

	static int base64Length(int length) {
		return 4 * ((length + 2) / 3);
	}

}
