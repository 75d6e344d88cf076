package io.github.springsocketio.javaclient;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Emits events from a socket with flags: an acknowledgement timeout
 * ({@link ClientSocket#timeout(Duration)}) or volatile delivery
 * ({@link ClientSocket#volatile_()}). Immutable: each flag returns a new emitter.
 */
public final class Emitter {

	private final ClientSocket socket;

	private final @Nullable Duration timeout;

	private final boolean volatile_;

	Emitter(ClientSocket socket, @Nullable Duration timeout, boolean volatile_) {
		this.socket = socket;
		this.timeout = timeout;
		this.volatile_ = volatile_;
	}

	/**
	 * Return an emitter whose acknowledgements fail with a
	 * {@link java.util.concurrent.TimeoutException} after a time.
	 * @param timeout how long to wait for an acknowledgement
	 * @return the emitter
	 */
	public Emitter timeout(Duration timeout) {
		return new Emitter(this.socket, Objects.requireNonNull(timeout, "timeout"), this.volatile_);
	}

	/**
	 * Return an emitter whose events are dropped, not buffered, when they cannot be
	 * written at once (the socket is disconnected or the transport busy).
	 * @return the emitter
	 */
	public Emitter volatile_() {
		return new Emitter(this.socket, this.timeout, true);
	}

	/**
	 * Emit an event, now or, while the socket is disconnected, once it connects (unless
	 * volatile). The arguments are converted to JSON through the client's mapper;
	 * {@code byte[]} and {@link java.nio.ByteBuffer} values anywhere in them go as binary
	 * attachments.
	 * @param event the event name
	 * @param args the arguments
	 */
	public void emit(String event, Object... args) {
		this.socket.send(event, args, this.volatile_);
	}

	/**
	 * Emit an event and wait for the server's acknowledgement. Each subscription emits
	 * the event once.
	 * @param event the event name
	 * @param args the arguments
	 * @return the acknowledgement's arguments; an error on timeout or if the socket
	 * disconnects first
	 */
	public Mono<Arguments> emitWithAck(String event, Object... args) {
		return this.socket.sendWithAck(event, args, this.volatile_, this.timeout);
	}

	/**
	 * Emit an event and wait for the server's acknowledgement, converting its first
	 * argument.
	 * @param <R> the type of the acknowledgement's first argument
	 * @param event the event name
	 * @param replyType the type of the acknowledgement's first argument
	 * @param args the arguments
	 * @return the first argument (empty if it is absent or {@code null}); an error on
	 * timeout or if the socket disconnects first
	 */
	public <R> Mono<R> emitWithAck(String event, Class<R> replyType, Object... args) {
		return emitWithAck(event, args).mapNotNull((arguments) -> arguments.get(0, replyType));
	}

}
