package io.github.springsocketio.sample.chat;

import java.time.Duration;
import java.util.Map;

import io.github.springsocketio.javaclient.SocketIOConnectException;
import io.github.springsocketio.javaclient.Transport;
import io.github.springsocketio.test.autoconfigure.AutoConfigureSocketIOTester;
import io.github.springsocketio.test.tester.SocketIOSession;
import io.github.springsocketio.test.tester.SocketIOTester;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The chat's listeners, driven through {@link SocketIOTester} against the running app.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureSocketIOTester
class ChatNamespaceTests {

	@Autowired
	private SocketIOTester tester;

	@Test
	void aMessageIsAcknowledgedToItsSenderAndRelayedToTheRoom() {
		SocketIOSession alice = this.tester.connect(ChatNamespace.NAME, Map.of("nickname", "alice"));
		SocketIOSession bob = this.tester.connect(ChatNamespace.NAME, Map.of("nickname", "bob"));
		assertThat(alice.expectEvent("session").argument(ChatNamespace.Session.class).nickname()).isEqualTo("alice");

		ChatNamespace.Joined joined = alice.emitWithAck("join", "tester-room").expectReply(ChatNamespace.Joined.class);
		assertThat(joined.room()).isEqualTo("tester-room");
		bob.emitWithAck("join", "tester-room").expectReply(ChatNamespace.Joined.class);

		ChatNamespace.Delivered delivered = alice.emitWithAck("message", Map.of("text", "hello bob"))
			.expectReply(ChatNamespace.Delivered.class);
		ChatNamespace.ChatMessage message = bob.expectEvent("message").argument(ChatNamespace.ChatMessage.class);
		assertThat(message.id()).isEqualTo(delivered.id());
		assertThat(message.from()).isEqualTo("alice");
		assertThat(message.text()).isEqualTo("hello bob");
	}

	@Test
	void aRefusedRequestIsAcknowledgedWithAnError() {
		SocketIOSession carol = this.tester.connect(ChatNamespace.NAME, Map.of("nickname", "carol"));
		StepVerifier.create(carol.emitWithAck("message", Map.of("text", "nobody hears")).mono())
			.assertNext((ack) -> assertThat(ack.json(0).path("error").stringValue()).isEqualTo("join a room first"))
			.verifyComplete();
	}

	@Test
	void aMissingEventFailsWithWhatArrivedInstead() {
		SocketIOSession dave = this.tester.withTransports(Transport.POLLING)
			.connect(ChatNamespace.NAME, Map.of("nickname", "dave"));
		dave.expectEvent("session");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> dave.expectEvent("no-such-event", Duration.ofMillis(200)))
			.withMessageStartingWith("No event 'no-such-event' on /chat within 200 ms; not yet expected: [")
			.withMessageContaining("; already expected: [Event[session, [{\"id\":");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.tester.connect(ChatNamespace.NAME, Map.of("nickname", "")))
			.withMessageStartingWith("Connection to /chat refused: invalid nickname {\"reason\":");
	}

	@Test
	void aConnectionWithoutNicknameIsRefused() {
		SocketIOConnectException refusal = this.tester.expectConnectError(ChatNamespace.NAME, Map.of());
		assertThat(refusal.getMessage()).isEqualTo("invalid nickname");
	}

}
