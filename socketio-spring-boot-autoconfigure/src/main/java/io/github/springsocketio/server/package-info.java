/**
 * The Socket.IO server: {@link io.github.springsocketio.server.SocketIOServer},
 * namespaces, sockets, rooms, broadcasts, middleware and acknowledgements, on top of
 * the Engine.IO layer.
 */
@NullMarked
package io.github.springsocketio.server;

import org.jspecify.annotations.NullMarked;
