package io.github.springsocketio.autoconfigure;

import java.util.concurrent.Executor;

import io.github.springsocketio.annotation.ControllerExecutor;
import io.github.springsocketio.annotation.NamespaceConnectMiddleware;
import io.github.springsocketio.annotation.SocketIOControllerRuntimeHints;
import io.github.springsocketio.annotation.SocketIOMessageHandler;
import io.github.springsocketio.server.SocketIOServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.messaging.handler.invocation.reactive.AbstractMethodMessageHandler;
import org.springframework.util.ClassUtils;
import org.springframework.validation.SmartValidator;
import org.springframework.validation.Validator;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Auto-configuration of annotated controllers: a {@link SocketIOMessageHandler} that
 * dispatches the events of the {@link SocketIOServer} to
 * {@link io.github.springsocketio.annotation.SocketIOController @SocketIOController}
 * beans, applies the {@link NamespaceConnectMiddleware} beans, validates {@code @Valid}
 * parameters with the application's Bean Validation {@code Validator} when there is one,
 * and runs blocking handler methods on the executor chosen by
 * {@code socketio.controllers.executor}, or on an {@link Executor} bean named
 * {@value #EXECUTOR_BEAN_NAME}.
 */
@AutoConfiguration(after = SocketIOAutoConfiguration.class,
		afterName = "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration")
@ConditionalOnClass(AbstractMethodMessageHandler.class)
@ConditionalOnBean(SocketIOServer.class)
@ImportRuntimeHints({ SocketIOControllerRuntimeHints.class,
		SocketIOAnnotationAutoConfiguration.BeanValidationRuntimeHints.class })
public final class SocketIOAnnotationAutoConfiguration {

	/** Name of an {@link Executor} bean that runs the blocking handler methods. */
	public static final String EXECUTOR_BEAN_NAME = "socketIOControllerExecutor";

	private static final String BEAN_VALIDATOR = "jakarta.validation.Validator";

	@Bean
	@ConditionalOnMissingBean
	SocketIOMessageHandler socketIOMessageHandler(SocketIOServer server, SocketIOProperties properties,
			ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<NamespaceConnectMiddleware> middlewares,
			@Qualifier(EXECUTOR_BEAN_NAME) ObjectProvider<Executor> executor, ApplicationContext context) {
		SocketIOMessageHandler handler = new SocketIOMessageHandler(server,
				jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
		Executor userExecutor = executor.getIfAvailable();
		if (userExecutor != null) {
			handler.setExecutor(userExecutor);
		}
		else {
			ControllerExecutor kind = properties.getControllers().getExecutor();
			boolean virtualThreads = Threading.VIRTUAL.isActive(context.getEnvironment());
			Executor applicationExecutor = (kind == ControllerExecutor.AUTO && virtualThreads)
					? applicationTaskExecutor(context) : null;
			if (applicationExecutor != null) {
				handler.setExecutor(applicationExecutor);
			}
			else {
				handler.setExecutor(kind.resolve(virtualThreads));
			}
		}
		handler.setInlineWarningThreshold(properties.getControllers().getInlineWarningThreshold());
		handler.setMiddlewares(middlewares.orderedStream().toList());
		handler.setValidator(validator(context));
		return handler;
	}

	/**
	 * Boot's virtual-thread {@code applicationTaskExecutor}, which WebFlux also hands its
	 * blocking controller methods to when virtual threads are on.
	 */
	private static @Nullable Executor applicationTaskExecutor(ApplicationContext context) {
		String name = TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME;
		return (context.containsBean(name) && context.getBean(name) instanceof AsyncTaskExecutor executor) ? executor
				: null;
	}

	private static @Nullable Validator validator(ApplicationContext context) {
		return ClassUtils.isPresent(BEAN_VALIDATOR, SocketIOAnnotationAutoConfiguration.class.getClassLoader())
				? BeanValidation.validator(context) : null;
	}

	/**
	 * Kept apart so that Bean Validation types are loaded only when present.
	 */
	private static final class BeanValidation {

		static @Nullable Validator validator(ApplicationContext context) {
			jakarta.validation.Validator validator = context.getBeanProvider(jakarta.validation.Validator.class)
				.getIfUnique();
			if (validator == null) {
				return null;
			}
			return (validator instanceof SmartValidator smart) ? smart : new SpringValidatorAdapter(validator);
		}

	}

	/**
	 * Lets the lookup of Bean Validation by class name find it in a native image.
	 */
	static final class BeanValidationRuntimeHints implements RuntimeHintsRegistrar {

		@Override
		public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
			hints.reflection().registerTypeIfPresent(classLoader, BEAN_VALIDATOR);
		}

	}

}
