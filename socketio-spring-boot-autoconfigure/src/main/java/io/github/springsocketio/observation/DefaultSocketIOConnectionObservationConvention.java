package io.github.springsocketio.observation;

import io.github.springsocketio.observation.SocketIOObservationDocumentation.KeyNames;
import io.github.springsocketio.server.DisconnectReason;
import io.micrometer.common.KeyValues;

/**
 * The default convention of connection observations: named
 * {@value #NAME}, contextual name {@code socketio connect <namespace>}, low cardinality
 * keys {@code namespace} and, once disconnected, {@code reason}; high cardinality key
 * {@code socket.id}.
 */
public class DefaultSocketIOConnectionObservationConvention implements SocketIOConnectionObservationConvention {

	/** Name of the observation. */
	public static final String NAME = "socketio.connection";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(SocketIOConnectionContext context) {
		return "socketio connect " + context.getNamespace();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(SocketIOConnectionContext context) {
		KeyValues values = KeyValues.of(KeyNames.NAMESPACE.withValue(context.getNamespace()));
		DisconnectReason reason = context.getDisconnectReason();
		return (reason != null) ? values.and(KeyNames.REASON.withValue(reason.description())) : values;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(SocketIOConnectionContext context) {
		return KeyValues.of(KeyNames.SOCKET_ID.withValue(context.getSocket().id()));
	}

}
