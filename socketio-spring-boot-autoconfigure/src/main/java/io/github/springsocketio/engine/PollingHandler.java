package io.github.springsocketio.engine;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * The HTTP half of the long-polling transport: a GET becomes a {@link PendingPoll} of
 * the session's {@link PollingTransport} and its answer a payload; a POST's body is
 * read within the limits and handed to the session.
 */
final class PollingHandler {

	private static final Logger logger = LoggerFactory.getLogger(PollingHandler.class);

	private static final String TOO_MANY_BODIES = "Too many requests in progress";

	private final EngineIoOptions options;

	private final HttpAnswers answers;

	private final AtomicInteger bodies = new AtomicInteger();

	PollingHandler(EngineIoOptions options, HttpAnswers answers) {
		this.options = options;
		this.answers = answers;
	}

	/**
	 * Answer a GET with the session's next packets.
	 * @param setCookie value of a {@code Set-Cookie} header for the answer (the
	 * handshake's), or {@code null} for none
	 */
	Mono<Void> poll(ServerWebExchange exchange, PollingTransport polling, @Nullable String setCookie) {
		return Mono.<List<EnginePacket>>create((sink) -> {
			SinkPoll pending = new SinkPoll(sink);
			sink.onCancel(() -> polling.cancelled(pending));
			polling.poll(pending);
		}).flatMap((batch) -> {
			PollingPayload payload = polling.encode(batch);
			ServerHttpResponse response = exchange.getResponse();
			response.setStatusCode(HttpStatus.OK);
			HttpHeaders headers = response.getHeaders();
			headers.set(HttpHeaders.CONTENT_TYPE, payload.contentType());
			headers.setCacheControl(HttpAnswers.NO_STORE);
			if (setCookie != null) {
				headers.set(HttpHeaders.SET_COOKIE, setCookie);
			}
			headers.setContentLength(payload.body().length);
			return response.writeWith(Mono.just(response.bufferFactory().wrap(payload.body())))
				.doFinally((signal) -> polling.written(batch));
		}).onErrorResume(EngineRequestException.class, (ex) -> this.answers.error(exchange, ex.error(), null, false));
	}

	/**
	 * Read a POST's body (bounded by {@code maxHttpBufferSize}, with at most
	 * {@code maxConcurrentPollingBodies} read at once) and hand it to the session.
	 */
	Mono<Void> post(ServerWebExchange exchange, SessionCore session, PollingTransport polling) {
		ServerHttpRequest request = exchange.getRequest();
		long maxSize = this.options.maxHttpBufferSize();
		long declaredLength = request.getHeaders().getContentLength();
		if (declaredLength > maxSize) {
			return this.answers.payloadTooLarge(exchange);
		}
		if (!acquireBody()) {
			return this.answers.unavailable(exchange, TOO_MANY_BODIES);
		}
		EngineError refusal = polling.beginPost();
		if (refusal != null) {
			this.bodies.decrementAndGet();
			return this.answers.error(exchange, refusal, null, false);
		}
		// the POST must end before its answer is written: the client may send the next
		// one as soon as it reads the answer, on another connection (another thread)
		AtomicBoolean ended = new AtomicBoolean();
		Runnable endPost = () -> {
			if (ended.compareAndSet(false, true)) {
				this.bodies.decrementAndGet();
				polling.endPost();
			}
		};
		String contentType = request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
		boolean binaryContent = contentType != null && contentType.startsWith(PollingPayload.BINARY);
		return PostBody.read(request.getBody(), maxSize, 2 * maxSize, declaredLength)
			.onErrorResume((ex) -> {
				// the connection dropped before the body was complete: like the reference,
				// close the session at once
				logger.debug("Request body of {} failed: {}", session, ex.toString());
				session.terminate(CloseReason.TRANSPORT_ERROR);
				return Mono.empty();
			})
			.flatMap((body) -> {
				exchange.getAttributes().put(HttpAnswers.BODY_READ, body.ended());
				if (body.tooLarge()) {
					endPost.run();
					return this.answers.payloadTooLarge(exchange);
				}
				boolean accepted = session.receivePayload(body.bytes(), binaryContent);
				endPost.run();
				return accepted ? this.answers.ok(exchange)
						: this.answers.error(exchange, EngineError.BAD_REQUEST, null, false);
			})
			.doFinally((signal) -> endPost.run());
	}

	/**
	 * Count a POST body about to be read, unless {@code maxConcurrentPollingBodies} are
	 * being read already.
	 * @return whether it may be read; if so, {@link #releaseBody()} must follow
	 */
	boolean acquireBody() {
		if (this.bodies.incrementAndGet() > this.options.maxConcurrentPollingBodies()) {
			this.bodies.decrementAndGet();
			return false;
		}
		return true;
	}

	/** A body counted by {@link #acquireBody()} was read or given up. */
	void releaseBody() {
		this.bodies.decrementAndGet();
	}

	/** A GET waiting in its session, answered through the request's sink. */
	private record SinkPoll(MonoSink<List<EnginePacket>> sink) implements PendingPoll {

		@Override
		public void answer(List<EnginePacket> packets) {
			this.sink.success(packets);
		}

		@Override
		public void refuse(EngineError error) {
			this.sink.error(new EngineRequestException(error));
		}

	}

}
