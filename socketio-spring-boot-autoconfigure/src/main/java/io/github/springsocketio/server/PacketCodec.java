package io.github.springsocketio.server;

import java.util.ArrayList;
import java.util.List;

import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.protocol.EncodedPacket;
import io.github.springsocketio.protocol.MsgpackPacketDecoder;
import io.github.springsocketio.protocol.MsgpackPacketEncoder;
import io.github.springsocketio.protocol.Packet;
import io.github.springsocketio.protocol.PacketDecoder;
import io.github.springsocketio.protocol.PacketEncoder;
import io.github.springsocketio.protocol.PacketReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parser of a server ({@link SocketIOServerOptions#parser()}), chosen once: how its
 * packets become Engine.IO messages, encoded once per packet whatever the number of
 * recipients, and what reads the messages of each client.
 */
sealed interface PacketCodec {

	/**
	 * Encode a packet.
	 * @param packet the packet
	 * @return the messages that carry it, in order
	 */
	List<EnginePacket> encode(Packet packet);

	/**
	 * Return the reader of a new client's messages.
	 * @return a reader for one client
	 */
	PacketReader newReader();

	static PacketCodec of(SocketIOServerOptions options, JsonMapper mapper) {
		return switch (options.parser()) {
			case DEFAULT -> new Default(new PacketEncoder(mapper), mapper, options.maxAttachments());
			case MSGPACK -> new Msgpack(new MsgpackPacketEncoder(mapper));
		};
	}

	/**
	 * {@code socket.io-parser}: a text message, then the binary attachments.
	 */
	final class Default implements PacketCodec {

		private final PacketEncoder encoder;

		private final JsonMapper mapper;

		private final int maxAttachments;

		Default(PacketEncoder encoder, JsonMapper mapper, int maxAttachments) {
			this.encoder = encoder;
			this.mapper = mapper;
			this.maxAttachments = maxAttachments;
		}

		@Override
		public List<EnginePacket> encode(Packet packet) {
			EncodedPacket encoded = this.encoder.encode(packet);
			if (encoded.attachments().isEmpty()) {
				return List.of(EnginePacket.message(encoded.text()));
			}
			List<EnginePacket> messages = new ArrayList<>(encoded.attachments().size() + 1);
			messages.add(EnginePacket.message(encoded.text()));
			for (byte[] attachment : encoded.attachments()) {
				messages.add(EnginePacket.binary(attachment));
			}
			return messages;
		}

		@Override
		public PacketReader newReader() {
			return new PacketDecoder(this.mapper, this.maxAttachments);
		}

	}

	/**
	 * {@code socket.io-msgpack-parser}: one binary message per packet; its decoder is
	 * stateless and shared by every client.
	 */
	final class Msgpack implements PacketCodec {

		private static final MsgpackPacketDecoder DECODER = new MsgpackPacketDecoder();

		private final MsgpackPacketEncoder encoder;

		Msgpack(MsgpackPacketEncoder encoder) {
			this.encoder = encoder;
		}

		@Override
		public List<EnginePacket> encode(Packet packet) {
			return List.of(EnginePacket.binary(this.encoder.encode(packet)));
		}

		@Override
		public PacketReader newReader() {
			return DECODER;
		}

	}

}
