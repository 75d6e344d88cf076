package io.github.springsocketio.annotation;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: the lane of one
 * socket's blocking handlers. No thread is held while the lane is empty.
 */
final class SerialExecutor implements Executor {

	private static final Logger logger = LoggerFactory.getLogger(SerialExecutor.class);

	private final Executor delegate;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final AtomicInteger pending = new AtomicInteger();

	SerialExecutor(Executor delegate) {
		this.delegate = delegate;
	}

	@Override
	public void execute(Runnable task) {
		this.tasks.offer(task);
		if (this.pending.getAndIncrement() == 0) {
			try {
				this.delegate.execute(this::drain);
			}
			catch (RejectedExecutionException ex) {
				int dropped = this.tasks.size();
				this.tasks.clear();
				this.pending.set(0);
				logger.error("Controller executor rejected a task; {} queued handler invocation(s) dropped", dropped,
						ex);
			}
		}
	}

	private void drain() {
		int missed = 1;
		do {
			Runnable task;
			while ((task = this.tasks.poll()) != null) {
				try {
					task.run();
				}
				catch (RuntimeException ex) {
					logger.error("Handler task failed", ex);
				}
			}
			missed = this.pending.addAndGet(-missed);
		}
		while (missed != 0);
	}

}
