package io.github.springsocketio.annotation;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a controller method handles: an event, the connection, the disconnection or the
 * admission of the sockets of one namespace, or an event other nodes sent to it. Two
 * methods with equal mappings make the application fail to start.
 *
 * @param namespace the namespace, e.g. {@code /}
 * @param kind what is handled
 * @param event the event name for {@link Kind#EVENT} and {@link Kind#SERVER_SIDE_EVENT},
 * {@code null} otherwise
 */
public record SocketIOMapping(String namespace, Kind kind, @Nullable String event) {

	/**
	 * What a mapping handles.
	 */
	public enum Kind {

		/** An event of a socket ({@link OnEvent}). */
		EVENT("@OnEvent"),

		/** The admission of a socket ({@link BeforeConnect}). */
		BEFORE_CONNECT("@BeforeConnect"),

		/** The connection of a socket ({@link OnConnect}). */
		CONNECT("@OnConnect"),

		/** The disconnection of a socket ({@link OnDisconnect}). */
		DISCONNECT("@OnDisconnect"),

		/** An event from another node of the cluster ({@link OnServerSideEvent}). */
		SERVER_SIDE_EVENT("@OnServerSideEvent");

		private final String annotation;

		Kind(String annotation) {
			this.annotation = annotation;
		}

		/**
		 * Return the annotation that maps a method to this kind.
		 * @return the annotation's name with its {@code @}, e.g. {@code @OnEvent}
		 */
		public String annotation() {
			return this.annotation;
		}

		/**
		 * Return whether mappings of this kind are named by an event.
		 * @return {@code true} for {@link #EVENT} and {@link #SERVER_SIDE_EVENT}
		 */
		public boolean isNamed() {
			return this == EVENT || this == SERVER_SIDE_EVENT;
		}

	}

	/**
	 * Create a mapping.
	 * @param namespace the namespace
	 * @param kind what is handled
	 * @param event the event name, required for the {@linkplain Kind#isNamed() named}
	 * kinds only
	 */
	public SocketIOMapping {
		Objects.requireNonNull(namespace, "namespace");
		Objects.requireNonNull(kind, "kind");
		if (kind.isNamed() != (event != null)) {
			throw new IllegalArgumentException("An event name is required for events only");
		}
	}

	/**
	 * Return the mapping of an event.
	 * @param namespace the namespace
	 * @param event the event name
	 * @return the mapping
	 */
	public static SocketIOMapping event(String namespace, String event) {
		return new SocketIOMapping(namespace, Kind.EVENT, event);
	}

	/**
	 * Return the mapping of an event from other nodes.
	 * @param namespace the namespace
	 * @param event the event name
	 * @return the mapping
	 */
	public static SocketIOMapping serverSideEvent(String namespace, String event) {
		return new SocketIOMapping(namespace, Kind.SERVER_SIDE_EVENT, event);
	}

	/**
	 * Return the mapping of the connection, disconnection or admission of sockets.
	 * @param namespace the namespace
	 * @param kind a kind that is not {@linkplain Kind#isNamed() named}
	 * @return the mapping
	 */
	public static SocketIOMapping of(String namespace, Kind kind) {
		return new SocketIOMapping(namespace, kind, null);
	}

	/**
	 * Return the key under which the mapping is looked up, unique per mapping.
	 * @return the destination key
	 */
	public String destination() {
		return this.namespace + '\u0000' + this.kind + ((this.event != null) ? '\u0000' + this.event : "");
	}

	@Override
	public String toString() {
		String name = (this.event != null) ? "(\"" + this.event + "\")" : "";
		return this.kind.annotation() + name + " of namespace \"" + this.namespace + "\"";
	}

}
