package io.github.springsocketio.javaclient;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The reconnection delays of the JavaScript client: {@code min * 2^attempts}, spread by
 * a random deviation of up to {@code jitter} times the delay either way, capped at
 * {@code max}.
 */
final class Backoff {

	private final long minMillis;

	private final long maxMillis;

	private final double jitter;

	private final DoubleSupplier random;

	private int attempts;

	Backoff(Duration min, Duration max, double jitter, DoubleSupplier random) {
		this.minMillis = min.toMillis();
		this.maxMillis = max.toMillis();
		this.jitter = jitter;
		this.random = random;
	}

	Duration next() {
		double delay = this.minMillis * Math.pow(2, this.attempts++);
		if (this.jitter > 0) {
			double rand = this.random.getAsDouble();
			double deviation = Math.floor(rand * this.jitter * delay);
			delay = (((int) Math.floor(rand * 10)) & 1) == 0 ? delay - deviation : delay + deviation;
		}
		return Duration.ofMillis((long) Math.min(delay, this.maxMillis));
	}

	int attempts() {
		return this.attempts;
	}

	void reset() {
		this.attempts = 0;
	}

}
