package io.github.springsocketio.javaclient;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The settled options of a client, built by {@link SocketIOClient.Builder}.
 */
record ClientOptions(URI uri, String path, Map<String, String> query, Map<String, String> headers,
		HttpClient httpClient, List<Transport> transports, boolean upgrade, Duration timeout,
		@Nullable Duration ackTimeout, boolean reconnection, long reconnectionAttempts, Duration reconnectionDelay,
		Duration reconnectionDelayMax, double randomizationFactor, JsonMapper mapper, Scheduler scheduler) {

	/**
	 * Return the URL of an Engine.IO request.
	 * @param transport the transport
	 * @param sid the session id, or {@code null} for the handshake
	 * @return the URL, with the {@code ws}/{@code wss} scheme for WebSocket
	 */
	String engineUrl(Transport transport, @Nullable String sid) {
		String scheme = this.uri.getScheme();
		boolean secure = "https".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme);
		if (transport == Transport.WEBSOCKET) {
			scheme = secure ? "wss" : "ws";
		}
		else {
			scheme = secure ? "https" : "http";
		}
		StringBuilder url = new StringBuilder(scheme).append("://").append(this.uri.getRawAuthority()).append(this.path);
		url.append("?EIO=4&transport=").append(transport.wireName());
		if (sid != null) {
			url.append("&sid=").append(encode(sid));
		}
		this.query.forEach((name, value) -> url.append('&').append(encode(name)).append('=').append(encode(value)));
		return url.toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
