package io.github.springsocketio.security;

import java.time.Instant;

import io.github.springsocketio.server.Handshake;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.util.LinkedMultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketIOAccessRules}: first matching rule decides, the rest is denied.
 */
class SocketIOAccessRulesTests {

	private static final Handshake HANDSHAKE = new Handshake(new HttpHeaders(), new LinkedMultiValueMap<>(),
			JsonNodeFactory.instance.objectNode(), null, Instant.EPOCH, "/socket.io/", false, null);

	private final SocketIOAccessRules rules = SocketIOAccessRules.builder()
		.connect("/admin")
		.hasRole("ADMIN")
		.event("/chat", "delete")
		.hasRole("MODERATOR")
		.event("ping")
		.permitAll()
		.anyEvent("/closed")
		.denyAll()
		.anyConnect()
		.authenticated()
		.anyEvent()
		.authenticated()
		.build();

	private final Authentication user = new TestingAuthenticationToken("alice", "x", "ROLE_USER");

	private final Authentication admin = new TestingAuthenticationToken("root", "x", "ROLE_ADMIN", "ROLE_MODERATOR");

	@Test
	void namespaceRuleDecidesItsConnectsAndAnyConnectTheOthers() {
		assertThat(granted(this.user, "/admin", null)).isFalse();
		assertThat(granted(this.admin, "/admin", null)).isTrue();
		assertThat(granted(this.user, "/chat", null)).isTrue();
		assertThat(granted(null, "/chat", null)).isFalse();
	}

	@Test
	void eventRulesMatchByNamespaceAndName() {
		assertThat(granted(this.user, "/chat", "delete")).isFalse();
		assertThat(granted(this.admin, "/chat", "delete")).isTrue();
		// the same name elsewhere falls to anyEvent()
		assertThat(granted(this.user, "/", "delete")).isTrue();
		assertThat(granted(null, "/", "ping")).isTrue();
		assertThat(granted(this.admin, "/closed", "anything")).isFalse();
		assertThat(granted(null, "/", "message")).isFalse();
	}

	@Test
	void whatNoRuleMatchesIsDenied() {
		SocketIOAccessRules connectOnly = SocketIOAccessRules.builder().anyConnect().permitAll().build();
		assertThat(connectOnly.authorize(() -> this.user, new SocketIOAccess("/", null, HANDSHAKE)).isGranted())
			.isTrue();
		assertThat(connectOnly.authorize(() -> this.user, new SocketIOAccess("/", "message", HANDSHAKE)).isGranted())
			.isFalse();
	}

	@Test
	void namespacesAreNormalized() {
		SocketIOAccessRules noSlash = SocketIOAccessRules.builder().connect("admin").denyAll().build();
		assertThat(noSlash.authorize(() -> this.admin, new SocketIOAccess("/admin", null, HANDSHAKE)).isGranted())
			.isFalse();
	}

	private boolean granted(@Nullable Authentication authentication, String namespace, @Nullable String event) {
		return this.rules.authorize(() -> authentication, new SocketIOAccess(namespace, event, HANDSHAKE)).isGranted();
	}

}
