package io.github.springsocketio.annotation;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times the plain (non-reactive) handler methods that run on the calling thread, usually
 * a connection's event loop, and warns once per method that takes longer than a
 * threshold: such a method holds up every connection of that thread, and its author
 * wants to know which way out there is.
 */
final class InlineHandlerWatch {

	private static final Logger log = LoggerFactory.getLogger(InlineHandlerWatch.class);

	private final LongSupplier nanoTime;

	private final long thresholdNanos;

	private final Set<Method> warned = ConcurrentHashMap.newKeySet();

	/**
	 * Create a watch.
	 * @param nanoTime the clock
	 * @param threshold how long a method may run before the warning; zero or negative
	 * for no warning
	 */
	InlineHandlerWatch(LongSupplier nanoTime, Duration threshold) {
		this.nanoTime = nanoTime;
		this.thresholdNanos = threshold.toNanos();
	}

	/**
	 * Run a handler method's invocation and warn if it took too long.
	 * @param method the handler method
	 * @param invocation runs it
	 */
	void run(Method method, Runnable invocation) {
		if (this.thresholdNanos <= 0) {
			invocation.run();
			return;
		}
		long start = this.nanoTime.getAsLong();
		try {
			invocation.run();
		}
		finally {
			long took = this.nanoTime.getAsLong() - start;
			if (took > this.thresholdNanos && this.warned.add(method)) {
				log.warn("{}.{} ran {} ms on thread {}, which serves other connections too: return a Mono, "
						+ "enable virtual threads (spring.threads.virtual.enabled=true), or set "
						+ "socketio.controllers.executor=bounded-elastic (warned once per method)",
						method.getDeclaringClass().getSimpleName(), method.getName(), took / 1_000_000,
						Thread.currentThread().getName());
			}
		}
	}

	/**
	 * Return whether a method has been reported.
	 * @param method a handler method
	 * @return {@code true} once it ran longer than the threshold
	 */
	boolean warned(Method method) {
		return this.warned.contains(method);
	}

}
