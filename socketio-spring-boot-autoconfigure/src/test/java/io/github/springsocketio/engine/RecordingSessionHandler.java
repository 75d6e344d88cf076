package io.github.springsocketio.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * An {@link EngineSessionHandler} for tests: echoes every message back to its session
 * and records, per session id, what it was told, in a thread-safe way. It also checks
 * the handler contract (open first, callbacks never concurrent, exactly one close,
 * nothing after it) and records every breach in {@link #violations()}.
 */
public final class RecordingSessionHandler implements EngineSessionHandler {

	/** Events of one session, in the order the handler saw them. */
	public static final class SessionRecord {

		private final String id;

		private final List<String> events = new CopyOnWriteArrayList<>();

		private final AtomicBoolean inCallback = new AtomicBoolean();

		private final AtomicInteger closeCount = new AtomicInteger();

		private volatile @Nullable CloseReason closeReason;

		private volatile long openedAt;

		private volatile long closedAt;

		SessionRecord(String id) {
			this.id = id;
		}

		public String id() {
			return this.id;
		}

		/**
		 * Return the events: {@code open}, {@code message:<text>},
		 * {@code binary:<base64>}, {@code close:<reason>}.
		 * @return a snapshot
		 */
		public List<String> events() {
			return List.copyOf(this.events);
		}

		/**
		 * Return the message events only.
		 * @return a snapshot of the {@code message:} and {@code binary:} events
		 */
		public List<String> messages() {
			List<String> messages = new ArrayList<>();
			for (String event : this.events) {
				if (event.startsWith("message:") || event.startsWith("binary:")) {
					messages.add(event);
				}
			}
			return messages;
		}

		public @Nullable CloseReason closeReason() {
			return this.closeReason;
		}

		public int closeCount() {
			return this.closeCount.get();
		}

		public boolean isClosed() {
			return this.closeCount.get() > 0;
		}

		/**
		 * Wait until the session closed.
		 * @return the reason
		 */
		public CloseReason awaitClose() {
			await().atMost(Duration.ofSeconds(5)).until(this::isClosed);
			return this.closeReason;
		}

		/**
		 * Return the time from {@code onOpen} to {@code onClose}.
		 * @return the duration; the session must be closed
		 */
		public Duration openDuration() {
			return Duration.ofNanos(this.closedAt - this.openedAt);
		}

	}

	private final Map<String, SessionRecord> records = new ConcurrentHashMap<>();

	private final List<String> violations = new CopyOnWriteArrayList<>();

	/**
	 * Return the record of a session, waiting a little for its open.
	 * @param id the session id
	 * @return the record
	 */
	public SessionRecord record(String id) {
		await().atMost(Duration.ofSeconds(5)).until(() -> this.records.containsKey(id));
		return this.records.get(id);
	}

	/**
	 * Return every breach of the handler contract seen so far.
	 * @return a snapshot
	 */
	public List<String> violations() {
		return List.copyOf(this.violations);
	}

	@Override
	public void onOpen(EngineSession session) {
		SessionRecord record = new SessionRecord(session.id());
		if (this.records.putIfAbsent(session.id(), record) != null) {
			this.violations.add(session.id() + ": opened twice");
			return;
		}
		enter(record, "open");
		record.openedAt = System.nanoTime();
		record.events.add("open");
		exit(record);
	}

	@Override
	public void onMessage(EngineSession session, String text) {
		SessionRecord record = lookup(session, "message");
		if (record == null) {
			return;
		}
		enter(record, "message");
		record.events.add("message:" + text);
		session.send(text);
		exit(record);
	}

	@Override
	public void onBinary(EngineSession session, byte[] data) {
		SessionRecord record = lookup(session, "binary");
		if (record == null) {
			return;
		}
		enter(record, "binary");
		record.events.add("binary:" + Base64.getEncoder().encodeToString(data));
		session.send(data);
		exit(record);
	}

	@Override
	public void onClose(EngineSession session, CloseReason reason) {
		SessionRecord record = lookup(session, "close");
		if (record == null) {
			return;
		}
		enter(record, "close");
		record.events.add("close:" + reason.description());
		record.closeReason = reason;
		record.closedAt = System.nanoTime();
		record.closeCount.incrementAndGet();
		exit(record);
	}

	private @Nullable SessionRecord lookup(EngineSession session, String callback) {
		SessionRecord record = this.records.get(session.id());
		if (record == null) {
			this.violations.add(session.id() + ": " + callback + " before open");
		}
		return record;
	}

	private void enter(SessionRecord record, String callback) {
		if (!record.inCallback.compareAndSet(false, true)) {
			this.violations.add(record.id + ": " + callback + " called concurrently with another callback");
		}
		if (record.closeCount.get() > 0) {
			this.violations.add(record.id + ": " + callback + " after close");
		}
	}

	private void exit(SessionRecord record) {
		record.inCallback.set(false);
	}

}
