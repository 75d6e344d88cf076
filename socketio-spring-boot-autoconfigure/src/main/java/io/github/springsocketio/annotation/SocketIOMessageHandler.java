package io.github.springsocketio.annotation;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

import io.github.springsocketio.server.DisconnectReason;
import io.github.springsocketio.server.EventListener;
import io.github.springsocketio.server.HandlerScope;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.Socket;
import io.github.springsocketio.server.SocketEvent;
import io.github.springsocketio.server.SocketIOServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.HandlerMethod;
import org.springframework.messaging.handler.MessagingAdviceBean;
import org.springframework.messaging.handler.annotation.support.AnnotationExceptionHandlerMethodResolver;
import org.springframework.messaging.handler.invocation.AbstractExceptionHandlerMethodResolver;
import org.springframework.messaging.handler.invocation.reactive.AbstractMethodMessageHandler;
import org.springframework.messaging.handler.invocation.reactive.HandlerMethodArgumentResolver;
import org.springframework.messaging.handler.invocation.reactive.HandlerMethodReturnValueHandler;
import org.springframework.messaging.handler.invocation.reactive.HandlerMethodReturnValueHandlerComposite;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.RouteMatcher;
import org.springframework.validation.Validator;
import org.springframework.web.method.ControllerAdviceBean;

/**
 * Dispatches the events of a {@link SocketIOServer} to the methods of
 * {@link SocketIOController} beans: {@link OnEvent}, {@link OnConnect},
 * {@link OnDisconnect} and {@link BeforeConnect} for sockets, {@link OnServerSideEvent}
 * for the events other nodes send, mapped by {@link SocketIOMapping} (namespace, kind,
 * event); a mapping claimed twice fails the startup, and so does a method that declares
 * context its kind does not have (a socket for a server-side event).
 * <p>
 * Each event becomes a {@link Message} whose payload is the event's arguments and whose
 * headers carry the namespace, the socket, the event and the disconnect reason (or the
 * server-side event), read by one argument resolver per context type.
 * {@code @MessageExceptionHandler} methods of the controller, then of
 * {@code @ControllerAdvice} beans, handle exceptions; an exception none handles is logged
 * and, when the client asked for an acknowledgement (or the sending node for an answer),
 * answered with {@code {"error": message}}.
 * <p>
 * Whether a method is blocking is decided once, at registration: methods returning a
 * reactive type ({@code Mono}, {@code Flux}, {@code CompletableFuture}...) run inline on
 * the thread that delivers the event; the others run on the controller executor, one at
 * a time and in arrival order per socket (per namespace for server-side events).
 * <p>
 * Events reach the methods through one {@linkplain Namespace#onEvent listener per
 * namespace} that looks the event up in a table built at startup, so sockets carry no
 * listener of their own; each mapping's method is prepared once (see
 * {@link HandlerInvoker}) rather than per message as the base class would.
 */
