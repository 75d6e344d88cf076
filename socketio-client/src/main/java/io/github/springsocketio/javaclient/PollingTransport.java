package io.github.springsocketio.javaclient;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.springsocketio.engine.EngineIoV4Codec;
import io.github.springsocketio.engine.EngineParseException;
import io.github.springsocketio.engine.EnginePacket;
import io.github.springsocketio.engine.EnginePacketType;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * HTTP long-polling: one GET at a time reads a payload of packets, one POST at a time
 * writes the packets queued meanwhile.
 */
final class PollingTransport extends ClientTransport {

	private static final byte[] EMPTY = new byte[0];

	private final HttpClient http;

	private @Nullable String sid;

	private boolean polling;

	private boolean writing;

	private boolean closed;

	private @Nullable Runnable onPaused;

	private @Nullable Disposable poll;

	PollingTransport(ClientOptions options, SerialWorker worker, Events events) {
		super(options, worker, events);
		this.http = options.httpClient().headers((headers) -> options.headers().forEach(headers::set));
	}

	@Override
	Transport kind() {
		return Transport.POLLING;
	}

	@Override
	void open(@Nullable String sid) {
		this.sid = sid;
		poll();
	}

	/** Called by the connection once the open packet gave the session id. */
	void sid(String sid) {
		this.sid = sid;
	}

	private void poll() {
		this.polling = true;
		String url = this.options.engineUrl(Transport.POLLING, this.sid);
		this.poll = this.http.get()
			.uri(url)
			.responseSingle((response, body) -> body.asByteArray()
				.defaultIfEmpty(EMPTY)
				.map((bytes) -> new Response(response.status().code(), bytes)))
			.subscribe((response) -> this.worker.execute(() -> onPollResponse(response)),
					(error) -> this.worker.execute(() -> fail("xhr poll error", error)));
	}

	private void onPollResponse(Response response) {
		this.polling = false;
		if (this.closed) {
			return;
		}
		if (response.status() != 200) {
			fail("xhr poll error", new IllegalStateException("HTTP " + response.status() + " "
					+ new String(response.body(), StandardCharsets.UTF_8)));
			return;
		}
		List<EnginePacket> packets = new ArrayList<>();
		try {
			EngineIoV4Codec.INSTANCE.decodePayload(response.body(), false, packets::add);
		}
		catch (EngineParseException ex) {
			fail("parse error", ex);
			return;
		}
		boolean first = this.sid == null;
		for (EnginePacket packet : packets) {
			if (this.closed) {
				return;
			}
			if (first && packet.type() == EnginePacketType.OPEN) {
				this.events.onTransportOpen(this);
				first = false;
			}
			this.events.onPacket(this, packet);
			if (packet.type() == EnginePacketType.CLOSE) {
				return;
			}
		}
		if (this.closed) {
			return;
		}
		if (this.onPaused != null) {
			maybePaused();
		}
		else {
			poll();
		}
	}

	@Override
	boolean writable() {
		return !this.writing && !this.closed && this.onPaused == null && this.sid != null;
	}

	@Override
	void send(List<EnginePacket> packets) {
		this.writing = true;
		post(packets).subscribe((status) -> this.worker.execute(() -> onPostResponse(status)),
				(error) -> this.worker.execute(() -> fail("xhr post error", error)));
	}

	private Mono<Integer> post(List<EnginePacket> packets) {
		byte[] body = EngineIoV4Codec.INSTANCE.encodePayload(packets, false).body();
		return this.http.headers((headers) -> headers.set(HttpHeaderNames.CONTENT_TYPE, "text/plain;charset=UTF-8"))
			.post()
			.uri(this.options.engineUrl(Transport.POLLING, this.sid))
			.send((request, outbound) -> outbound.sendByteArray(Mono.just(body)))
			.responseSingle((response, content) -> content.asByteArray()
				.then(Mono.just(response.status().code())));
	}

	private void onPostResponse(int status) {
		this.writing = false;
		if (this.closed) {
			return;
		}
		if (status != 200) {
			fail("xhr post error", new IllegalStateException("HTTP " + status));
			return;
		}
		if (this.onPaused != null) {
			maybePaused();
		}
		else {
			this.events.onDrain(this);
		}
	}

	@Override
	void pause(Runnable onPaused) {
		this.onPaused = onPaused;
		maybePaused();
	}

	private void maybePaused() {
		Runnable callback = this.onPaused;
		if (callback != null && !this.polling && !this.writing) {
			// the transport stops here: the WebSocket takes over the session
			this.closed = true;
			this.onPaused = null;
			callback.run();
		}
	}

	@Override
	void close(boolean graceful) {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (this.poll != null) {
			this.poll.dispose();
		}
		if (graceful && this.sid != null) {
			post(List.of(EnginePacket.of(EnginePacketType.CLOSE, null))).subscribe((status) -> {
			}, (error) -> {
			});
		}
	}

	private void fail(String reason, Throwable error) {
		this.polling = false;
		this.writing = false;
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.events.onTransportError(this, reason, error);
	}

	private record Response(int status, byte[] body) {
	}

}
