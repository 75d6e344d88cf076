package io.github.springsocketio.observation;

import io.github.springsocketio.server.HandlerScope;
import io.github.springsocketio.server.HandlingObserver;
import io.github.springsocketio.server.Socket;
import io.github.springsocketio.server.SocketEvent;
import io.github.springsocketio.server.SocketIOServer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;

/**
 * Observes a {@link SocketIOServer} with Micrometer {@link Observation}s: one per
 * accepted connection ({@link SocketIOObservationDocumentation#CONNECTION}) and one per
 * handled event ({@link SocketIOObservationDocumentation#EVENT}, a child of its
 * connection's). While a handler runs, its observation is the current one on its thread
 * ({@link Observation#openScope()}: with Micrometer Tracing, its span is current and its
 * trace id in the logging MDC) and in the Reactor context of its publisher (under
 * {@link ObservationThreadLocalAccessor#KEY}). Install it with
 * {@link SocketIOServer#setHandlingObserver}.
 * <p>
 * Nothing is created when the registry is a no-op, or when its predicates turn the
 * observations off (e.g. {@code management.observations.enable.socketio=false}).
 */
public final class SocketIOObservations implements HandlingObserver {

	private static final SocketIOConnectionObservationConvention DEFAULT_CONNECTION_CONVENTION =
			new DefaultSocketIOConnectionObservationConvention();

	private static final SocketIOEventObservationConvention DEFAULT_EVENT_CONVENTION =
			new DefaultSocketIOEventObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable SocketIOConnectionObservationConvention connectionConvention;

	private final @Nullable SocketIOEventObservationConvention eventConvention;

	/**
	 * Observe with the default conventions.
	 * @param registry the registry
	 */
	public SocketIOObservations(ObservationRegistry registry) {
		this(registry, null, null);
	}

	/**
	 * Observe with conventions of one's own.
	 * @param registry the registry
	 * @param connectionConvention the convention of connections, {@code null} for
	 * {@link DefaultSocketIOConnectionObservationConvention}
	 * @param eventConvention the convention of events, {@code null} for
	 * {@link DefaultSocketIOEventObservationConvention}
	 */
	public SocketIOObservations(ObservationRegistry registry,
			@Nullable SocketIOConnectionObservationConvention connectionConvention,
			@Nullable SocketIOEventObservationConvention eventConvention) {
		this.registry = registry;
		this.connectionConvention = connectionConvention;
		this.eventConvention = eventConvention;
	}

	@Override
	public @Nullable Handling connection(Socket socket) {
		if (this.registry.isNoop()) {
			return null;
		}
		Observation observation = SocketIOObservationDocumentation.CONNECTION.observation(this.connectionConvention,
				DEFAULT_CONNECTION_CONVENTION, () -> new SocketIOConnectionContext(socket), this.registry);
		return observation.isNoop() ? null : new ObservedHandling(observation.start(), null);
	}

	@Override
	public @Nullable Handling event(SocketEvent event, @Nullable Handling connection) {
		if (this.registry.isNoop()) {
			return null;
		}
		SocketIOEventContext context = new SocketIOEventContext(event);
		Observation observation = SocketIOObservationDocumentation.EVENT.observation(this.eventConvention,
				DEFAULT_EVENT_CONVENTION, () -> context, this.registry);
		if (observation.isNoop()) {
			return null;
		}
		if (connection instanceof ObservedHandling parent) {
			observation.parentObservation(parent.observation);
		}
		return new ObservedHandling(observation.start(), context);
	}

	/**
	 * A started observation as the server's handling of a connection or an event.
	 */
	private static final class ObservedHandling implements Handling {

		private final Observation observation;

		private final @Nullable SocketIOEventContext event;

		ObservedHandling(Observation observation, @Nullable SocketIOEventContext event) {
			this.observation = observation;
			this.event = event;
		}

		@Override
		public HandlerScope.Restore open() {
			return this.observation.openScope()::close;
		}

		@Override
		public Context enrich(Context context) {
			return context.put(ObservationThreadLocalAccessor.KEY, this.observation);
		}

		@Override
		public void error(Throwable error) {
			this.observation.error(error);
		}

		@Override
		public void stop() {
			if (this.event != null) {
				this.event.setHandled();
			}
			this.observation.stop();
		}

	}

}
