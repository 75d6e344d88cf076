package io.github.springsocketio.engine;

import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * A WebFilter of the test application counting the requests that carry a {@code sid}
 * and reach WebFlux (those {@link DirectPolling} does not serve).
 */
final class SessionRequestCounter implements WebFilter {

	private final AtomicInteger count = new AtomicInteger();

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest().getQueryParams().containsKey("sid")) {
			this.count.incrementAndGet();
		}
		return chain.filter(exchange);
	}

	int count() {
		return this.count.get();
	}

}
