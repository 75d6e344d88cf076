package io.github.springsocketio.annotation;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketIOControllerRuntimeHints}.
 */
class SocketIOControllerRuntimeHintsTests {

	@Test
	void lastExceptionHandlerCanBeInvoked() {
		RuntimeHints hints = new RuntimeHints();
		new SocketIOControllerRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(UnhandledExceptionHandler.class, "handle"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(UnhandledExceptionHandler.class, "errorOf"))
			.rejects(hints);
	}

}