public class SocketIOMessageHandler extends AbstractMethodMessageHandler<SocketIOMapping> implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SocketIOMessageHandler.class);

	private static final String AUTHENTICATION_PRINCIPAL = "org.springframework.security.core.annotation.AuthenticationPrincipal";

	private final SocketIOServer server;

	private final JsonMapper mapper;

	private @Nullable Validator validator;

	private List<NamespaceConnectMiddleware> middlewares = List.of();

	private @Nullable Executor executor;

	private boolean ownsExecutor;

	private boolean inline;

	private Duration inlineWarningThreshold = Duration.ofMillis(100);

	private @Nullable InlineHandlerWatch inlineWatch;

	private @Nullable Scheduler blockingScheduler;

	private @Nullable Lanes lanes;

	private final Map<Method, Boolean> blocking = new ConcurrentHashMap<>();

	private final HandlerMethodReturnValueHandlerComposite returnValueHandlers;

	private final Map<MessagingAdviceBean, AbstractExceptionHandlerMethodResolver> advice = new LinkedHashMap<>();

	private @Nullable ExceptionHandlers exceptionHandlers;

	private final Map<SocketIOMapping, HandlerInvoker> invokers = new ConcurrentHashMap<>();

	/**
	 * Create a handler for a server.
	 * @param server the server whose events to dispatch
	 * @param mapper converts event arguments and auth payloads to parameter types
	 */
	public SocketIOMessageHandler(SocketIOServer server, JsonMapper mapper) {
		this.server = server;
		this.mapper = mapper;
		this.returnValueHandlers = new HandlerMethodReturnValueHandlerComposite();
		setHandlerPredicate((type) -> AnnotatedElementUtils.hasAnnotation(type, SocketIOController.class));
	}

	/**
	 * Set the validator of {@code @Valid} and {@code @Validated} parameters.
	 * @param validator the validator, {@code null} for no validation (the default)
	 */
	public void setValidator(@Nullable Validator validator) {
		this.validator = validator;
	}

	/**
	 * Set the connection middleware beans to apply to their namespaces, in order.
	 * @param middlewares the middleware
	 */
	public void setMiddlewares(List<NamespaceConnectMiddleware> middlewares) {
		this.middlewares = List.copyOf(middlewares);
	}

	/**
	 * Run blocking handler methods on an executor owned by the caller.
	 * @param executor the executor
	 */
	public void setExecutor(Executor executor) {
		this.executor = executor;
		this.ownsExecutor = false;
		this.inline = false;
	}

	/**
	 * Run blocking handler methods on an executor of a kind, created now and shut down
	 * with this handler. The default is {@link ControllerExecutor#AUTO}, here without
	 * virtual threads: the calling thread.
	 * @param kind the kind of executor
	 */
	public void setExecutor(ControllerExecutor kind) {
		this.executor = kind.create();
		this.ownsExecutor = true;
		this.inline = kind.resolve(false) == ControllerExecutor.INLINE;
	}

	/**
	 * Set how long a plain handler method may run on the calling thread (with the
	 * {@link ControllerExecutor#INLINE inline} executor) before a warning names it, once.
	 * @param threshold the threshold, zero for no warning; 100 ms by default
	 */
	public void setInlineWarningThreshold(Duration threshold) {
		this.inlineWarningThreshold = threshold;
	}

	/**
	 * Return the executor of blocking handler methods.
	 * @return the executor, {@code null} before initialization unless set
	 */
	public @Nullable Executor getExecutor() {
		return this.executor;
	}

	/**
	 * Return whether a handler method runs on the controller executor.
	 * @param method a registered handler method
	 * @return {@code true} if it does not return a reactive type
	 */
	public boolean isBlocking(Method method) {
		return this.blocking.getOrDefault(method, false);
	}

	@Override
	public void afterPropertiesSet() {
		if (this.executor == null) {
			setExecutor(ControllerExecutor.AUTO);
		}
		Assert.state(this.executor != null, "No executor");
		this.blockingScheduler = Schedulers.fromExecutor(this.executor);
		this.lanes = new Lanes(this.executor);
		if (this.inline) {
			this.inlineWatch = new InlineHandlerWatch(this.server.options().clock()::nanoTime,
					this.inlineWarningThreshold);
		}
		super.afterPropertiesSet();
		registerAdvice();
		this.exceptionHandlers = new ExceptionHandlers(this::createExceptionMethodResolverFor, this.advice,
				getArgumentResolvers().getResolvers(), this.returnValueHandlers, getReactiveAdapterRegistry());
		bind();
	}

	@Override
	public void destroy() {
		if (this.ownsExecutor && this.executor instanceof ExecutorService service) {
			service.shutdown();
		}
	}

	// ---- configuration of the base class

	@Override
	protected List<? extends HandlerMethodArgumentResolver> initArgumentResolvers() {
		ArgumentConverter converter = new ArgumentConverter(this.mapper, this.validator);
		List<HandlerMethodArgumentResolver> resolvers = new ArrayList<>();
		resolvers.add(new AuthArgumentResolver(converter));
		if (ClassUtils.isPresent(AUTHENTICATION_PRINCIPAL, getClass().getClassLoader())) {
			resolvers.add(new AuthenticationPrincipalArgumentResolver());
		}
		resolvers.add(ContextArgumentResolver.socket());
		resolvers.add(ContextArgumentResolver.event());
		resolvers.add(ContextArgumentResolver.ackSender());
		resolvers.add(ContextArgumentResolver.handshake());
		resolvers.add(ContextArgumentResolver.namespace());
		resolvers.add(ContextArgumentResolver.disconnectReason());
		resolvers.add(ContextArgumentResolver.principal());
		resolvers.add(ContextArgumentResolver.serverSideEvent());
		resolvers.add(ContextArgumentResolver.message());
		resolvers.addAll(getArgumentResolverConfigurer().getCustomResolvers());
		resolvers.add(new PayloadArgumentResolver(resolvers, converter));
		return resolvers;
	}

	@Override
	protected List<? extends HandlerMethodReturnValueHandler> initReturnValueHandlers() {
		List<HandlerMethodReturnValueHandler> handlers = new ArrayList<>(
				getReturnValueHandlerConfigurer().getCustomHandlers());
		handlers.add(new AckReturnValueHandler(getReactiveAdapterRegistry()));
		this.returnValueHandlers.clear();
		this.returnValueHandlers.addHandlers(handlers);
		return handlers;
	}

	@Override
	protected @Nullable SocketIOMapping getMappingForMethod(Method method, Class<?> handlerType) {
		SocketIOController controller = AnnotatedElementUtils.findMergedAnnotation(handlerType,
				SocketIOController.class);
		if (controller == null) {
			return null;
		}
		String namespace = normalize(controller.namespace());
		List<SocketIOMapping> mappings = new ArrayList<>(1);
		OnEvent onEvent = AnnotatedElementUtils.findMergedAnnotation(method, OnEvent.class);
		if (onEvent != null) {
			mappings.add(SocketIOMapping.event(namespace, eventName(onEvent.value(), method)));
		}
		OnServerSideEvent onServerSideEvent = AnnotatedElementUtils.findMergedAnnotation(method,
				OnServerSideEvent.class);
		if (onServerSideEvent != null) {
			String name = eventName(onServerSideEvent.value(), method);
			Assert.state(!Namespace.RESERVED_SERVER_SIDE_EVENTS.contains(name),
					() -> "Reserved server-side event name \"" + name + "\" on " + method.toGenericString()
							+ " (reserved: " + Namespace.RESERVED_SERVER_SIDE_EVENTS + ")");
			mappings.add(SocketIOMapping.serverSideEvent(namespace, name));
		}
		if (AnnotatedElementUtils.hasAnnotation(method, OnConnect.class)) {
			mappings.add(SocketIOMapping.of(namespace, SocketIOMapping.Kind.CONNECT));
		}
		if (AnnotatedElementUtils.hasAnnotation(method, OnDisconnect.class)) {
			mappings.add(SocketIOMapping.of(namespace, SocketIOMapping.Kind.DISCONNECT));
		}
		if (AnnotatedElementUtils.hasAnnotation(method, BeforeConnect.class)) {
			mappings.add(SocketIOMapping.of(namespace, SocketIOMapping.Kind.BEFORE_CONNECT));
		}
		if (mappings.size() > 1) {
			throw new IllegalStateException("Method " + method.toGenericString()
					+ " has more than one of @OnEvent, @OnConnect, @OnDisconnect, @BeforeConnect and"
					+ " @OnServerSideEvent");
		}
		return mappings.isEmpty() ? null : mappings.get(0);
	}

	private static String eventName(String name, Method method) {
		Assert.state(!name.isEmpty(), () -> "Empty event name on " + method.toGenericString());
		return name;
	}

	@Override
	protected SocketIOMapping extendMapping(SocketIOMapping mapping, HandlerMethod handlerMethod) {
		for (MethodParameter parameter : handlerMethod.getMethodParameters()) {
			checkContext(mapping, handlerMethod, parameter);
		}
		Class<?> returnType = handlerMethod.getReturnType().getParameterType();
		this.blocking.put(handlerMethod.getMethod(), getReactiveAdapterRegistry().getAdapter(returnType) == null);
		return mapping;
	}

	/**
	 * Refuse a parameter whose context the mapping's kind does not have, e.g. a socket
	 * for a server-side event, rather than pass {@code null}.
	 */
	private void checkContext(SocketIOMapping mapping, HandlerMethod handlerMethod, MethodParameter parameter) {
		for (HandlerMethodArgumentResolver resolver : getArgumentResolvers().getResolvers()) {
			if (resolver.supportsParameter(parameter)) {
				if (resolver instanceof ScopedArgumentResolver scoped && !scoped.scope().contains(mapping.kind())) {
					String why = (mapping.kind() == SocketIOMapping.Kind.SERVER_SIDE_EVENT)
							? "a server-side event comes from another node, not from a socket; it takes the"
									+ " event's arguments, ServerSideEvent, Namespace and Message"
							: "it is the context of @OnServerSideEvent methods only";
					throw new IllegalStateException("Method " + handlerMethod.getMethod().toGenericString()
							+ " is mapped with " + mapping.kind().annotation() + " and cannot take parameter "
							+ parameter.getParameterIndex() + " of type "
							+ parameter.getParameterType().getSimpleName() + ": " + why);
				}
				return;
			}
		}
	}

	@Override
	protected Set<String> getDirectLookupMappings(SocketIOMapping mapping) {
		return Set.of(mapping.destination());
	}

	@Override
	protected RouteMatcher.@Nullable Route getDestination(Message<?> message) {
		String destination = DispatchHeaders.destination(message);
		return (destination != null) ? () -> destination : null;
	}

	@Override
	protected @Nullable SocketIOMapping getMatchingMapping(SocketIOMapping mapping, Message<?> message) {
		String destination = DispatchHeaders.destination(message);
		return (destination != null && mapping.destination().equals(destination)) ? mapping : null;
	}

	@Override
	protected Comparator<SocketIOMapping> getMappingComparator(Message<?> message) {
		return (first, second) -> 0;
	}

	@Override
	protected AbstractExceptionHandlerMethodResolver createExceptionMethodResolverFor(Class<?> beanType) {
		return new AnnotationExceptionHandlerMethodResolver(beanType);
	}

	@Override
	protected void registerExceptionHandlerAdvice(MessagingAdviceBean bean,
			AbstractExceptionHandlerMethodResolver resolver) {
		super.registerExceptionHandlerAdvice(bean, resolver);
		this.advice.put(bean, resolver);
	}

	/**
	 * Handle a message routed by the base class ({@link #handleMessage}): the events of
	 * the server take a shorter way, straight to their {@link HandlerInvoker}.
	 */
	@Override
	protected Mono<Void> handleMatch(SocketIOMapping mapping, HandlerMethod handlerMethod, Message<?> message) {
		HandlerInvoker invoker = invoker(mapping, handlerMethod);
		if (mapping.kind() == SocketIOMapping.Kind.BEFORE_CONNECT) {
			return offloadIfBlocking(invoker, Mono.defer(() -> invoker.admit(message)), null);
		}
		Socket socket = DispatchHeaders.socket(message);
		return offloadIfBlocking(invoker, Mono.defer(() -> invoker.invoke(message)),
				(socket != null) ? socket : DispatchHeaders.namespace(message));
	}

	private Mono<Void> offloadIfBlocking(HandlerInvoker invoker, Mono<Void> invocation, @Nullable Object laneKey) {
		if (!invoker.isBlocking()) {
			return invocation;
		}
		Lanes lanes = this.lanes;
		Scheduler scheduler = (laneKey != null && lanes != null)
				? Schedulers.fromExecutor((task) -> lanes.execute(laneKey, task)) : this.blockingScheduler;
		Assert.state(scheduler != null, "Not initialized");
		return invocation.subscribeOn(scheduler);
	}

	private HandlerInvoker invoker(SocketIOMapping mapping, HandlerMethod handlerMethod) {
		return this.invokers.computeIfAbsent(mapping, (key) -> {
			ExceptionHandlers exceptionHandlers = this.exceptionHandlers;
			Assert.state(exceptionHandlers != null, "Not initialized");
			return new HandlerInvoker(mapping, handlerMethod, isBlocking(handlerMethod.getMethod()),
					isSingleton(handlerMethod), getArgumentResolvers(), this.returnValueHandlers,
					getReactiveAdapterRegistry(), exceptionHandlers);
		});
	}

	/**
	 * Return whether the bean of a handler method can be resolved once: an instance, or
	 * the name of a singleton (the others are resolved per message, as the base class
	 * does).
	 */
	private boolean isSingleton(HandlerMethod handlerMethod) {
		if (!(handlerMethod.getBean() instanceof String name)) {
			return true;
		}
		ApplicationContext context = getApplicationContext();
		return context != null && context.isSingleton(name);
	}

	// ---- wiring to the server

	private void registerAdvice() {
		ApplicationContext context = getApplicationContext();
		if (context != null) {
			for (ControllerAdviceBean advice : ControllerAdviceBean.findAnnotatedBeans(context)) {
				Class<?> type = advice.getBeanType();
				if (type != null) {
					AnnotationExceptionHandlerMethodResolver resolver = new AnnotationExceptionHandlerMethodResolver(
							type);
					if (resolver.hasExceptionMappings()) {
						registerExceptionHandlerAdvice(new ControllerAdviceWrapper(advice), resolver);
					}
				}
			}
		}
		registerExceptionHandlerAdvice(new UnhandledExceptionHandler.Advice(),
				new AnnotationExceptionHandlerMethodResolver(UnhandledExceptionHandler.class));
	}

	private void bind() {
		Map<String, NamespaceMappings> namespaces = new LinkedHashMap<>();
		getHandlerMethods().forEach((mapping, handlerMethod) -> namespaces
			.computeIfAbsent(mapping.namespace(), (name) -> new NamespaceMappings())
			.add(invoker(mapping, handlerMethod)));
		for (NamespaceConnectMiddleware middleware : this.middlewares) {
			this.server.of(normalize(middleware.namespace())).use(middleware);
		}
		namespaces.forEach((name, mappings) -> {
			Namespace namespace = this.server.of(name);
			HandlerInvoker beforeConnect = mappings.beforeConnect;
			if (beforeConnect != null) {
				namespace.use((socket) -> offloadIfBlocking(beforeConnect, Mono.defer(() -> beforeConnect
					.admit(DispatchHeaders.message(beforeConnect.mapping(), beforeConnect.destination(), socket, null,
							null))),
						null));
			}
			if (!mappings.events.isEmpty()) {
				namespace.onEvent(new EventRouter(mappings.events));
			}
			if (mappings.connect != null || mappings.disconnect != null) {
				namespace.onConnection((socket) -> connected(socket, mappings));
			}
			mappings.serverSideEvents.forEach((event, invoker) -> namespace.onServerSideEmit(event,
					(received) -> dispatch(invoker,
							DispatchHeaders.message(invoker.mapping(), invoker.destination(), received), namespace)));
			log.debug("Socket.IO namespace {}: {}", name, mappings);
		});
	}

	private void connected(Socket socket, NamespaceMappings mappings) {
		HandlerInvoker disconnect = mappings.disconnect;
		if (disconnect != null) {
			socket.onDisconnect((reason) -> dispatch(disconnect, socket, null, reason));
		}
		HandlerInvoker connect = mappings.connect;
		if (connect != null) {
			dispatch(connect, socket, null, null);
		}
	}

	private void dispatch(HandlerInvoker invoker, Socket socket, @Nullable SocketEvent event,
			@Nullable DisconnectReason reason) {
		dispatch(invoker, DispatchHeaders.message(invoker.mapping(), invoker.destination(), socket, event, reason),
				socket);
	}

	/**
	 * Invoke a method: inline if it is reactive, else on the controller executor after
	 * the earlier messages of its lane (a socket, or a namespace for server-side events).
	 * The socket's handler scopes (security context, the observation of its connection,
	 * or of the event) are around the method; an observed event's handling lasts until
	 * the invocation has ended.
	 */
	private void dispatch(HandlerInvoker invoker, DispatchMessage message, Object laneKey) {
		SocketEvent event = message.event();
		if (event != null) {
			event.defer();
		}
		Socket socket = (laneKey instanceof Socket target && this.server.hasHandlerScopes()) ? target : null;
		if (invoker.isBlocking()) {
			Lanes lanes = this.lanes;
			Assert.state(lanes != null, "Not initialized");
			Runnable invocation = (socket != null) ? () -> {
				try (HandlerScope.Restore restore = openScope(socket, event)) {
					invoker.invokeNow(message, SocketIOMessageHandler::ended);
				}
			} : () -> invoker.invokeNow(message, SocketIOMessageHandler::ended);
			InlineHandlerWatch watch = this.inlineWatch;
			lanes.execute(laneKey, (watch != null) ? () -> watch.run(invoker.method(), invocation) : invocation);
		}
		else {
			Mono<Void> invocation = invoker.invoke(message);
			if (socket != null) {
				invocation = invocation.contextWrite((context) -> (event != null) ? event.enrich(context)
						: this.server.handlerScope().enrich(socket, context));
			}
			HandlerInvoker.subscribe(invocation, message, SocketIOMessageHandler::ended);
		}
	}

	private HandlerScope.Restore openScope(Socket socket, @Nullable SocketEvent event) {
		return (event != null) ? event.openScope() : this.server.handlerScope().open(socket);
	}

	/**
	 * Report the end of an invocation: what failed, and to an observed event that its
	 * handling by this method has ended.
	 */
	private static void ended(Message<?> message, @Nullable Throwable ex) {
		if (ex != null) {
			failed(message, ex);
		}
		SocketEvent event = DispatchHeaders.event(message);
		if (event != null) {
			event.complete();
		}
	}

	/**
	 * Report what the exception handlers did not handle (one failed itself) or a failed
	 * dispatch: logged, and answered with an error if the sender waits for an answer.
	 */
	private static void failed(Message<?> message, Throwable ex) {
		SocketEvent event = DispatchHeaders.event(message);
		if (event != null) {
			event.failed(ex);
		}
		if (UnhandledExceptionHandler.isAccessDenied(ex)) {
			// method security said no: the caller's business, not the server's failure
			log.debug("{} denied for {}: {}", DispatchHeaders.mapping(message), DispatchHeaders.origin(message),
					ex.getMessage());
		}
		else {
			log.error("{} failed for {}", DispatchHeaders.mapping(message), DispatchHeaders.origin(message), ex);
		}
		DispatchHeaders.reply(message, UnhandledExceptionHandler.errorOf(ex));
	}


	private static String normalize(String namespace) {
		return namespace.startsWith("/") ? namespace : "/" + namespace;
	}

	/**
	 * Routes the events of a namespace's sockets to their methods.
	 */
	private final class EventRouter implements EventListener {

		private final Map<String, HandlerInvoker> events;

		EventRouter(Map<String, HandlerInvoker> events) {
			this.events = Map.copyOf(events);
		}

		@Override
		public void onEvent(SocketEvent event) {
			HandlerInvoker invoker = this.events.get(event.name());
			if (invoker != null) {
				dispatch(invoker, event.socket(), event, null);
			}
		}

		@Override
		public boolean handles(String event) {
			return this.events.containsKey(event);
		}

	}

	/**
	 * The mapped methods of one namespace.
	 */
	private static final class NamespaceMappings {

		private final Map<String, HandlerInvoker> events = new LinkedHashMap<>();

		private final Map<String, HandlerInvoker> serverSideEvents = new LinkedHashMap<>();

		private @Nullable HandlerInvoker beforeConnect;

		private @Nullable HandlerInvoker connect;

		private @Nullable HandlerInvoker disconnect;

		void add(HandlerInvoker invoker) {
			SocketIOMapping mapping = invoker.mapping();
			switch (mapping.kind()) {
				case EVENT -> this.events.put(eventOf(mapping), invoker);
				case BEFORE_CONNECT -> this.beforeConnect = invoker;
				case CONNECT -> this.connect = invoker;
				case DISCONNECT -> this.disconnect = invoker;
				case SERVER_SIDE_EVENT -> this.serverSideEvents.put(eventOf(mapping), invoker);
			}
		}

		private static String eventOf(SocketIOMapping mapping) {
			String event = mapping.event();
			Assert.state(event != null, "No event name");
			return event;
		}

		@Override
		public String toString() {
			return "events " + names(this.events) + ((this.beforeConnect != null) ? ", @BeforeConnect" : "")
					+ ((this.connect != null) ? ", @OnConnect" : "")
					+ ((this.disconnect != null) ? ", @OnDisconnect" : "")
					+ (this.serverSideEvents.isEmpty() ? "" : ", server-side events " + names(this.serverSideEvents));
		}

		private static List<String> names(Map<String, HandlerInvoker> invokers) {
			return invokers.keySet().stream().sorted().toList();
		}

	}

	/**
	 * A {@code @ControllerAdvice} bean as a {@link MessagingAdviceBean}.
	 */
	private static final class ControllerAdviceWrapper implements MessagingAdviceBean {

		private final ControllerAdviceBean advice;

		ControllerAdviceWrapper(ControllerAdviceBean advice) {
			this.advice = advice;
		}

		@Override
		public @Nullable Class<?> getBeanType() {
			return this.advice.getBeanType();
		}

		@Override
		public Object resolveBean() {
			return this.advice.resolveBean();
		}

		@Override
		public boolean isApplicableToBeanType(Class<?> beanType) {
			return this.advice.isApplicableToBeanType(beanType);
		}

		@Override
		public int getOrder() {
			return this.advice.getOrder();
		}

	}

}
