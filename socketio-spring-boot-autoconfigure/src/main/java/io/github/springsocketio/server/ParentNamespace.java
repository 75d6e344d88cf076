package io.github.springsocketio.server;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * A family of dynamic namespaces, created on first use when their name matches. Its
 * middleware and connection listeners apply to every child.
 */
public final class ParentNamespace {

	private final Predicate<String> matcher;

	private final List<ConnectMiddleware> middlewares = new CopyOnWriteArrayList<>();

	private final List<Consumer<Socket>> connectionListeners = new CopyOnWriteArrayList<>();

	private final Map<String, Namespace> children = new ConcurrentHashMap<>();

	ParentNamespace(Predicate<String> matcher) {
		this.matcher = matcher;
	}

	/**
	 * Add a middleware run before each socket is admitted to any child.
	 * @param middleware the middleware
	 * @return this parent
	 */
	public ParentNamespace use(ConnectMiddleware middleware) {
		this.middlewares.add(middleware);
		return this;
	}

	/**
	 * Be told of every socket that connects to any child.
	 * @param listener receives the socket
	 * @return this parent
	 */
	public ParentNamespace onConnection(Consumer<Socket> listener) {
		this.connectionListeners.add(listener);
		return this;
	}

	/**
	 * Return the children created so far.
	 * @return a read-only view
	 */
	public Collection<Namespace> children() {
		return Collections.unmodifiableCollection(this.children.values());
	}

	/**
	 * Emit an event to every socket of every child.
	 * @param event the event name
	 * @param args the arguments
	 */
	public void emit(String event, @Nullable Object... args) {
		for (Namespace child : this.children.values()) {
			child.emit(event, args);
		}
	}

	boolean matches(String name) {
		return this.matcher.test(name);
	}

	Namespace createChild(String name, SocketIOServer server) {
		return this.children.computeIfAbsent(name,
				(key) -> new Namespace(key, server, this.middlewares, this.connectionListeners));
	}

	void removeChild(Namespace child) {
		this.children.remove(child.name(), child);
	}

}
