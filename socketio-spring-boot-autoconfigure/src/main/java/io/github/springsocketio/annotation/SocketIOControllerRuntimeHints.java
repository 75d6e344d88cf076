package io.github.springsocketio.annotation;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.util.ReflectionUtils;

/**
 * Registers the reflection hints of what {@link SocketIOMessageHandler} invokes
 * reflectively beside the controllers (whose hints come from
 * {@link SocketIOMappingReflectiveProcessor}): the {@code @MessageExceptionHandler}
 * method of its last exception handler, which is not a bean, so the scan of
 * {@code @Reflective} annotations does not see it.
 */
public final class SocketIOControllerRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		for (Method method : ReflectionUtils.getDeclaredMethods(UnhandledExceptionHandler.class)) {
			if (method.isAnnotationPresent(MessageExceptionHandler.class)) {
				hints.reflection().registerMethod(method, ExecutableMode.INVOKE);
			}
		}
	}

}
