package io.github.springsocketio.annotation;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Predicate;

import io.github.springsocketio.server.SocketEvent;
import org.jspecify.annotations.Nullable;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.KotlinDetector;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.HandlerMethod;
import org.springframework.messaging.handler.invocation.reactive.HandlerMethodArgumentResolver;
import org.springframework.messaging.handler.invocation.reactive.HandlerMethodArgumentResolverComposite;
import org.springframework.messaging.handler.invocation.reactive.HandlerMethodReturnValueHandler;
import org.springframework.messaging.handler.invocation.reactive.HandlerMethodReturnValueHandlerComposite;
import org.springframework.messaging.handler.invocation.reactive.InvocableHandlerMethod;
import org.springframework.messaging.handler.invocation.reactive.SyncHandlerMethodArgumentResolver;

/**
 * Invokes the handler method of one mapping, prepared once instead of for every message
 * as spring-messaging's {@code AbstractMethodMessageHandler#handleMatch} does: one
 * {@link InvocableHandlerMethod} with the shared argument resolvers (whose per-parameter
 * cache then fills once), kept when the controller bean is a singleton; for other scopes
 * the bean, and with it the invocable, is resolved per message.
 * <p>
 * A method that does not return a reactive type and whose parameters all have
 * {@linkplain SyncHandlerMethodArgumentResolver synchronous resolvers} (as all of ours
 * are) is {@linkplain #invokeNow invoked directly}: arguments resolved in a loop, the
 * method called by reflection, the value handed to its return value handler, no Reactor
 * operator on the way. Other methods take the reactive way of
 * {@link InvocableHandlerMethod#invoke}. Either way the return value and exceptions are
 * handled as spring-messaging does: exceptions go to the {@code @MessageExceptionHandler}
 * methods ({@link ExceptionHandlers}), and what fails there too to the caller's error
 * handler.
 */
final class HandlerInvoker {

	private static final Object[] NO_ARGS = {};

	private final SocketIOMapping mapping;

	private final String destination;

	private final HandlerMethod handlerMethod;

	private final boolean blocking;

	private final boolean singleton;

	private final List<HandlerMethodArgumentResolver> argumentResolvers;

	private final HandlerMethodReturnValueHandlerComposite returnValueHandlers;

	private final ReactiveAdapterRegistry registry;

	private final ExceptionHandlers exceptionHandlers;

	/** The resolver of each parameter when all are synchronous, else {@code null}. */
	private final SyncHandlerMethodArgumentResolver @Nullable [] syncResolvers;

	/** The return value handler of the direct invocation. */
	private final @Nullable HandlerMethodReturnValueHandler returnValueHandler;

	/** The invocable of a singleton bean, once resolved. */
	private volatile @Nullable Invocable invocable;

	/**
	 * @param handlerMethod the method as registered (its bean may be a bean name)
	 * @param blocking whether the method runs on the controller executor
	 * @param singleton whether its bean can be resolved once
	 */
	HandlerInvoker(SocketIOMapping mapping, HandlerMethod handlerMethod, boolean blocking, boolean singleton,
			HandlerMethodArgumentResolverComposite argumentResolvers,
			HandlerMethodReturnValueHandlerComposite returnValueHandlers, ReactiveAdapterRegistry registry,
			ExceptionHandlers exceptionHandlers) {
		this.mapping = mapping;
		this.destination = mapping.destination();
		this.handlerMethod = handlerMethod;
		this.blocking = blocking;
		this.singleton = singleton;
		this.argumentResolvers = argumentResolvers.getResolvers();
		this.returnValueHandlers = returnValueHandlers;
		this.registry = registry;
		this.exceptionHandlers = exceptionHandlers;
		boolean direct = blocking && !KotlinDetector.isSuspendingFunction(handlerMethod.getMethod());
		this.syncResolvers = direct ? syncResolvers(handlerMethod, argumentResolvers) : null;
		this.returnValueHandler = direct ? returnValueHandler(handlerMethod, returnValueHandlers) : null;
	}

