package io.github.springsocketio.engine;

import java.util.Arrays;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The body of a polling POST, read up to {@code maxHttpBufferSize} bytes. A body
 * beyond the limit is refused but read on, and dropped, up to the same number of bytes
 * again: closing a connection whose request is still arriving makes the peer's TCP
 * stack reset it, and the reset can overtake the answer, so the client would see a
 * dropped connection instead of a 413. A body longer than twice the limit stops being
 * read; its connection must then be closed.
 */
final class PostBody {

	private static final byte[] EMPTY = new byte[0];

	private final long maxSize;

	private byte[] bytes;

	private int length;

	private boolean tooLarge;

	private long dropped;

	private boolean ended;

	private PostBody(long maxSize, long declaredLength) {
		this.maxSize = maxSize;
		this.bytes = (declaredLength > 0 && declaredLength <= maxSize) ? new byte[(int) declaredLength] : EMPTY;
	}

	/**
	 * Read a request body.
	 * @param body the request's body, each buffer released here
	 * @param maxSize the largest body accepted
	 * @param declaredLength the request's {@code Content-Length}, or a negative number
	 * @return the body read, once it ended or once too much of it was dropped
	 */
	static Mono<PostBody> read(Flux<DataBuffer> body, long maxSize, long declaredLength) {
		PostBody post = new PostBody(maxSize, declaredLength);
		return body.takeWhile(post::add).then(Mono.fromSupplier(post::end));
	}

	/** Take a buffer of the body; {@code false} once enough of it was dropped. */
	private boolean add(DataBuffer buffer) {
		try {
			int count = buffer.readableByteCount();
			if (!this.tooLarge && this.length + (long) count > this.maxSize) {
				this.tooLarge = true;
				this.dropped = this.length;
				this.bytes = EMPTY;
				this.length = 0;
			}
			if (this.tooLarge) {
				this.dropped += count;
				return this.dropped <= 2 * this.maxSize;
			}
			if (this.length + count > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, (int) Math.min(this.maxSize,
						Math.max(this.length + (long) count, 2L * this.bytes.length)));
			}
			buffer.read(this.bytes, this.length, count);
			this.length += count;
			return true;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private PostBody end() {
		this.ended = this.dropped <= 2 * this.maxSize;
		return this;
	}

	/**
	 * Whether the body was longer than the limit.
	 * @return {@code true} if it was refused
	 */
	boolean tooLarge() {
		return this.tooLarge;
	}

	/**
	 * Whether the whole body was read, so the connection can serve the next request.
	 * @return {@code false} if reading stopped before the body's end
	 */
	boolean ended() {
		return this.ended;
	}

	/**
	 * The body's bytes, if it was not too large.
	 * @return the bytes
	 */
	byte[] bytes() {
		return (this.length == this.bytes.length) ? this.bytes : Arrays.copyOf(this.bytes, this.length);
	}

}
