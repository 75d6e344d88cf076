package io.github.springsocketio.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;

/**
 * Records the timer of each {@link SocketIOEventContext} observation
 * ({@code socketio.event}, tagged with the convention's low-cardinality key values), in
 * place of Micrometer's default meter handler for these observations only. An event is
 * handled in microseconds, and the default handler's long task timer and its meter
 * lookup per observation cost as much as the handling of an echo event: here there is
 * no long task timer, and one {@link Timer} per name and tag set is kept once
 * registered. The registry's meter filters apply as usual.
 */
public final class SocketIOEventMeterObservationHandler implements MeterObservationHandler<SocketIOEventContext> {

	/** Distinct tag sets kept; beyond them timers are looked up in the registry. */
	private static final int MAX_CACHED = 1024;

	private final MeterRegistry registry;

	private final Clock clock;

	private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

	/**
	 * Create a handler.
	 * @param registry the registry the timers are registered with
	 */
	public SocketIOEventMeterObservationHandler(MeterRegistry registry) {
		this.registry = registry;
		this.clock = registry.config().clock();
	}

	@Override
	public void onStart(SocketIOEventContext context) {
		context.put(Started.class, new Started(this.clock.monotonicTime()));
	}

	@Override
	public void onStop(SocketIOEventContext context) {
		Started started = context.get(Started.class);
		if (started == null) {
			return;
		}
		timer(context).record(this.clock.monotonicTime() - started.nanos(), TimeUnit.NANOSECONDS);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof SocketIOEventContext;
	}

	private Timer timer(SocketIOEventContext context) {
		TimerKey key = new TimerKey(context.getName(), context.getLowCardinalityKeyValues());
		Timer timer = this.timers.get(key);
		if (timer == null) {
			timer = Timer.builder(key.name()).tags(tags(key.keyValues())).register(this.registry);
			if (this.timers.size() < MAX_CACHED) {
				this.timers.putIfAbsent(key, timer);
			}
		}
		return timer;
	}

	private static Tags tags(KeyValues keyValues) {
		Tags tags = Tags.empty();
		for (KeyValue keyValue : keyValues) {
			tags = tags.and(Tag.of(keyValue.getKey(), keyValue.getValue()));
		}
		return tags;
	}

	/** When an event's handling started, on the registry's clock. */
	private record Started(long nanos) {
	}

	private record TimerKey(String name, KeyValues keyValues) {
	}

}
