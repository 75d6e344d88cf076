package io.github.springsocketio.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of the Socket.IO server, their names and keys.
 */
public enum SocketIOObservationDocumentation implements ObservationDocumentation {

	/**
	 * A socket's connection to a namespace: from the accepted CONNECT until the socket
	 * has disconnected and its disconnect listeners have run. Continues a trace context
	 * the client sent.
	 */
	CONNECTION {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultSocketIOConnectionObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { KeyNames.NAMESPACE, KeyNames.REASON };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { KeyNames.SOCKET_ID };
		}
	},

	/**
	 * The handling of an event a client sent, from the moment it passed the socket's
	 * middleware until its last handler has finished. A child of the connection.
	 */
	EVENT {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultSocketIOEventObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { KeyNames.NAMESPACE, KeyNames.EVENT, KeyNames.OUTCOME, KeyNames.EXCEPTION };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { KeyNames.SOCKET_ID };
		}
	};

	/**
	 * The keys of the observations; those known only once the connection or event has
	 * ended are not required.
	 */
	public enum KeyNames implements KeyName {

		/** Name of the namespace, e.g. {@code /chat}. */
		NAMESPACE("namespace", true),

		/**
		 * Why the socket disconnected, the reference's name (e.g.
		 * {@code transport close}); connections, once disconnected.
		 */
		REASON("reason", false),

		/** Name of the event; events. */
		EVENT("event", true),

		/**
		 * {@code success}, or {@code error} when a handler threw or failed (even if an
		 * exception handler answered); events, once handled.
		 */
		OUTCOME("outcome", false),

		/** Simple class name of the failure, or {@code none}; events, once handled. */
		EXCEPTION("exception", false),

		/** Id of the socket (high cardinality). */
		SOCKET_ID("socket.id", true);

		private final String key;

		private final boolean required;

		KeyNames(String key, boolean required) {
			this.key = key;
			this.required = required;
		}

		@Override
		public String asString() {
			return this.key;
		}

		@Override
		public boolean isRequired() {
			return this.required;
		}

	}

}
