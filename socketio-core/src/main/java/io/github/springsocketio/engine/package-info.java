/**
 * Engine.IO wire codecs (protocol revisions 4 and 3): packets, packet types, WebSocket
 * frames and long-polling payloads. Pure encoding and decoding, without I/O, shared by
 * the server (whose transports live in the same package, in
 * {@code socketio-spring-boot-autoconfigure}) and the Java client.
 */
@NullMarked
package io.github.springsocketio.engine;

import org.jspecify.annotations.NullMarked;
