package io.github.springsocketio.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One immutable Engine.IO packet: a type with optional text data, or a binary
 * message.
 * <p>
 * A packet can be sent to many sessions: the UTF-8 form of its text is computed once
 * and shared, and binary data is never copied, so callers must not modify an array
 * after handing it over.
 */
public final class EnginePacket {

	private static final EnginePacket PING = new EnginePacket(EnginePacketType.PING, null, null);

	private static final EnginePacket PONG = new EnginePacket(EnginePacketType.PONG, null, null);

	private static final EnginePacket CLOSE = new EnginePacket(EnginePacketType.CLOSE, null, null);

	private static final EnginePacket NOOP = new EnginePacket(EnginePacketType.NOOP, null, null);

	private static final EnginePacket UPGRADE = new EnginePacket(EnginePacketType.UPGRADE, null, null);

	private final EnginePacketType type;

	private final @Nullable String text;

	private final byte @Nullable [] binary;

	private volatile byte @Nullable [] encoded;

	private EnginePacket(EnginePacketType type, @Nullable String text, byte @Nullable [] binary) {
		this.type = type;
		this.text = text;
		this.binary = binary;
	}

	/**
	 * Create a text message packet.
	 * @param text the message
	 * @return the packet
	 */
	public static EnginePacket message(String text) {
		return new EnginePacket(EnginePacketType.MESSAGE, Objects.requireNonNull(text, "text"), null);
	}

	/**
	 * Create a binary message packet. The array is shared, not copied.
	 * @param data the message
	 * @return the packet
	 */
	public static EnginePacket binary(byte[] data) {
		return new EnginePacket(EnginePacketType.MESSAGE, null, Objects.requireNonNull(data, "data"));
	}

	/**
	 * Create a packet of any type with optional text data.
	 * @param type the packet type
	 * @param text the data, or {@code null}
	 * @return the packet
	 */
	public static EnginePacket of(EnginePacketType type, @Nullable String text) {
		if (text == null || text.isEmpty()) {
			return switch (type) {
				case PING -> PING;
				case PONG -> PONG;
				case CLOSE -> CLOSE;
				case NOOP -> NOOP;
				case UPGRADE -> UPGRADE;
				default -> new EnginePacket(type, (type == EnginePacketType.MESSAGE) ? "" : null, null);
			};
		}
		return new EnginePacket(type, text, null);
	}

	static EnginePacket ping() {
		return PING;
	}

	static EnginePacket close() {
		return CLOSE;
	}

	static EnginePacket noop() {
		return NOOP;
	}

	/**
	 * Return the packet type.
	 * @return the type
	 */
	public EnginePacketType type() {
		return this.type;
	}

	/**
	 * Return whether this is a binary message.
	 * @return {@code true} for binary data
	 */
	public boolean isBinary() {
		return this.binary != null;
	}

	/**
	 * Return the text data.
	 * @return the text, or {@code null} for a binary message or a packet without data
	 */
	public @Nullable String text() {
		return this.text;
	}

	/**
	 * Return the binary data (shared, not copied).
	 * @return the bytes, or {@code null} for a text packet
	 */
	public byte @Nullable [] binary() {
		return this.binary;
	}

	/**
	 * Return the size of the packet's data in bytes: the length of binary data, or of
	 * the text's UTF-8 encoding (computed once and shared with the transports, which
	 * write that encoding).
	 * @return the number of bytes, without the packet type and transport framing
	 */
	public int dataLength() {
		return (this.binary != null) ? this.binary.length : encodedText().length - 1;
	}

	/**
	 * Return the UTF-8 encoding of the type digit followed by the text data, which is
	 * how a text packet appears in a WebSocket frame and in a polling payload. It is
	 * computed once and shared by every session the packet is sent to.
	 * @return the encoded bytes (never to be modified)
	 */
	byte[] encodedText() {
		byte[] bytes = this.encoded;
		if (bytes == null) {
			String data = (this.text != null) ? this.text : "";
			bytes = utf8(this.type.code() + data);
			this.encoded = bytes;
		}
		return bytes;
	}

	/**
	 * Encode text as UTF-8 the way Node.js does: an unpaired surrogate becomes U+FFFD
	 * (bytes {@code EF BF BD}) rather than the {@code ?} that
	 * {@link String#getBytes(java.nio.charset.Charset)} substitutes.
	 */
	private static byte[] utf8(String text) {
		StringBuilder replaced = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				if (replaced == null) {
					replaced = new StringBuilder(text);
				}
				replaced.setCharAt(i, '\uFFFD');
			}
		}
		return ((replaced != null) ? replaced.toString() : text).getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof EnginePacket that)) {
			return false;
		}
		return this.type == that.type && Objects.equals(this.text, that.text)
				&& Arrays.equals(this.binary, that.binary);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.type, this.text, Arrays.hashCode(this.binary));
	}

	@Override
	public String toString() {
		if (this.binary != null) {
			return "EnginePacket[" + this.type + ", " + this.binary.length + " bytes]";
		}
		return "EnginePacket[" + this.type + ((this.text != null) ? ", \"" + abbreviate(this.text) + "\"]" : "]");
	}

	private static String abbreviate(String text) {
		return (text.length() <= 64) ? text : text.substring(0, 61) + "...";
	}

}
