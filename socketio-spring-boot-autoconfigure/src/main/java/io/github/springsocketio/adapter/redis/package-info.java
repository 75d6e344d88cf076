/**
 * The Redis adapter: rooms and broadcasts across nodes through Redis pub/sub, on the
 * wire exactly as the Node.js {@code @socket.io/redis-adapter} 8.x (classic pub/sub)
 * and {@code @socket.io/redis-emitter}, so Java and Node.js nodes can share a cluster.
 */
@NullMarked
package io.github.springsocketio.adapter.redis;

import org.jspecify.annotations.NullMarked;
