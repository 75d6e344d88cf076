package io.github.springsocketio.sample.security;

import io.github.springsocketio.security.SocketIOAccess;
import io.github.springsocketio.security.SocketIOAccessRules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Spring Security for the sample: open by default (the chat and the conformance fixture
 * need no login), a login for every page and socket under the {@code secure} profile,
 * where the chat knows users by name and only moderators ({@code bob}) may clear a
 * room's history.
 * CSRF protection stays on in both: the starter exempts the Engine.IO endpoint, whose
 * POSTs carry their session id.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!conformance")
public class SampleSecurityConfiguration {

	@Bean
	@Profile("!secure")
	SecurityWebFilterChain openChain(ServerHttpSecurity http) {
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll()).build();
	}

	@Bean
	@Profile("secure")
	SecurityWebFilterChain loginChain(ServerHttpSecurity http) {
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
			.formLogin(Customizer.withDefaults())
			.httpBasic(Customizer.withDefaults())
			.build();
	}

	/**
	 * Under the {@code secure} profile: signed-in users only, and only moderators may
	 * clear a room's history.
	 */
	@Bean
	@Profile("secure")
	AuthorizationManager<SocketIOAccess> socketIOAccessRules() {
		return SocketIOAccessRules.builder()
			.event("/chat", "clear")
			.hasRole("MODERATOR")
			.anyConnect()
			.authenticated()
			.anyEvent()
			.authenticated()
			.build();
	}

	/** The demo's users (passwords in clear text: a demo, not a template). */
	@Bean
	MapReactiveUserDetailsService users() {
		UserDetails alice = User.withUsername("alice").password("{noop}alice").roles("USER").build();
		UserDetails bob = User.withUsername("bob").password("{noop}bob").roles("USER", "MODERATOR").build();
		return new MapReactiveUserDetailsService(alice, bob);
	}

}
