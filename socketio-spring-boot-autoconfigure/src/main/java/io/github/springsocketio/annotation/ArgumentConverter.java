package io.github.springsocketio.annotation;

import java.lang.annotation.Annotation;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.BinaryNode;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.SmartValidator;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.ValidationAnnotationUtils;

/**
 * Converts JSON trees to parameter types with the application's {@code JsonMapper} and
 * validates the results of {@code @Valid} / {@code @Validated} parameters.
 */
final class ArgumentConverter {

	private final JsonMapper mapper;

	private final @Nullable Validator validator;

	ArgumentConverter(JsonMapper mapper, @Nullable Validator validator) {
		this.mapper = mapper;
		this.validator = validator;
	}

	/**
	 * Convert and validate.
	 * @param node the JSON value, {@code null} when absent
	 * @param what how to name the value to the client, e.g. {@code argument 0}
	 */
	@Nullable Object convert(@Nullable JsonNode node, MethodParameter parameter, Message<?> message, String what) {
		Class<?> type = parameter.getParameterType();
		if (type == Optional.class && (node == null || node.isMissingNode() || node.isNull())) {
			return Optional.empty();
		}
		if (node == null || node.isMissingNode()) {
			if (type.isPrimitive()) {
				throw new InvalidArgumentException(message, parameter, "Missing " + what, null);
			}
			return null;
		}
		if (type.isInstance(node)) {
			return node;
		}
		if (node.isNull()) {
			if (type.isPrimitive()) {
				throw new InvalidArgumentException(message, parameter, "Null " + what, null);
			}
			return null;
		}
		Object value;
		try {
			if (type == byte[].class && node instanceof BinaryNode binary) {
				value = binary.binaryValue();
			}
			else {
				value = this.mapper.treeToValue(node, this.mapper.constructType(parameter.getGenericParameterType()));
			}
		}
		catch (RuntimeException ex) {
			throw new InvalidArgumentException(message, parameter,
					"Cannot convert " + what + " to " + type.getSimpleName(), ex);
		}
		validate(value, parameter, message);
		return value;
	}

	private void validate(@Nullable Object value, MethodParameter parameter, Message<?> message) {
		if (this.validator == null || value == null) {
			return;
		}
		for (Annotation annotation : parameter.getParameterAnnotations()) {
			Object[] hints = ValidationAnnotationUtils.determineValidationHints(annotation);
			if (hints != null) {
				BeanPropertyBindingResult errors = new BeanPropertyBindingResult(value,
						(parameter.getParameterName() != null) ? parameter.getParameterName() : "argument");
				if (hints.length > 0 && this.validator instanceof SmartValidator smart) {
					smart.validate(value, errors, hints);
				}
				else {
					this.validator.validate(value, errors);
				}
				if (errors.hasErrors()) {
					throw new MethodArgumentNotValidException(message, parameter, errors);
				}
				return;
			}
		}
	}

}
