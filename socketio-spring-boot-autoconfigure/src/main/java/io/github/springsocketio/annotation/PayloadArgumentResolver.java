package io.github.springsocketio.annotation;

import java.lang.reflect.Executable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.reactive.HandlerMethodArgumentResolver;
import org.springframework.messaging.handler.invocation.reactive.SyncHandlerMethodArgumentResolver;

/**
 * The catch-all resolver, last in the chain: a parameter that no other resolver takes
 * (and that is not the exception of an exception handler) receives the next argument of
 * the event, in declaration order, converted to its type.
 */
final class PayloadArgumentResolver implements SyncHandlerMethodArgumentResolver {

	private static final int NOT_PAYLOAD = -1;

	private final List<HandlerMethodArgumentResolver> others;

	private final ArgumentConverter converter;

	private final Map<Executable, int[]> positions = new ConcurrentHashMap<>();

	/**
	 * @param others the resolvers ahead of this one, which take their parameters first
	 */
	PayloadArgumentResolver(List<? extends HandlerMethodArgumentResolver> others, ArgumentConverter converter) {
		this.others = List.copyOf(others);
		this.converter = converter;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return true;
	}

	@Override
	public @Nullable Object resolveArgumentValue(MethodParameter parameter, Message<?> message) {
		int position = position(parameter);
		if (position == NOT_PAYLOAD) {
			return null;
		}
		ArrayNode args = (ArrayNode) message.getPayload();
		JsonNode node = (position < args.size()) ? args.get(position) : null;
		return this.converter.convert(node, parameter, message, "argument " + position);
	}

	/**
	 * Return the position of the event argument a parameter takes, computed once per
	 * method.
	 */
	int position(MethodParameter parameter) {
		int[] all = this.positions.computeIfAbsent(parameter.getExecutable(), (executable) -> {
			int[] result = new int[executable.getParameterCount()];
			int next = 0;
			for (int i = 0; i < result.length; i++) {
				MethodParameter candidate = MethodParameter.forExecutable(executable, i);
				result[i] = isPayload(candidate) ? next++ : NOT_PAYLOAD;
			}
			return result;
		});
		return all[parameter.getParameterIndex()];
	}

	private boolean isPayload(MethodParameter parameter) {
		if (Throwable.class.isAssignableFrom(parameter.getParameterType())) {
			return false;
		}
		for (HandlerMethodArgumentResolver other : this.others) {
			if (other.supportsParameter(parameter)) {
				return false;
			}
		}
		return true;
	}

}
