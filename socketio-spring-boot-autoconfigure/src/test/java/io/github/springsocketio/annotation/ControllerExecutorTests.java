package io.github.springsocketio.annotation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link ControllerExecutor} and the per-socket {@link SerialExecutor}.
 */
class ControllerExecutorTests {

	@Test
	void autoIsVirtualWhenTheJvmHasVirtualThreads() {
		boolean virtual = Runtime.version().feature() >= 21;
		assertThat(ControllerExecutor.virtualThreadsAvailable()).isEqualTo(virtual);
		assertThat(ControllerExecutor.AUTO.resolve())
			.isEqualTo(virtual ? ControllerExecutor.VIRTUAL : ControllerExecutor.BOUNDED_ELASTIC);
		assertThat(ControllerExecutor.INLINE.resolve()).isEqualTo(ControllerExecutor.INLINE);
	}

	@Test
	void virtualBeforeJava21IsRefused() {
		if (!ControllerExecutor.virtualThreadsAvailable()) {
			assertThatIllegalStateException().isThrownBy(ControllerExecutor.VIRTUAL::create)
				.withMessageContaining("needs Java 21");
		}
		else {
			assertThat(ControllerExecutor.VIRTUAL.create()).isInstanceOf(ExecutorService.class);
		}
	}

	@Test
	void serialExecutorRunsTasksOneAtATimeInSubmissionOrder() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			SerialExecutor serial = new SerialExecutor(pool);
			int count = 2000;
			List<Integer> order = new ArrayList<>();
			AtomicInteger running = new AtomicInteger();
			AtomicInteger overlaps = new AtomicInteger();
			CountDownLatch done = new CountDownLatch(count);
			for (int i = 0; i < count; i++) {
				int index = i;
				serial.execute(() -> {
					if (running.incrementAndGet() > 1) {
						overlaps.incrementAndGet();
					}
					order.add(index);
					running.decrementAndGet();
					done.countDown();
				});
			}
			assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(overlaps).hasValue(0);
			assertThat(order).hasSize(count).isSorted();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void serialExecutorSurvivesAFailingTask() throws Exception {
		SerialExecutor serial = new SerialExecutor(Runnable::run);
		List<String> ran = new ArrayList<>();
		serial.execute(() -> {
			throw new IllegalStateException("on purpose");
		});
		serial.execute(() -> ran.add("next"));
		assertThat(ran).containsExactly("next");
	}

}
