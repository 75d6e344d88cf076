package io.github.springsocketio.annotation;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link InlineHandlerWatch}, on a clock the tests move.
 */
@ExtendWith(OutputCaptureExtension.class)
class InlineHandlerWatchTests {

	private final AtomicLong now = new AtomicLong();

	private final InlineHandlerWatch watch = new InlineHandlerWatch(this.now::get, Duration.ofMillis(100));

	@Test
	void aMethodThatRunsLongerThanTheThresholdIsNamedOnce(CapturedOutput output) throws Exception {
		Method method = Handlers.class.getDeclaredMethod("slow");
		this.watch.run(method, () -> this.now.addAndGet(Duration.ofMillis(250).toNanos()));
		this.watch.run(method, () -> this.now.addAndGet(Duration.ofMillis(300).toNanos()));
		assertThat(this.watch.warned(method)).isTrue();
		assertThat(output.getOut().lines().filter((line) -> line.contains("Handlers.slow ran"))).hasSize(1);
		assertThat(output).contains("Handlers.slow ran 250 ms on thread").contains("spring.threads.virtual.enabled");
	}

	@Test
	void aMethodWithinTheThresholdIsNotNamed(CapturedOutput output) throws Exception {
		Method method = Handlers.class.getDeclaredMethod("fast");
		this.watch.run(method, () -> this.now.addAndGet(Duration.ofMillis(100).toNanos()));
		assertThat(this.watch.warned(method)).isFalse();
		assertThat(output).doesNotContain("Handlers.fast");
	}

	@Test
	void aFailingMethodIsTimedToo() throws Exception {
		Method method = Handlers.class.getDeclaredMethod("slow");
		assertThatIllegalStateException().isThrownBy(() -> this.watch.run(method, () -> {
			this.now.addAndGet(Duration.ofSeconds(1).toNanos());
			throw new IllegalStateException("on purpose");
		}));
		assertThat(this.watch.warned(method)).isTrue();
	}

	@Test
	void zeroThresholdWarnsNever() throws Exception {
		InlineHandlerWatch off = new InlineHandlerWatch(this.now::get, Duration.ZERO);
		Method method = Handlers.class.getDeclaredMethod("slow");
		off.run(method, () -> this.now.addAndGet(Duration.ofSeconds(10).toNanos()));
		assertThat(off.warned(method)).isFalse();
	}

	static class Handlers {

		void slow() {
		}

		void fast() {
		}

	}

}
