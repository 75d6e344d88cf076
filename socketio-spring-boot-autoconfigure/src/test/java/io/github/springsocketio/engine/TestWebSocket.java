package io.github.springsocketio.engine;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A WebSocket client for the test thread, over {@link java.net.http.WebSocket}: frames
 * are collected in a queue and read with bounded waits; sends are serialized on a
 * thread of its own and awaited. With auto-pong, Engine.IO pings ({@code "2"}) are
 * answered with {@code "3"} and not queued.
 */
final class TestWebSocket implements AutoCloseable {

	static final Duration WAIT = Duration.ofSeconds(5);

	/** Something that arrived on the WebSocket. */
	sealed interface Event permits Text, Binary, Closed, Failed {

	}

	record Text(String text) implements Event {

	}

	record Binary(byte[] data) implements Event {

	}

	record Closed(int statusCode, String reason) implements Event {

	}

	record Failed(Throwable error) implements Event {

	}

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final ExecutorService sender = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "test-websocket-sender");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean autoPong;

	private volatile boolean ended;

	private WebSocket webSocket;

	private TestWebSocket(boolean autoPong) {
		this.autoPong = autoPong;
	}

	/**
	 * Connect and wait for the handshake.
	 * @param http the client
	 * @param uri the {@code ws://} URL
	 * @param autoPong whether to answer pings by itself
	 * @return the connected WebSocket
	 */
	static TestWebSocket connect(HttpClient http, URI uri, boolean autoPong) {
		TestWebSocket client = new TestWebSocket(autoPong);
		try {
			client.webSocket = http.newWebSocketBuilder()
				.connectTimeout(WAIT)
				.buildAsync(uri, client.new Listener())
				.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			client.sender.shutdownNow();
			throw new IllegalStateException("WebSocket handshake with " + uri + " failed", ex);
		}
		return client;
	}

	void autoPong(boolean autoPong) {
		this.autoPong = autoPong;
	}

	/**
	 * Wait for the next event.
	 * @return the event
	 */
	Event next() {
		try {
			Event event = this.events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			if (event == null) {
				fail("nothing arrived on the WebSocket within " + WAIT);
			}
			return event;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Wait for the next event and require a text frame.
	 * @return its text
	 */
	String nextText() {
		Event event = next();
		assertThat(event).isInstanceOf(Text.class);
		return ((Text) event).text();
	}

	/**
	 * Wait for the next text frame that is not a ping, answering the pings met on the
	 * way (for a client without auto-pong).
	 * @return its text
	 */
	String nextMessage() {
		while (true) {
			String text = nextText();
			if (!text.equals("2")) {
				return text;
			}
			send("3");
		}
	}

	/**
	 * Wait for the next event and require a binary frame.
	 * @return its bytes
	 */
	byte[] nextBinary() {
		Event event = next();
		assertThat(event).isInstanceOf(Binary.class);
		return ((Binary) event).data();
	}

	/**
	 * Wait until the connection ends, skipping frames that arrive before.
	 * @return the close or the failure
	 */
	Event awaitEnd() {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			Event event = next();
			if (event instanceof Closed || event instanceof Failed) {
				return event;
			}
		}
		return fail("the WebSocket was not closed within " + WAIT);
	}

	/** @return whether nothing has arrived that was not read yet */
	boolean isIdle() {
		return this.events.isEmpty();
	}

	boolean hasEnded() {
		return this.ended;
	}

	void send(String text) {
		await(this.sender.submit(() -> this.webSocket.sendText(text, true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS)));
	}

	void send(byte[] data) {
		await(this.sender
			.submit(() -> this.webSocket.sendBinary(ByteBuffer.wrap(data), true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS)));
	}

	/**
	 * Send one text message as several frames (continuation frames after the first).
	 * @param parts the frames' texts
	 */
	void sendFragmented(String... parts) {
		await(this.sender.submit(() -> {
			for (int i = 0; i < parts.length; i++) {
				this.webSocket.sendText(parts[i], i == parts.length - 1).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			}
			return null;
		}));
	}

	private void sendInBackground(String text) {
		this.sender.submit(() -> this.webSocket.sendText(text, true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
	}

	private static void await(java.util.concurrent.Future<?> future) {
		try {
			future.get(WAIT.toMillis() + 1000, TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("WebSocket send failed", ex);
		}
	}

	/** Drop the connection without a close frame. */
	void abort() {
		this.ended = true;
		this.webSocket.abort();
	}

	/** Close the connection, politely if it is still open, and release the sender. */
	@Override
	public void close() {
		try {
			if (!this.ended && !this.webSocket.isOutputClosed()) {
				this.webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(1, TimeUnit.SECONDS);
			}
		}
		catch (Exception ex) {
			// closing anyway
		}
		finally {
			this.webSocket.abort();
			this.sender.shutdownNow();
		}
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				String message = this.text.toString();
				this.text.setLength(0);
				if (TestWebSocket.this.autoPong && message.equals("2")) {
					sendInBackground("3");
				}
				else {
					TestWebSocket.this.events.add(new Text(message));
				}
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			this.binary.writeBytes(bytes);
			if (last) {
				TestWebSocket.this.events.add(new Binary(this.binary.toByteArray()));
				this.binary.reset();
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			TestWebSocket.this.ended = true;
			TestWebSocket.this.events.add(new Closed(statusCode, reason));
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			TestWebSocket.this.ended = true;
			TestWebSocket.this.events.add(new Failed(error));
		}

	}

}
