package io.github.springsocketio.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The one source of time for protocol timing (heartbeats, upgrade, connect and close
 * timeouts, acknowledgement timeouts, recovery expiry): a timer and a monotonic
 * nanosecond clock.
 * <p>
 * Production uses {@link #system()}; a test passes {@link #of(Scheduler)} with Reactor's
 * {@code VirtualTimeScheduler}, and advancing that scheduler both fires the timers and
 * moves {@link #nanoTime()}. Timer tasks must be short and must not block.
 */
public final class ProtocolClock {

	private static final ProtocolClock SYSTEM = new ProtocolClock(Schedulers.parallel(), System::nanoTime);

	private final Scheduler scheduler;

	private final LongSupplier nanoTime;

	private ProtocolClock(Scheduler scheduler, LongSupplier nanoTime) {
		this.scheduler = scheduler;
		this.nanoTime = nanoTime;
	}

	/**
	 * Return the clock of production: timers on {@link Schedulers#parallel()}, time from
	 * {@link System#nanoTime()}.
	 * @return the system clock
	 */
	public static ProtocolClock system() {
		return SYSTEM;
	}

	/**
	 * Return a clock whose timers and time both come from a scheduler, such as a
	 * {@code VirtualTimeScheduler}.
	 * @param scheduler runs the timers and tells the time
	 * @return the clock
	 */
	public static ProtocolClock of(Scheduler scheduler) {
		Objects.requireNonNull(scheduler, "scheduler");
		return new ProtocolClock(scheduler, () -> scheduler.now(TimeUnit.NANOSECONDS));
	}

	/**
	 * Run a task once after a delay.
	 * @param task the task, short and non-blocking
	 * @param delay the delay
	 * @return cancels the task
	 */
	public Disposable schedule(Runnable task, Duration delay) {
		return this.scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Run a task periodically.
	 * @param task the task, short and non-blocking
	 * @param initialDelay the delay before the first run
	 * @param period the time between two runs
	 * @return cancels the task
	 */
	public Disposable schedulePeriodically(Runnable task, Duration initialDelay, Duration period) {
		return this.scheduler.schedulePeriodically(task, initialDelay.toNanos(), period.toNanos(),
				TimeUnit.NANOSECONDS);
	}

	/**
	 * Return the current value of the clock, for measuring elapsed time only.
	 * @return nanoseconds since an arbitrary origin
	 */
	public long nanoTime() {
		return this.nanoTime.getAsLong();
	}

	/**
	 * Return the scheduler the timers run on.
	 * @return the scheduler
	 */
	public Scheduler scheduler() {
		return this.scheduler;
	}

}
