package io.github.springsocketio.engine;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * The HTTP answers of the Engine.IO endpoint other than polling payloads: {@code ok},
 * the reference's error bodies, and the limits' 413 and 503.
 */
final class HttpAnswers {

	/** Exchange attribute: whether the request body was read to its end. */
	static final String BODY_READ = HttpAnswers.class.getName() + ".bodyRead";

	static final String NO_STORE = "no-store";

	private static final String OK = "ok";

	static final String OK_CONTENT_TYPE = "text/html";

	static final String JSON = "application/json";

	private static final String WEBSOCKET_ERROR_CONTENT_TYPE = "text/html";

	private final long maxHttpBufferSize;

	HttpAnswers(long maxHttpBufferSize) {
		this.maxHttpBufferSize = maxHttpBufferSize;
	}

	Mono<Void> ok(ServerWebExchange exchange) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.OK);
		response.getHeaders().set(HttpHeaders.CONTENT_TYPE, OK_CONTENT_TYPE);
		response.getHeaders().setCacheControl(NO_STORE);
		return write(response, OK);
	}

	/** A limit of this server is reached: 503, with a body like the reference's errors. */
	Mono<Void> unavailable(ServerWebExchange exchange, String message) {
		return afterBody(exchange, () -> {
			ServerHttpResponse response = exchange.getResponse();
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
			return writeJsonError(response, HttpStatus.SERVICE_UNAVAILABLE, EngineError.FORBIDDEN, message);
		});
	}

	Mono<Void> payloadTooLarge(ServerWebExchange exchange) {
		return afterBody(exchange, () -> {
			ServerHttpResponse response = exchange.getResponse();
			response.setStatusCode(HttpStatus.PAYLOAD_TOO_LARGE);
			response.getHeaders().setContentLength(0);
			return response.setComplete();
		});
	}

	Mono<Void> error(ServerWebExchange exchange, EngineError error, @Nullable String message,
			boolean upgrade) {
		String text = (message != null) ? message : error.message();
		return afterBody(exchange, () -> {
			ServerHttpResponse response = exchange.getResponse();
			if (upgrade) {
				// the reference answers a refused WebSocket upgrade with its message as HTML
				response.setStatusCode(HttpStatus.BAD_REQUEST);
				response.getHeaders().set(HttpHeaders.CONTENT_TYPE, WEBSOCKET_ERROR_CONTENT_TYPE);
				response.getHeaders().set(HttpHeaders.CONNECTION, "close");
				return write(response, text);
			}
			return writeJsonError(response, error.status(), error, text);
		});
	}

	/**
	 * Refuse a WebSocket upgrade from a page of another origin that the CORS settings
	 * do not allow: 403, as Spring's own WebSocket support answers.
	 */
	Mono<Void> crossOriginUpgrade(ServerWebExchange exchange) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.FORBIDDEN);
		response.getHeaders().set(HttpHeaders.CONTENT_TYPE, WEBSOCKET_ERROR_CONTENT_TYPE);
		response.getHeaders().set(HttpHeaders.CONNECTION, "close");
		return write(response, "Cross-origin WebSocket refused");
	}

	/** The reference's error body: {@code {"code":N,"message":"..."}}. */
	private static Mono<Void> writeJsonError(ServerHttpResponse response, HttpStatus status, EngineError error,
			String message) {
		response.setStatusCode(status);
		response.getHeaders().set(HttpHeaders.CONTENT_TYPE, JSON);
		byte[] body = jsonErrorBody(error, message);
		response.getHeaders().setContentLength(body.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	/** The reference's error body: {@code {"code":N,"message":"..."}}. */
	static byte[] jsonErrorBody(EngineError error, String message) {
		return ("{\"code\":" + error.code() + ",\"message\":" + JsonStrings.quote(message) + "}")
			.getBytes(StandardCharsets.UTF_8);
	}

	private static Mono<Void> write(ServerHttpResponse response, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		response.getHeaders().setContentLength(bytes.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
	}

	/**
	 * Answer a request once its body, if it has one that was not read, is read and
	 * dropped (up to twice {@code maxHttpBufferSize} bytes): closing a connection whose request
	 * is still arriving makes the peer's TCP stack reset it, and the reset can overtake
	 * the answer. A body that is longer, or was cut off, is not read to its end, so its
	 * connection is closed after the answer: the rest of the body would stand in front
	 * of the next request.
	 */
	private Mono<Void> afterBody(ServerWebExchange exchange, Supplier<Mono<Void>> answer) {
		ServerHttpRequest request = exchange.getRequest();
		Boolean ended = exchange.getAttribute(BODY_READ);
		if (ended != null) {
			return closeUnless(ended, exchange, answer);
		}
		HttpHeaders headers = request.getHeaders();
		long declaredLength = headers.getContentLength();
		if (declaredLength <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
			return answer.get();
		}
		long limit = 2 * this.maxHttpBufferSize;
		if (declaredLength > limit) {
			return closeUnless(false, exchange, answer);
		}
		return PostBody.read(request.getBody(), 0, limit, declaredLength)
			.map(PostBody::ended)
			.onErrorReturn(false)
			.flatMap((read) -> closeUnless(read, exchange, answer));
	}

	private static Mono<Void> closeUnless(boolean bodyEnded, ServerWebExchange exchange,
			Supplier<Mono<Void>> answer) {
		if (!bodyEnded) {
			exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
		}
		return answer.get();
	}

}
