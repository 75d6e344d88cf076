package io.github.springsocketio.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

/**
 * Serves one file of the client bundle as the reference server does:
 * {@code application/javascript; charset=utf-8} (source maps
 * {@code application/json; charset=utf-8}), {@code Cache-Control: public, max-age=0},
 * an {@code ETag} of the client version ({@code "4.8.1"}) and {@code 304 Not Modified}
 * when {@code If-None-Match} carries it (weak or strong) or {@code *}. Other methods
 * than {@code GET} and {@code HEAD} get {@code 405}. The file is read once, off
 * the event loop, on its first request, and kept in memory.
 */
final class ClientFileHandler implements WebHandler {

	// header values as the reference server writes them
	static final String JAVASCRIPT = "application/javascript; charset=utf-8";

	static final String JSON = "application/json; charset=utf-8";

	static final String ALLOW = "GET, HEAD";

	static final String CACHE_CONTROL = "public, max-age=0";

	private final String name;

	private final String etag;

	private final String contentType;

	private final Mono<byte[]> content;

	ClientFileHandler(String name, String version, Resource resource) {
		this.name = name;
		this.etag = "\"" + version + "\"";
		this.contentType = ClientBundle.isSourceMap(name) ? JSON : JAVASCRIPT;
		this.content = Mono.fromCallable(() -> read(resource))
			.subscribeOn(Schedulers.boundedElastic())
			.cacheInvalidateIf((bytes) -> false);
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange) {
		ServerHttpResponse response = exchange.getResponse();
		HttpMethod method = exchange.getRequest().getMethod();
		if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
			response.setStatusCode(HttpStatus.METHOD_NOT_ALLOWED);
			response.getHeaders().set(HttpHeaders.ALLOW, ALLOW);
			return response.setComplete();
		}
		HttpHeaders headers = response.getHeaders();
		headers.setCacheControl(CACHE_CONTROL);
		headers.setETag(this.etag);
		if (matches(exchange.getRequest().getHeaders().get(HttpHeaders.IF_NONE_MATCH))) {
			response.setStatusCode(HttpStatus.NOT_MODIFIED);
			return response.setComplete();
		}
		return this.content.flatMap((bytes) -> {
			headers.set(HttpHeaders.CONTENT_TYPE, this.contentType);
			headers.setContentLength(bytes.length);
			return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes)));
		});
	}

	/**
	 * Whether {@code If-None-Match} values hold this file's entity tag, compared weakly
	 * (RFC 9110 §13.1.2), or {@code *}.
	 */
	private boolean matches(@Nullable List<String> ifNoneMatch) {
		if (ifNoneMatch == null) {
			return false;
		}
		for (String value : ifNoneMatch) {
			for (String tag : value.split(",")) {
				String candidate = tag.trim();
				if (candidate.startsWith("W/")) {
					candidate = candidate.substring(2);
				}
				if (candidate.equals("*") || candidate.equals(this.etag)) {
					return true;
				}
			}
		}
		return false;
	}

	private static byte[] read(Resource resource) throws IOException {
		try (InputStream input = resource.getInputStream()) {
			return input.readAllBytes();
		}
	}

	@Override
	public String toString() {
		return "socket.io-client " + this.name + " " + this.etag;
	}

}
