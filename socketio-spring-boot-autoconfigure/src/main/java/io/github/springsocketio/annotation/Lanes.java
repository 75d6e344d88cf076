package io.github.springsocketio.annotation;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time and in submission order per key (a socket, or a namespace
 * for server-side events), on a shared executor: the lanes of blocking handler methods.
 * A key has a lane only while it has tasks queued or running, so an idle socket costs
 * no memory, and no thread is held while a lane is empty.
 */
final class Lanes {

	private static final Logger logger = LoggerFactory.getLogger(Lanes.class);

	private final Executor executor;

	private final ConcurrentMap<Object, Lane> lanes = new ConcurrentHashMap<>();

	Lanes(Executor executor) {
		this.executor = executor;
	}

	/**
	 * Run a task once the tasks submitted before it for the same key have run.
	 * @param key compared by identity
	 * @param task the task; what it throws is logged
	 */
	void execute(Object key, Runnable task) {
		while (true) {
			Lane lane = this.lanes.get(key);
			if (lane == null) {
				Lane created = new Lane(key, task);
				lane = this.lanes.putIfAbsent(key, created);
				if (lane == null) {
					start(created);
					return;
				}
			}
			if (lane.offer(task)) {
				return;
			}
			// the lane ended and left the map after it was looked up: start another one
		}
	}

	/**
	 * Return the number of keys that have a lane.
	 */
	int size() {
		return this.lanes.size();
	}

	private void start(Lane lane) {
		try {
			this.executor.execute(lane);
		}
		catch (RejectedExecutionException ex) {
			int dropped = lane.abort();
			logger.error("Controller executor rejected a task; {} queued handler invocation(s) dropped", dropped, ex);
		}
	}

	/**
	 * The queue of one key: a linked list guarded by the lane's monitor; the lane leaves
	 * the map, under that monitor, when it finds its queue empty.
	 */
	private final class Lane implements Runnable {

		private final Object key;

		private @Nullable Node head;

		private @Nullable Node tail;

		private boolean ended;

		Lane(Object key, Runnable first) {
			this.key = key;
			this.head = new Node(first);
			this.tail = this.head;
		}

		synchronized boolean offer(Runnable task) {
			if (this.ended) {
				return false;
			}
			Node node = new Node(task);
			if (this.tail == null) {
				this.head = node;
			}
			else {
				this.tail.next = node;
			}
			this.tail = node;
			return true;
		}

		private synchronized @Nullable Runnable poll() {
			Node node = this.head;
			if (node == null) {
				end();
				return null;
			}
			this.head = node.next;
			if (this.head == null) {
				this.tail = null;
			}
			return node.task;
		}

		synchronized int abort() {
			int dropped = 0;
			for (Node node = this.head; node != null; node = node.next) {
				dropped++;
			}
			this.head = null;
			this.tail = null;
			end();
			return dropped;
		}

		private void end() {
			this.ended = true;
			Lanes.this.lanes.remove(this.key, this);
		}

		@Override
		public void run() {
			Runnable task;
			while ((task = poll()) != null) {
				try {
					task.run();
				}
				catch (Throwable ex) {
					// keep draining: the lane's other tasks would wait forever
					logger.error("Handler task failed", ex);
				}
			}
		}

	}

	private static final class Node {

		private final Runnable task;

		private @Nullable Node next;

		Node(Runnable task) {
			this.task = task;
		}

	}

}
