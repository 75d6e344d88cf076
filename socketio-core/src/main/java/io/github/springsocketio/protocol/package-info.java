/**
 * Socket.IO protocol revision 5 packet codecs: packet types, the default text encoding
 * with its namespace, acknowledgement id and JSON payload, and binary attachments
 * ({@link io.github.springsocketio.protocol.PacketEncoder},
 * {@link io.github.springsocketio.protocol.PacketDecoder}); the MessagePack encoding of
 * {@code socket.io-msgpack-parser}, one binary message per packet
 * ({@link io.github.springsocketio.protocol.MsgpackPacketEncoder},
 * {@link io.github.springsocketio.protocol.MsgpackPacketDecoder}); and
 * {@link io.github.springsocketio.protocol.Notepack}, the MessagePack codec that it and
 * the Redis adapter use.
 * <p>
 * Pure encoding and decoding, without I/O: this package knows nothing of Engine.IO
 * and moves {@link io.github.springsocketio.protocol.Packet packets} to and from the
 * text and binary messages that the transport layer carries.
 */
@NullMarked
package io.github.springsocketio.protocol;

import org.jspecify.annotations.NullMarked;
