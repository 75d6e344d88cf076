package io.github.springsocketio.annotation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.core.task.VirtualThreadTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ControllerExecutor} and the per-socket {@link Lanes}.
 */
class ControllerExecutorTests {

	@Test
	void autoIsInlineUnlessVirtualThreadsAreEnabledOnAJvmThatHasThem() {
		boolean virtual = Runtime.version().feature() >= 21;
		assertThat(ControllerExecutor.virtualThreadsAvailable()).isEqualTo(virtual);
		assertThat(ControllerExecutor.AUTO.resolve(false)).isEqualTo(ControllerExecutor.INLINE);
		assertThat(ControllerExecutor.AUTO.resolve(true))
			.isEqualTo(virtual ? ControllerExecutor.VIRTUAL : ControllerExecutor.INLINE);
		assertThat(ControllerExecutor.BOUNDED_ELASTIC.resolve(true)).isEqualTo(ControllerExecutor.BOUNDED_ELASTIC);
		assertThat(ControllerExecutor.INLINE.resolve(true)).isEqualTo(ControllerExecutor.INLINE);
	}

	@Test
	void virtualBeforeJava21IsRefused() {
		if (!ControllerExecutor.virtualThreadsAvailable()) {
			assertThatIllegalStateException().isThrownBy(ControllerExecutor.VIRTUAL::create)
				.withMessageContaining("needs Java 21");
		}
		else {
			assertThat(ControllerExecutor.VIRTUAL.create()).isInstanceOf(VirtualThreadTaskExecutor.class);
		}
	}

	@Test
	void lanesRunTasksOneAtATimeInSubmissionOrderPerKey() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			Lanes lanes = new Lanes(pool);
			Object[] keys = { new Object(), new Object(), new Object() };
			int count = 2000;
			List<List<Integer>> orders = new ArrayList<>();
			List<AtomicInteger> running = new ArrayList<>();
			for (int k = 0; k < keys.length; k++) {
				orders.add(new ArrayList<>());
				running.add(new AtomicInteger());
			}
			AtomicInteger overlaps = new AtomicInteger();
			CountDownLatch done = new CountDownLatch(count * keys.length);
			for (int i = 0; i < count; i++) {
				for (int k = 0; k < keys.length; k++) {
					int index = i;
					int key = k;
					lanes.execute(keys[k], () -> {
						if (running.get(key).incrementAndGet() > 1) {
							overlaps.incrementAndGet();
						}
						orders.get(key).add(index);
						running.get(key).decrementAndGet();
						done.countDown();
					});
				}
				if (i % 100 == 0) {
					Thread.sleep(1);
				}
			}
			assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(overlaps).hasValue(0);
			for (List<Integer> order : orders) {
				assertThat(order).hasSize(count).isSorted();
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> lanes.size() == 0);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void lanesRunATaskSubmittedByARunningTaskAfterIt() {
		Lanes lanes = new Lanes(Runnable::run);
		Object key = new Object();
		List<String> ran = new ArrayList<>();
		lanes.execute(key, () -> {
			lanes.execute(key, () -> ran.add("nested"));
			ran.add("outer");
		});
		assertThat(ran).containsExactly("outer", "nested");
		assertThat(lanes.size()).isZero();
	}

	@Test
	void lanesSurviveAFailingTask() {
		Lanes lanes = new Lanes(Runnable::run);
		Object key = new Object();
		List<String> ran = new ArrayList<>();
		lanes.execute(key, () -> {
			throw new IllegalStateException("on purpose");
		});
		lanes.execute(key, () -> ran.add("next"));
		assertThat(ran).containsExactly("next");
		assertThat(lanes.size()).isZero();
	}

	@Test
	void lanesDropTheTasksTheExecutorRejects() {
		Lanes lanes = new Lanes((task) -> {
			throw new RejectedExecutionException("full");
		});
		Object key = new Object();
		lanes.execute(key, () -> {
		});
		assertThat(lanes.size()).isZero();
	}

}
