package io.github.springsocketio.annotation;

import java.lang.reflect.Method;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;

import reactor.core.scheduler.Schedulers;

/**
 * Where controller methods that do not return a reactive type run. Never a Netty
 * event-loop thread unless {@link #INLINE} is chosen.
 */
public enum ControllerExecutor {

	/** {@link #VIRTUAL} when the JVM has virtual threads (Java 21+), else {@link #BOUNDED_ELASTIC}. */
	AUTO,

	/** One new virtual thread per busy socket; fails at startup before Java 21. */
	VIRTUAL,

	/** Reactor's shared {@code boundedElastic} scheduler. */
	BOUNDED_ELASTIC,

	/**
	 * The calling thread, usually the connection's event loop: only for handlers that
	 * never block.
	 */
	INLINE;

	/** Name prefix of the virtual threads. */
	public static final String VIRTUAL_THREAD_PREFIX = "socketio-handler-";

	/**
	 * Return what {@link #AUTO} stands for on this JVM.
	 * @return {@link #VIRTUAL} or {@link #BOUNDED_ELASTIC}; this constant for the others
	 */
	public ControllerExecutor resolve() {
		if (this != AUTO) {
			return this;
		}
		return virtualThreadsAvailable() ? VIRTUAL : BOUNDED_ELASTIC;
	}

	/**
	 * Create the executor, which the caller shuts down if it is an
	 * {@link ExecutorService}.
	 * @return the executor
	 * @throws IllegalStateException for {@link #VIRTUAL} before Java 21
	 */
	public Executor create() {
		return switch (resolve()) {
			case VIRTUAL -> virtualThreadExecutor();
			case BOUNDED_ELASTIC -> (task) -> Schedulers.boundedElastic().schedule(task);
			case INLINE -> Runnable::run;
			case AUTO -> throw new IllegalStateException("unreachable");
		};
	}

	/**
	 * Return whether this JVM has virtual threads.
	 * @return {@code true} from Java 21 on
	 */
	public static boolean virtualThreadsAvailable() {
		return Runtime.version().feature() >= 21;
	}

	/**
	 * {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(prefix, 0).factory())},
	 * by reflection since the code is compiled for Java 17.
	 */
	private static ExecutorService virtualThreadExecutor() {
		if (!virtualThreadsAvailable()) {
			throw new IllegalStateException("socketio.controllers.executor=virtual needs Java 21 or later; this is "
					+ Runtime.version());
		}
		try {
			Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
			Class<?> builderType = Class.forName("java.lang.Thread$Builder");
			builder = builderType.getMethod("name", String.class, long.class)
				.invoke(builder, VIRTUAL_THREAD_PREFIX, 0L);
			ThreadFactory factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
			Method create = java.util.concurrent.Executors.class.getMethod("newThreadPerTaskExecutor",
					ThreadFactory.class);
			return (ExecutorService) create.invoke(null, factory);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot create a virtual-thread executor", ex);
		}
	}

}
