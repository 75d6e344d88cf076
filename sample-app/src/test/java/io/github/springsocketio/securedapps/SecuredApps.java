package io.github.springsocketio.securedapps;

import io.github.springsocketio.autoconfigure.SocketIOServerCustomizer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Two secured applications as users write them, with not one line about Socket.IO in
 * their security configuration.
 */
final class SecuredApps {

	private SecuredApps() {
	}

	/**
	 * Boot's default security (HTTP Basic and form login, CSRF on, every request
	 * authenticated) with the user of {@code spring.security.user.*}, reactive method
	 * security, and a programmatic listener next to the controller.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableReactiveMethodSecurity
	@Import(ReactiveSecuredController.class)
	static class BootDefaults {

		@Bean
		SocketIOServerCustomizer whoamiListener() {
			return (io) -> io.onConnection((socket) -> socket.on("whoami-listener",
					(event) -> event.ack(SecurityContextHolder.getContext().getAuthentication().getName())));
		}

	}

	/**
	 * The application's own chain (HTTP Basic, CSRF on, every request authenticated),
	 * its own users, imperative method security on plain methods run off the event loop.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableMethodSecurity
	@Import(BlockingSecuredController.class)
	static class OwnChain {

		@Bean
		SecurityWebFilterChain chain(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				.httpBasic(Customizer.withDefaults())
				.build();
		}

		@Bean
		MapReactiveUserDetailsService users() {
			return new MapReactiveUserDetailsService(
					User.withUsername("alice").password("{noop}secret").roles("USER").build());
		}

	}

}
