package io.github.springsocketio.sample.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Spring Security for the sample: open by default (the chat and the conformance fixture
 * need no login), a login for every page and socket under the {@code secure} profile.
 * CSRF protection stays on in both: the starter exempts the Engine.IO endpoint, whose
 * POSTs carry their session id.
 */
@Configuration(proxyBeanMethods = false)
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

	/** The demo's users (passwords in clear text: a demo, not a template). */
	@Bean
	MapReactiveUserDetailsService users() {
		UserDetails alice = User.withUsername("alice").password("{noop}alice").roles("USER").build();
		UserDetails bob = User.withUsername("bob").password("{noop}bob").roles("USER", "MODERATOR").build();
		return new MapReactiveUserDetailsService(alice, bob);
	}

}
