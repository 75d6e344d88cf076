package io.github.springsocketio.annotation;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;

/**
 * An event argument is missing or cannot be converted to its parameter's type. Unless a
 * {@code @MessageExceptionHandler} handles it, the client's acknowledgement (if it asked
 * for one) is {@code {"error": reason}}.
 */
public class InvalidArgumentException extends MethodArgumentResolutionException {

	private static final long serialVersionUID = 1L;

	private final String reason;

	/**
	 * Create an exception.
	 * @param message the message being handled
	 * @param parameter the parameter that could not be resolved
	 * @param reason what is wrong, short enough for the client, e.g. {@code Missing argument 1}
	 * @param cause the conversion failure, if any
	 */
	public InvalidArgumentException(Message<?> message, MethodParameter parameter, String reason,
			@Nullable Throwable cause) {
		super(message, parameter, reason, cause);
		this.reason = reason;
	}

	/**
	 * Return what is wrong, without the method signature.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

}
