package io.github.springsocketio.javaclient;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconnection delays follow the JavaScript client's back-off.
 */
class BackoffTests {

	private static final Duration MIN = Duration.ofSeconds(1);

	private static final Duration MAX = Duration.ofSeconds(5);

	@Test
	void doublesUpToTheMaximumWithoutJitter() {
		Backoff backoff = new Backoff(MIN, MAX, 0, () -> 0.7);
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(1000));
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(2000));
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(4000));
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(5000));
		assertThat(backoff.attempts()).isEqualTo(4);
		backoff.reset();
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(1000));
	}

	@Test
	void jitterDeviatesEitherWayByUpToTheFactor() {
		// the JS client: an even first decimal digit of the random number subtracts
		assertThat(new Backoff(MIN, MAX, 0.5, () -> 0.05).next()).isEqualTo(Duration.ofMillis(975));
		assertThat(new Backoff(MIN, MAX, 0.5, () -> 0.99).next()).isEqualTo(Duration.ofMillis(1495));
		Backoff late = new Backoff(MIN, MAX, 0.5, () -> 0.99);
		for (int i = 0; i < 3; i++) {
			late.next();
		}
		assertThat(late.next()).isEqualTo(MAX);
	}

	@Test
	void theBuilderHasTheJavaScriptDefaults() {
		SocketIOClient client = SocketIOClient.builder(java.net.URI.create("https://example.com/chat")).build();
		ClientOptions options = client.options();
		assertThat(options.reconnection()).isTrue();
		assertThat(options.reconnectionAttempts()).isEqualTo(Long.MAX_VALUE);
		assertThat(options.reconnectionDelay()).isEqualTo(Duration.ofSeconds(1));
		assertThat(options.reconnectionDelayMax()).isEqualTo(Duration.ofSeconds(5));
		assertThat(options.randomizationFactor()).isEqualTo(0.5);
		assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(20));
		assertThat(options.transports()).containsExactly(Transport.POLLING, Transport.WEBSOCKET);
		assertThat(client.socket().namespace()).isEqualTo("/chat");
		assertThat(options.engineUrl(Transport.WEBSOCKET, "a b"))
			.isEqualTo("wss://example.com/socket.io/?EIO=4&transport=websocket&sid=a+b");
		assertThat(options.engineUrl(Transport.POLLING, null))
			.isEqualTo("https://example.com/socket.io/?EIO=4&transport=polling");
	}

}
