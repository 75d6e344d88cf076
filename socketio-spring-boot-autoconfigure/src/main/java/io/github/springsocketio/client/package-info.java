/**
 * Serving of the official Socket.IO JavaScript client bundle
 * ({@code socket.io-client}'s {@code dist} files, found on the classpath in WebJar
 * layout) at the server's path, as the reference server's {@code serveClient} option
 * does.
 */
@NullMarked
package io.github.springsocketio.client;

import org.jspecify.annotations.NullMarked;
