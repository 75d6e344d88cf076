package io.github.springsocketio.annotation;

import java.util.EnumSet;
import java.util.Set;

import io.github.springsocketio.annotation.SocketIOMapping.Kind;

/**
 * An argument resolver of context that only some kinds of handler methods have, e.g. a
 * socket, which server-side events from other nodes do not have. A mapped method of
 * another kind that declares one of its parameters fails the startup instead of
 * receiving {@code null}; exception handlers, shared by every kind, receive {@code null}.
 */
interface ScopedArgumentResolver {

	/** The kinds of socket messages: all but server-side events. */
	Set<Kind> SOCKET = Set.copyOf(EnumSet.complementOf(EnumSet.of(Kind.SERVER_SIDE_EVENT)));

	/** Server-side events only. */
	Set<Kind> SERVER_SIDE = Set.of(Kind.SERVER_SIDE_EVENT);

	/** Every kind. */
	Set<Kind> ALL = Set.copyOf(EnumSet.allOf(Kind.class));

	/**
	 * Return the kinds of handler methods that have this context.
	 * @return the kinds
	 */
	Set<Kind> scope();

}
