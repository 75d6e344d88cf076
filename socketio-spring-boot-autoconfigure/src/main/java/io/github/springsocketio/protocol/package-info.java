/**
 * Socket.IO protocol revision 5 packet codec: packet types, the text encoding with
 * its namespace, acknowledgement id and JSON payload, and binary attachments.
 * <p>
 * Pure encoding and decoding, without I/O: this package knows nothing of Engine.IO
 * and moves {@link io.github.springsocketio.protocol.Packet packets} to and from the
 * text and binary messages that the transport layer carries.
 */
@NullMarked
package io.github.springsocketio.protocol;

import org.jspecify.annotations.NullMarked;
