package io.github.springsocketio.engine;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;

/**
 * A read-only snapshot of the HTTP request that opened an Engine.IO session.
 *
 * @param headers the request headers
 * @param query the decoded query parameters, all of them
 * @param remoteAddress the client's address, if known
 * @param url the request path and raw query, e.g. {@code /socket.io/?EIO=4&transport=polling}
 * @param secure whether the request came over TLS
 * @param issued when the request arrived
 * @param principal the authenticated user of the request (Spring Security), if any
 */
public record HandshakeRequest(HttpHeaders headers, MultiValueMap<String, String> query,
		@Nullable InetSocketAddress remoteAddress, String url, boolean secure, Instant issued,
		@Nullable Principal principal) {

	/**
	 * Return the first value of a query parameter.
	 * @param name the parameter name
	 * @return the value, or {@code null} if absent
	 */
	public @Nullable String queryParam(String name) {
		return this.query.getFirst(name);
	}

}
