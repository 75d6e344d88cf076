package io.github.springsocketio.observation;

import io.github.springsocketio.observation.SocketIOObservationDocumentation.KeyNames;
import io.micrometer.common.KeyValues;

/**
 * The default convention of event observations: named {@value #NAME}, contextual name
 * {@code socketio event <event>}, low cardinality keys {@code namespace}, {@code event}
 * and, once handled, {@code outcome} ({@value #SUCCESS} or {@value #ERROR}) and
 * {@code exception}; high cardinality key {@code socket.id}.
 */
public class DefaultSocketIOEventObservationConvention implements SocketIOEventObservationConvention {

	/** Name of the observation. */
	public static final String NAME = "socketio.event";

	/** Outcome of an event whose handlers all succeeded. */
	public static final String SUCCESS = "success";

	/** Outcome of an event one of whose handlers failed. */
	public static final String ERROR = "error";

	private static final String NO_EXCEPTION = "none";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(SocketIOEventContext context) {
		return "socketio event " + context.getEvent().name();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(SocketIOEventContext context) {
		KeyValues values = KeyValues.of(KeyNames.NAMESPACE.withValue(context.getNamespace()),
				KeyNames.EVENT.withValue(context.getEvent().name()));
		if (!context.isHandled()) {
			return values;
		}
		Throwable error = context.getError();
		return values.and(KeyNames.OUTCOME.withValue((error != null) ? ERROR : SUCCESS),
				KeyNames.EXCEPTION.withValue((error != null) ? exceptionName(error) : NO_EXCEPTION));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(SocketIOEventContext context) {
		return KeyValues.of(KeyNames.SOCKET_ID.withValue(context.getSocket().id()));
	}

	private static String exceptionName(Throwable error) {
		String name = error.getClass().getSimpleName();
		return name.isEmpty() ? error.getClass().getName() : name;
	}

}
