package io.github.springsocketio.annotation;

import java.lang.reflect.Method;
import java.security.Principal;
import java.util.List;
import java.util.Optional;

import io.github.springsocketio.server.DisconnectReason;
import io.github.springsocketio.server.Handshake;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.ServerSideEvent;
import io.github.springsocketio.server.Socket;
import io.github.springsocketio.server.SocketEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.core.MethodParameter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.ResolvableType;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.MessageMappingReflectiveProcessor;

/**
 * Registers the reflection hints of {@link SocketIOController} classes and of their
 * {@link OnEvent}, {@link OnConnect}, {@link OnDisconnect}, {@link BeforeConnect} and
 * {@link OnServerSideEvent} methods for ahead-of-time processing, as spring-messaging
 * does for {@code @MessageMapping}: the method is invoked reflectively, so it gets an
 * invocation hint; every parameter converted from JSON (the event arguments and
 * {@link Auth} payloads) and the returned value (the acknowledgement, unwrapped from a
 * {@code Mono}, {@code Flux}, {@code CompletableFuture} or {@code Optional}) get binding
 * hints, their record components and properties transitively. Context parameters
 * ({@code Socket}, {@code SocketEvent}, {@link AckSender}, {@code Handshake},
 * {@code Namespace}, {@code DisconnectReason}, {@code Principal},
 * {@code ServerSideEvent}, {@code Message}) and JSON trees ({@code JsonNode}) need none.
 * <p>
 * The mapping annotations carry it as their
 * {@link org.springframework.aot.hint.annotation.Reflective @Reflective} processor, so
 * the hints of every controller bean are contributed when the application's AOT sources
 * are generated.
 */
public final class SocketIOMappingReflectiveProcessor extends MessageMappingReflectiveProcessor {

	/** Parameter types resolved from the event's context, never from its arguments. */
	private static final List<Class<?>> CONTEXT_TYPES = List.of(Socket.class, SocketEvent.class, AckSender.class,
			Handshake.class, Namespace.class, DisconnectReason.class, Principal.class, ServerSideEvent.class,
			Message.class);

	private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

	private final ReactiveAdapterRegistry reactiveAdapters = ReactiveAdapterRegistry.getSharedInstance();

	/**
	 * Return whether a parameter takes an event argument or the auth payload, converted
	 * from JSON: whether it is neither context (see {@link PayloadArgumentResolver}) nor
	 * an exception nor a JSON tree.
	 */
	@Override
	protected boolean couldBePayload(MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		boolean context = !parameter.hasParameterAnnotation(Auth.class)
				&& CONTEXT_TYPES.stream().anyMatch((contextType) -> contextType.isAssignableFrom(type));
		Class<?> valueType = parameter.nestedIfOptional().getNestedParameterType();
		return !context && !Throwable.class.isAssignableFrom(type) && !isTree(valueType);
	}

	/**
	 * Register binding hints for the value the method's acknowledgement carries.
	 */
	@Override
	protected void registerReturnValueHints(ReflectionHints hints, Method method) {
		ResolvableType value = valueType(ResolvableType.forMethodReturnType(method));
		Class<?> type = value.resolve();
		if (type != null && type != void.class && type != Void.class && !isTree(type)) {
			this.bindingRegistrar.registerReflectionHints(hints, value.getType());
		}
	}

	/**
	 * Return what a returned value stands for: the element of a {@code Mono},
	 * {@code Flux} (whose list is sent), {@code CompletableFuture} or other reactive type,
	 * or of an {@code Optional}.
	 */
	private ResolvableType valueType(ResolvableType type) {
		Class<?> raw = type.resolve();
		if (raw != null && (raw == Optional.class || this.reactiveAdapters.getAdapter(raw) != null)
				&& type.hasGenerics()) {
			return valueType(type.getGeneric(0));
		}
		return type;
	}

	private static boolean isTree(@Nullable Class<?> type) {
		return type != null && JsonNode.class.isAssignableFrom(type);
	}

}
