package io.github.springsocketio.server;

import java.time.Duration;

import io.github.springsocketio.adapter.AdapterFactory;
import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.engine.ProtocolClock;
import io.github.springsocketio.protocol.PacketDecoder;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Tests for {@link SocketIOServerOptions}: the reference's defaults, the builder's
 * checks and {@link SocketIOServerOptions#mutate()}.
 */
class SocketIOServerOptionsTests {

	@Test
	void defaultsAreTheReferences() {
		SocketIOServerOptions options = SocketIOServerOptions.defaults();
		assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(45));
		assertThat(options.maxAttachments()).isEqualTo(PacketDecoder.DEFAULT_MAX_ATTACHMENTS);
		assertThat(options.parser()).isEqualTo(SocketIOServerOptions.Parser.DEFAULT);
		assertThat(options.adapterFactory()).isSameAs(AdapterFactory.IN_MEMORY);
		assertThat(options.maxDynamicNamespaces()).isEqualTo(1000);
		assertThat(options.cleanupEmptyChildNamespaces()).isTrue();
		assertThat(options.recovery()).isNull();
		assertThat(options.clock()).isSameAs(ProtocolClock.system());
		assertThat(SocketIOServerOptions.builder().build()).usingRecursiveComparison().isEqualTo(options);
	}

	@Test
	void builderSetsEverySetting() {
		AdapterFactory adapters = InMemoryAdapter::new;
		ProtocolClock clock = ProtocolClock.of(VirtualTimeScheduler.create());
		SocketIOServerOptions.ConnectionStateRecovery recovery = SocketIOServerOptions.ConnectionStateRecovery
			.defaults();
		SocketIOServerOptions options = SocketIOServerOptions.builder()
			.connectTimeout(Duration.ofSeconds(1))
			.maxAttachments(0)
			.parser(SocketIOServerOptions.Parser.MSGPACK)
			.adapterFactory(adapters)
			.maxDynamicNamespaces(3)
			.cleanupEmptyChildNamespaces(false)
			.recovery(recovery)
			.clock(clock)
			.build();
		assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
		assertThat(options.maxAttachments()).isZero();
		assertThat(options.parser()).isEqualTo(SocketIOServerOptions.Parser.MSGPACK);
		assertThat(options.adapterFactory()).isSameAs(adapters);
		assertThat(options.maxDynamicNamespaces()).isEqualTo(3);
		assertThat(options.cleanupEmptyChildNamespaces()).isFalse();
		assertThat(options.recovery()).isEqualTo(new SocketIOServerOptions.ConnectionStateRecovery(
				SocketIOServerOptions.ConnectionStateRecovery.DEFAULT_MAX_DISCONNECTION_DURATION, true));
		assertThat(options.clock()).isSameAs(clock);
	}

	@Test
	void mutateStartsFromTheSettingsAndLeavesThemAlone() {
		SocketIOServerOptions original = SocketIOServerOptions.builder()
			.connectTimeout(Duration.ofSeconds(2))
			.maxDynamicNamespaces(5)
			.parser(SocketIOServerOptions.Parser.MSGPACK)
			.recovery(SocketIOServerOptions.ConnectionStateRecovery.defaults())
			.build();
		SocketIOServerOptions copy = original.mutate().build();
		assertThat(copy).isNotSameAs(original).usingRecursiveComparison().isEqualTo(original);
		SocketIOServerOptions changed = original.mutate().maxAttachments(1).recovery(null).build();
		assertThat(changed.maxAttachments()).isEqualTo(1);
		assertThat(changed.recovery()).isNull();
		assertThat(changed.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(changed.parser()).isEqualTo(SocketIOServerOptions.Parser.MSGPACK);
		assertThat(original.maxAttachments()).isEqualTo(PacketDecoder.DEFAULT_MAX_ATTACHMENTS);
		assertThat(original.recovery()).isNotNull();
	}

	@Test
	void invalidSettingsAreRefused() {
		SocketIOServerOptions.Builder builder = SocketIOServerOptions.builder();
		assertThatIllegalArgumentException().isThrownBy(() -> builder.connectTimeout(Duration.ZERO))
			.withMessage("connectTimeout must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.connectTimeout(Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxAttachments(-1))
			.withMessage("maxAttachments must not be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxDynamicNamespaces(0))
			.withMessage("maxDynamicNamespaces must be positive");
		assertThatNullPointerException().isThrownBy(() -> builder.adapterFactory(null));
		assertThatNullPointerException().isThrownBy(() -> builder.clock(null));
		assertThatNullPointerException().isThrownBy(() -> builder.parser(null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SocketIOServerOptions.ConnectionStateRecovery(Duration.ZERO, true))
			.withMessage("maxDisconnectionDuration must be positive");
		assertThat(builder.build()).usingRecursiveComparison().isEqualTo(SocketIOServerOptions.defaults());
	}

}
