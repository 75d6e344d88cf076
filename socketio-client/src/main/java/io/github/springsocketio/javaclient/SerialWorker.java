package io.github.springsocketio.javaclient;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * The one serial worker that owns the state of a client (its manager, Engine.IO
 * connection and sockets): every network event and every user call hops onto it, and
 * its timers run on it, so that state is never touched by two threads at once.
 */
final class SerialWorker {

	private final Scheduler.Worker worker;

	SerialWorker(Scheduler scheduler) {
		this.worker = scheduler.createWorker();
	}

	void execute(Runnable task) {
		this.worker.schedule(task);
	}

	Disposable schedule(Runnable task, Duration delay) {
		return this.worker.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
	}

	void dispose() {
		this.worker.dispose();
	}

}