	private static SyncHandlerMethodArgumentResolver @Nullable [] syncResolvers(HandlerMethod handlerMethod,
			HandlerMethodArgumentResolverComposite resolvers) {
		MethodParameter[] parameters = handlerMethod.getMethodParameters();
		SyncHandlerMethodArgumentResolver[] result = new SyncHandlerMethodArgumentResolver[parameters.length];
		ParameterNameDiscoverer names = new DefaultParameterNameDiscoverer();
		for (int i = 0; i < parameters.length; i++) {
			// as InvocableHandlerMethod does per invocation, on the same (shared) parameters
			parameters[i].initParameterNameDiscovery(names);
			if (!(resolvers.getArgumentResolver(parameters[i]) instanceof SyncHandlerMethodArgumentResolver sync)) {
				return null;
			}
			result[i] = sync;
		}
		return result;
	}

	private static @Nullable HandlerMethodReturnValueHandler returnValueHandler(HandlerMethod handlerMethod,
			HandlerMethodReturnValueHandlerComposite handlers) {
		MethodParameter returnType = handlerMethod.getReturnType();
		for (HandlerMethodReturnValueHandler handler : handlers.getReturnValueHandlers()) {
			if (handler.supportsReturnType(returnType)) {
				return handler;
			}
		}
		return null;
	}

	SocketIOMapping mapping() {
		return this.mapping;
	}

	java.lang.reflect.Method method() {
		return this.handlerMethod.getMethod();
	}

	/**
	 * Return the lookup key of the mapping, computed once.
	 */
	String destination() {
		return this.destination;
	}

	/**
	 * Return whether the method runs on the controller executor.
	 */
	boolean isBlocking() {
		return this.blocking;
	}

	/**
	 * Return whether the method is invoked without Reactor operators.
	 */
	boolean isDirect() {
		return this.syncResolvers != null && this.returnValueHandler != null;
	}

	/**
	 * Invoke the method for a message on the calling thread, directly if possible, and
	 * subscribe to what remains asynchronous.
	 * @param completion told when the invocation has ended, with what neither the method
	 * nor the exception handlers handled
	 */
	void invokeNow(Message<?> message, Completion completion) {
		SyncHandlerMethodArgumentResolver[] resolvers = this.syncResolvers;
		HandlerMethodReturnValueHandler handler = this.returnValueHandler;
		if (resolvers == null || handler == null) {
			subscribe(invoke(message), message, completion);
			return;
		}
		Invocable invocable;
		try {
			invocable = invocable();
		}
		catch (RuntimeException ex) {
			completion.ended(message, ex);
			return;
		}
		Mono<Void> rest;
		try {
			MethodParameter[] parameters = invocable.getMethodParameters();
			Object[] args = (parameters.length > 0) ? new Object[parameters.length] : NO_ARGS;
			for (int i = 0; i < parameters.length; i++) {
				args[i] = resolvers[i].resolveArgumentValue(parameters[i], message);
			}
			Object value = invocable.call(args);
			rest = handler.handleReturnValue(value, invocable.getReturnType(), message);
			if (rest == Mono.<Void>empty()) {
				// the value was handled: nothing to subscribe to (Mono.empty() is one instance)
				completion.ended(message, null);
				return;
			}
			rest = rest.onErrorResume((ex) -> this.exceptionHandlers.handle(invocable, message, ex));
		}
		catch (Throwable ex) {
			Exceptions.throwIfJvmFatal(ex);
			rest = this.exceptionHandlers.handle(invocable, message, ex);
		}
		subscribe(rest, message, completion);
	}

	/**
	 * Subscribe to an invocation and tell how it ended: always when it failed, when it
	 * succeeded only if the message's event is observed (nothing else waits for that,
	 * and the callback would cost an allocation per invocation).
	 */
	static void subscribe(Mono<Void> invocation, Message<?> message, Completion completion) {
		SocketEvent event = DispatchHeaders.event(message);
		if (event == null || !event.isObserved()) {
			invocation.subscribe(null, (ex) -> completion.ended(message, ex));
			return;
		}
		invocation.subscribe(null, (ex) -> completion.ended(message, ex), () -> completion.ended(message, null));
	}

