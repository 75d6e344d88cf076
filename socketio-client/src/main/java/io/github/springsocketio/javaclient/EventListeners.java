package io.github.springsocketio.javaclient;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * The subscribers of a socket's events. Each subscriber has its own unbounded buffer,
 * so that no event is lost to a slow one (as no JavaScript listener misses an event);
 * an event without subscribers is dropped.
 */
final class EventListeners {

	private final List<Registration> registrations = new CopyOnWriteArrayList<>();

	Flux<Event> subscribe(@Nullable String name) {
		return Flux.create((sink) -> {
			Registration registration = new Registration(name, sink);
			this.registrations.add(registration);
			sink.onDispose(() -> this.registrations.remove(registration));
		}, FluxSink.OverflowStrategy.BUFFER);
	}

	/** Called on the client's worker only. */
	void dispatch(Event event) {
		for (Registration registration : this.registrations) {
			if (registration.name == null || registration.name.equals(event.name())) {
				registration.sink.next(event);
			}
		}
	}

	private record Registration(@Nullable String name, FluxSink<Event> sink) {
	}

}
