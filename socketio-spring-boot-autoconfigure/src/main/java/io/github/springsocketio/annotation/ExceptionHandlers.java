package io.github.springsocketio.annotation;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.github.springsocketio.server.SocketEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.HandlerMethod;
import org.springframework.messaging.handler.MessagingAdviceBean;
import org.springframework.messaging.handler.invocation.AbstractExceptionHandlerMethodResolver;
import org.springframework.messaging.handler.invocation.reactive.HandlerMethodArgumentResolver;
import org.springframework.messaging.handler.invocation.reactive.HandlerMethodReturnValueHandlerComposite;
import org.springframework.messaging.handler.invocation.reactive.InvocableHandlerMethod;

/**
 * Finds and invokes the {@code @MessageExceptionHandler} method for an exception of a
 * handler method, as spring-messaging's dispatch does (its {@code InvocableHelper},
 * which {@link HandlerInvoker} stands in for): the controller's own methods first, then
 * those of the advice beans in registration order; the handler's value is handled like
 * a handler method's. The failure of a socket's event is {@linkplain SocketEvent#failed
 * reported} to the event, handled or not.
 */
final class ExceptionHandlers {

	private static final Logger logger = LoggerFactory.getLogger(ExceptionHandlers.class);

	private final Function<Class<?>, AbstractExceptionHandlerMethodResolver> resolverFactory;

	private final Map<Class<?>, AbstractExceptionHandlerMethodResolver> resolvers = new ConcurrentHashMap<>();

	private final Map<MessagingAdviceBean, AbstractExceptionHandlerMethodResolver> advice;

	private final List<HandlerMethodArgumentResolver> argumentResolvers;

	private final HandlerMethodReturnValueHandlerComposite returnValueHandlers;

	private final ReactiveAdapterRegistry registry;

	/**
	 * @param resolverFactory finds the exception handler methods of a controller type
	 * @param advice the advice beans and their exception handler methods, in order
	 */
	ExceptionHandlers(Function<Class<?>, AbstractExceptionHandlerMethodResolver> resolverFactory,
			Map<MessagingAdviceBean, AbstractExceptionHandlerMethodResolver> advice,
			List<HandlerMethodArgumentResolver> argumentResolvers,
			HandlerMethodReturnValueHandlerComposite returnValueHandlers, ReactiveAdapterRegistry registry) {
		this.resolverFactory = resolverFactory;
		this.advice = new LinkedHashMap<>(advice);
		this.argumentResolvers = List.copyOf(argumentResolvers);
		this.returnValueHandlers = returnValueHandlers;
		this.registry = registry;
	}

	/**
	 * Handle an exception of a handler method.
	 * @param handlerMethod the method that failed, with its bean resolved
	 * @param message the message it handled
	 * @param ex the exception
	 * @return the invocation of the exception handler method, an error with the
	 * exception if there is none, or with what the exception handler method raised
	 */
	Mono<Void> handle(HandlerMethod handlerMethod, Message<?> message, Throwable ex) {
		SocketEvent event = DispatchHeaders.event(message);
		if (event != null) {
			// the event's observation reports the failure, handled or not
			event.failed(ex);
		}
		InvocableHandlerMethod exceptionHandler = find(handlerMethod, ex);
		if (exceptionHandler == null) {
			return Mono.error(ex);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Invoking {}", exceptionHandler.getShortLogMessage());
		}
		return exceptionHandler.invoke(message, ex)
			.switchIfEmpty(Mono.defer(() -> handleReturnValue(null, exceptionHandler, message)))
			.flatMap((value) -> handleReturnValue(value, exceptionHandler, message));
	}

	private @Nullable InvocableHandlerMethod find(HandlerMethod handlerMethod, Throwable ex) {
		Class<?> beanType = handlerMethod.getBeanType();
		Method method = this.resolvers.computeIfAbsent(beanType, this.resolverFactory).resolveMethod(ex);
		InvocableHandlerMethod exceptionHandler = null;
		if (method != null) {
			exceptionHandler = new InvocableHandlerMethod(handlerMethod.getBean(), method);
		}
		else {
			for (Map.Entry<MessagingAdviceBean, AbstractExceptionHandlerMethodResolver> entry : this.advice
				.entrySet()) {
				MessagingAdviceBean advice = entry.getKey();
				if (advice.isApplicableToBeanType(beanType)) {
					method = entry.getValue().resolveMethod(ex);
					if (method != null) {
						exceptionHandler = new InvocableHandlerMethod(advice.resolveBean(), method);
						break;
					}
				}
			}
		}
		if (exceptionHandler == null) {
			logger.error("No exception handling method", ex);
			return null;
		}
		exceptionHandler.setArgumentResolvers(this.argumentResolvers);
		exceptionHandler.setReactiveAdapterRegistry(this.registry);
		return exceptionHandler;
	}

	private Mono<Void> handleReturnValue(@Nullable Object value, HandlerMethod handlerMethod, Message<?> message) {
		return this.returnValueHandlers.handleReturnValue(value, handlerMethod.getReturnType(), message);
	}

}
