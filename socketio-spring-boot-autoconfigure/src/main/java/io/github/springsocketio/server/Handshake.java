package io.github.springsocketio.server;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;

/**
 * What a socket's client presented when it connected.
 *
 * @param headers headers of the first HTTP request of the connection
 * @param query query parameters of that request, all of them
 * @param auth the CONNECT packet's auth payload ({@code {}} when none)
 * @param address the client's address, if known
 * @param issued when the connection was opened
 * @param url path and query of that request
 * @param secure whether it came over TLS
 * @param principal the authenticated user of that request (Spring Security), if any
 */
public record Handshake(HttpHeaders headers, MultiValueMap<String, String> query, JsonNode auth,
		@Nullable InetSocketAddress address, Instant issued, String url, boolean secure,
		@Nullable Principal principal) {

}
