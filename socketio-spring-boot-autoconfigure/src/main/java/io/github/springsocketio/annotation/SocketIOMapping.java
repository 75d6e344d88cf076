package io.github.springsocketio.annotation;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a controller method handles: an event, the connection, the disconnection or the
 * admission of the sockets of one namespace. Two methods with equal mappings make the
 * application fail to start.
 *
 * @param namespace the namespace, e.g. {@code /}
 * @param kind what is handled
 * @param event the event name for {@link Kind#EVENT}, {@code null} otherwise
 */
public record SocketIOMapping(String namespace, Kind kind, @Nullable String event) {

	/**
	 * What a mapping handles.
	 */
	public enum Kind {

		/** An event ({@link OnEvent}). */
		EVENT,

		/** The admission of a socket ({@link BeforeConnect}). */
		BEFORE_CONNECT,

		/** The connection of a socket ({@link OnConnect}). */
		CONNECT,

		/** The disconnection of a socket ({@link OnDisconnect}). */
		DISCONNECT

	}

	/**
	 * Create a mapping.
	 * @param namespace the namespace
	 * @param kind what is handled
	 * @param event the event name, required for {@link Kind#EVENT} only
	 */
	public SocketIOMapping {
		Objects.requireNonNull(namespace, "namespace");
		Objects.requireNonNull(kind, "kind");
		if ((kind == Kind.EVENT) != (event != null)) {
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
	 * Return the mapping of the connection, disconnection or admission of sockets.
	 * @param namespace the namespace
	 * @param kind anything but {@link Kind#EVENT}
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
		return switch (this.kind) {
			case EVENT -> "@OnEvent(\"" + this.event + "\") of namespace \"" + this.namespace + "\"";
			case BEFORE_CONNECT -> "@BeforeConnect of namespace \"" + this.namespace + "\"";
			case CONNECT -> "@OnConnect of namespace \"" + this.namespace + "\"";
			case DISCONNECT -> "@OnDisconnect of namespace \"" + this.namespace + "\"";
		};
	}

}
