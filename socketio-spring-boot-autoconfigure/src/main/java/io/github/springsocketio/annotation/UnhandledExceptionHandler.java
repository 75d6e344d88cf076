package io.github.springsocketio.annotation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.MessagingAdviceBean;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * The last exception handler, consulted after the controller's and the advice's
 * {@code @MessageExceptionHandler} methods: logs the exception and, when the client
 * asked for an acknowledgement (or the node that sent a server-side event for an
 * answer), answers with an error object (see {@link #errorOf}). The socket stays
 * connected.
 */
final class UnhandledExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(SocketIOMessageHandler.class);

	/** Key of the error message in the error acknowledgement. */
	static final String ERROR = "error";

	/** Key of the validation errors in the error acknowledgement. */
	static final String DETAILS = "details";

	private static final String ACCESS_DENIED = "org.springframework.security.access.AccessDeniedException";

	/** Error message of a failed validation. */
	static final String VALIDATION_FAILED = "Validation failed";

	@MessageExceptionHandler
	@Nullable Map<String, Object> handle(Throwable ex, Message<?> message) {
		SocketIOMapping mapping = DispatchHeaders.mapping(message);
		String origin = DispatchHeaders.origin(message);
		if (ex instanceof InvalidArgumentException || ex instanceof MethodArgumentNotValidException) {
			logger.warn("{} refused a payload of {}: {}", mapping, origin, ex.getMessage());
		}
		else if (isAccessDenied(ex)) {
			// method security said no: the caller's business, not a failure of the server
			logger.debug("{} denied to {}: {}", mapping, origin, ex.getMessage());
		}
		else {
			logger.error("{} failed for {}", mapping, origin, ex);
		}
		return DispatchHeaders.expectsReply(message) ? errorOf(ex) : null;
	}

	/**
	 * Return the error acknowledgement of an exception: {@code {"error": message}}, or for
	 * a failed validation {@code {"error": "Validation failed", "details": [{"field": f,
	 * "message": m}...]}} (errors of the whole object first, without {@code field}, then
	 * by field name).
	 * @param ex the exception
	 * @return the error object
	 */
	static Map<String, Object> errorOf(Throwable ex) {
		Map<String, Object> error = new LinkedHashMap<>();
		if (ex instanceof MethodArgumentNotValidException invalid && invalid.getBindingResult() != null) {
			error.put(ERROR, VALIDATION_FAILED);
			error.put(DETAILS, details(invalid.getBindingResult()));
		}
		else if (ex instanceof InvalidArgumentException invalid) {
			error.put(ERROR, invalid.getReason());
		}
		else {
			error.put(ERROR, (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName());
		}
		return error;
	}

	private static List<Map<String, Object>> details(BindingResult result) {
		List<Map<String, Object>> details = new ArrayList<>();
		List<ObjectError> errors = new ArrayList<>(result.getGlobalErrors());
		errors.addAll(result.getFieldErrors().stream().sorted(Comparator.comparing(FieldError::getField)).toList());
		for (ObjectError error : errors) {
			Map<String, Object> detail = new LinkedHashMap<>();
			if (error instanceof FieldError field) {
				detail.put("field", field.getField());
			}
			detail.put("message", (error.getDefaultMessage() != null) ? error.getDefaultMessage() : error.getCode());
			details.add(detail);
		}
		return details;
	}

	/**
	 * Registers the handler as an advice that applies to every controller, after the
	 * application's.
	 */
	static final class Advice implements MessagingAdviceBean {

		private final UnhandledExceptionHandler handler = new UnhandledExceptionHandler();

		@Override
		public Class<?> getBeanType() {
			return UnhandledExceptionHandler.class;
		}

		@Override
		public Object resolveBean() {
			return this.handler;
		}

		@Override
		public boolean isApplicableToBeanType(Class<?> beanType) {
			return true;
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}


	/**
	 * Return whether an exception is Spring Security's {@code AccessDeniedException} (or
	 * a subclass), known by name since Spring Security is optional.
	 */
	static boolean isAccessDenied(Throwable ex) {
		for (Class<?> type = ex.getClass(); type != null; type = type.getSuperclass()) {
			if (type.getName().equals(ACCESS_DENIED)) {
				return true;
			}
		}
		return false;
	}

}
