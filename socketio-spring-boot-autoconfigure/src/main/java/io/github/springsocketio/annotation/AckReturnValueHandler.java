package io.github.springsocketio.annotation;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.MethodParameter;
import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.reactive.HandlerMethodReturnValueHandler;

/**
 * Turns what handler methods (and exception handlers) return into the event's
 * acknowledgement, or for a server-side event into this node's answer (see
 * {@link DispatchHeaders#reply}): a value as is, a single-value publisher ({@code Mono},
 * {@code CompletableFuture}...) once it completes, a multi-value one ({@code Flux}) as the
 * list of its values. A returned publisher is always subscribed to, ack or not
 * ({@code InvocableHandlerMethod} does not flatten it). Nothing is sent for {@code null},
 * for an empty publisher, when the sender did not ask, or for connections and
 * disconnections.
 */
final class AckReturnValueHandler implements HandlerMethodReturnValueHandler {

	private final ReactiveAdapterRegistry registry;

	AckReturnValueHandler(ReactiveAdapterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public boolean supportsReturnType(MethodParameter returnType) {
		return true;
	}

	@Override
	public Mono<Void> handleReturnValue(@Nullable Object returnValue, MethodParameter returnType,
			Message<?> message) {
		if (returnValue == null) {
			return Mono.empty();
		}
		ReactiveAdapter adapter = this.registry.getAdapter(returnValue.getClass());
		if (adapter == null) {
			DispatchHeaders.reply(message, returnValue);
			return Mono.empty();
		}
		Mono<?> value = adapter.isMultiValue() ? Flux.from(adapter.toPublisher(returnValue)).collectList()
				: Mono.from(adapter.toPublisher(returnValue));
		return value.doOnNext((result) -> DispatchHeaders.reply(message, result)).then();
	}

}
