/**
 * A reactive Socket.IO v4 client (Socket.IO protocol 5 over Engine.IO protocol 4) on
 * Reactor Netty's {@link reactor.netty.http.client.HttpClient}: HTTP long-polling,
 * WebSocket and the upgrade from one to the other, several namespaces multiplexed on
 * one connection, acknowledgements both ways, binary payloads, reconnection with
 * back-off and connection state recovery.
 * <p>
 * Start with {@link io.github.springsocketio.javaclient.SocketIOClient#builder(java.net.URI)}.
 */
@NullMarked
package io.github.springsocketio.javaclient;

import org.jspecify.annotations.NullMarked;
