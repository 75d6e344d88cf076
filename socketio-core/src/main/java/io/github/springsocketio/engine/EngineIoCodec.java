package io.github.springsocketio.engine;

import java.util.List;
import java.util.function.Consumer;

/**
 * Wire encoding of one Engine.IO protocol revision: polling payloads and WebSocket
 * frames. Implementations are stateless and thread-safe.
 */
public sealed interface EngineIoCodec permits EngineIoV4Codec, EngineIoV3Codec {

	/**
	 * Return the protocol revision ({@code EIO} query parameter) this codec speaks.
	 * @return 4 or 3
	 */
	int protocolVersion();

	/**
	 * Encode packets into one long-polling response body.
	 * @param packets the packets, at least one
	 * @param supportsBinary whether the client accepts binary payloads (v3 only; v4
	 * always sends text)
	 * @return the body and its content type
	 */
	PollingPayload encodePayload(List<EnginePacket> packets, boolean supportsBinary);

	/**
	 * Decode a long-polling request body, handing each packet to the consumer in order.
	 * Packets before a malformed one are delivered before the exception is thrown, as
	 * the reference decoder does.
	 * @param body the request body
	 * @param binaryContent whether the request declared
	 * {@code Content-Type: application/octet-stream}
	 * @param consumer receives each packet
	 * @throws EngineParseException if the body is malformed
	 */
	void decodePayload(byte[] body, boolean binaryContent, Consumer<EnginePacket> consumer)
			throws EngineParseException;

	/**
	 * Decode one WebSocket text frame.
	 * @param frame the frame's text
	 * @return the packet
	 * @throws EngineParseException if the frame is malformed
	 */
	EnginePacket decodeTextFrame(String frame) throws EngineParseException;

	/**
	 * Decode one WebSocket binary frame.
	 * @param frame the frame's bytes (owned by the caller's copy)
	 * @return the packet
	 * @throws EngineParseException if the frame is malformed
	 */
	EnginePacket decodeBinaryFrame(byte[] frame) throws EngineParseException;

	/**
	 * Encode a packet for one WebSocket frame.
	 * @param packet the packet
	 * @return the frame's bytes: UTF-8 text for a text frame, raw bytes for a binary
	 * frame (see {@link EnginePacket#isBinary()})
	 */
	byte[] encodeFrame(EnginePacket packet);

}