	/**
	 * Invoke the method for a message the reactive way, as spring-messaging's
	 * {@code InvocableHelper#handleMessage} does.
	 * @return the invocation, its value handled, its exceptions handled by the exception
	 * handlers
	 */
	Mono<Void> invoke(Message<?> message) {
		Invocable invocable;
		try {
			invocable = invocable();
		}
		catch (RuntimeException ex) {
			return Mono.error(ex);
		}
		return invocable.invoke(message)
			.switchIfEmpty(Mono.defer(() -> handleReturnValue(null, invocable, message)))
			.flatMap((value) -> handleReturnValue(value, invocable, message))
			.onErrorResume((ex) -> this.exceptionHandlers.handle(invocable, message, ex));
	}

	/**
	 * Invoke a {@link BeforeConnect} method: its value is waited for if reactive, else
	 * ignored, and its errors are not handled (they refuse the socket).
	 */
	Mono<Void> admit(Message<?> message) {
		Invocable invocable;
		try {
			invocable = invocable();
		}
		catch (RuntimeException ex) {
			return Mono.error(ex);
		}
		return invocable.invoke(message).flatMap((value) -> {
			ReactiveAdapter adapter = this.registry.getAdapter(value.getClass());
			return (adapter != null) ? Mono.from(adapter.toPublisher(value)).then() : Mono.<Void>empty();
		});
	}

	private Mono<Void> handleReturnValue(@Nullable Object value, Invocable invocable, Message<?> message) {
		return this.returnValueHandlers.handleReturnValue(value, invocable.getReturnType(), message);
	}

	private Invocable invocable() {
		Invocable invocable = this.invocable;
		if (invocable == null) {
			invocable = new Invocable(this.handlerMethod.createWithResolvedBean(), this.argumentResolvers,
					this.registry);
			if (this.singleton) {
				this.invocable = invocable;
			}
		}
		return invocable;
	}

	@Override
	public String toString() {
		return this.handlerMethod.getShortLogMessage();
	}

	/**
	 * Told when the invocation of a handler method, its value and its exceptions handled,
	 * has ended (see {@link HandlerInvoker#subscribe} for when a success is told).
	 */
	@FunctionalInterface
	interface Completion {

		/**
		 * The invocation has ended.
		 * @param message the message the method handled
		 * @param ex what the method and its exception handlers left unhandled, or
		 * {@code null}
		 */
		void ended(Message<?> message, @Nullable Throwable ex);

	}

	/**
	 * The invocable of a resolved bean, with its return type computed once (
	 * {@code HandlerMethod#getReturnType()} creates one per call) and a direct call.
	 */
	private static final class Invocable extends InvocableHandlerMethod {

		private final MethodParameter returnType;

		Invocable(HandlerMethod handlerMethod, List<HandlerMethodArgumentResolver> resolvers,
				ReactiveAdapterRegistry registry) {
			super(handlerMethod);
			this.returnType = super.getReturnType();
			setArgumentResolvers(resolvers);
			setReactiveAdapterRegistry(registry);
		}

		@Override
		public MethodParameter getReturnType() {
			return this.returnType;
		}

		/**
		 * Call the method, reporting failures as {@link InvocableHandlerMethod#invoke}
		 * does.
		 * @throws Throwable what the method threw
		 */
		@Nullable Object call(Object[] args) throws Throwable {
			Method method = getBridgedMethod();
			Object bean = getBean();
			try {
				return method.invoke(bean, args);
			}
			catch (IllegalArgumentException ex) {
				assertTargetBean(method, bean, args);
				String text = (ex.getMessage() != null) ? ex.getMessage() : "Illegal argument";
				throw new IllegalStateException(formatInvokeError(text, args), ex);
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(formatInvokeError("Invocation failure", args), ex);
			}
		}

	}

}
