/**
 * Engine.IO server (protocol revisions 4 and 3) on Spring WebFlux: handshake, HTTP
 * long-polling and WebSocket transports, the upgrade from polling to WebSocket,
 * heartbeats, payload limits and the session seam to the layer above.
 * <p>
 * This package knows nothing of Socket.IO: it moves opaque text and binary messages
 * between a client and an {@link io.github.springsocketio.engine.EngineSessionHandler}.
 */
@NullMarked
package io.github.springsocketio.engine;

import org.jspecify.annotations.NullMarked;
