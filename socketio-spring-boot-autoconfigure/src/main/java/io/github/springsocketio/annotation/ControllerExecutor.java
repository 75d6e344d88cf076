package io.github.springsocketio.annotation;

import java.util.concurrent.Executor;

import reactor.core.scheduler.Schedulers;

import org.springframework.core.task.VirtualThreadTaskExecutor;

/**
 * Where controller methods that do not return a reactive type run. The default follows
 * Spring WebFlux's controller methods: on the calling thread (the connection's event
 * loop), unless Spring Boot's virtual threads are on.
 */
public enum ControllerExecutor {

	/**
	 * {@link #VIRTUAL} when virtual threads are enabled
	 * ({@code spring.threads.virtual.enabled=true} on Java 21+), else {@link #INLINE}: what
	 * WebFlux does with blocking controller methods.
	 */
	AUTO,

	/** One new virtual thread per busy socket; fails at startup before Java 21. */
	VIRTUAL,

	/** Reactor's shared {@code boundedElastic} scheduler. */
	BOUNDED_ELASTIC,

	/**
	 * The calling thread, usually the connection's event loop: for handlers that never
	 * block. A method that runs long is reported once at WARN.
	 */
	INLINE;

	/** Name prefix of the virtual threads. */
	public static final String VIRTUAL_THREAD_PREFIX = "socketio-handler-";

	/**
	 * Return what {@link #AUTO} stands for.
	 * @param virtualThreadsEnabled whether the application enabled virtual threads
	 * @return {@link #VIRTUAL} or {@link #INLINE} for {@link #AUTO}; this constant for the
	 * others
	 */
	public ControllerExecutor resolve(boolean virtualThreadsEnabled) {
		if (this != AUTO) {
			return this;
		}
		return (virtualThreadsEnabled && virtualThreadsAvailable()) ? VIRTUAL : INLINE;
	}

	/**
	 * Create the executor (for {@link #AUTO}, as without virtual threads enabled).
	 * @return the executor
	 * @throws IllegalStateException for {@link #VIRTUAL} before Java 21
	 */
	public Executor create() {
		return switch (resolve(false)) {
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

	private static Executor virtualThreadExecutor() {
		if (!virtualThreadsAvailable()) {
			throw new IllegalStateException("socketio.controllers.executor=virtual needs Java 21 or later; this is "
					+ Runtime.version());
		}
		return new VirtualThreadTaskExecutor(VIRTUAL_THREAD_PREFIX);
	}

}
