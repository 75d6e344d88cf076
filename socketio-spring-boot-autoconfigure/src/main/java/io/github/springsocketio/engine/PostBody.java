package io.github.springsocketio.engine;

import java.util.Arrays;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A request body, kept up to a size and read on, and dropped, up to a longer limit.
 * A polling POST keeps up to {@code maxHttpBufferSize} bytes; a refused body is read to
 * its end when it can be, because closing a connection whose request is still arriving
 * makes the peer's TCP stack reset it, and the reset can overtake the answer: the
 * client would see a dropped connection instead of a 413 or a 400. A body longer than
 * the read limit stops being read; its connection must then be closed.
 */
final class PostBody {

	private static final byte[] EMPTY = new byte[0];

	private final long maxSize;

	private final long readLimit;

	private byte[] bytes;

	private int length;

	private boolean tooLarge;

	private long dropped;

	private boolean ended;

	private PostBody(long maxSize, long readLimit, long declaredLength) {
		this.maxSize = maxSize;
		this.readLimit = readLimit;
		this.bytes = (declaredLength > 0 && declaredLength <= maxSize) ? new byte[(int) declaredLength] : EMPTY;
	}

	/**
	 * Read a request body.
	 * @param body the request's body, each buffer released here
	 * @param maxSize the largest body kept (0 to drop any)
	 * @param readLimit the most bytes read before giving up on the body's end
	 * @param declaredLength the request's {@code Content-Length}, or a negative number
	 * @return the body read, once it ended or once the read limit was passed
	 */
	static Mono<PostBody> read(Flux<DataBuffer> body, long maxSize, long readLimit, long declaredLength) {
		PostBody post = new PostBody(maxSize, readLimit, declaredLength);
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
				return this.dropped <= this.readLimit;
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
		this.ended = this.dropped <= this.readLimit;
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
