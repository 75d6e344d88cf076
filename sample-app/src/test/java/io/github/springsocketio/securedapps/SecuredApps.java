package io.github.springsocketio.securedapps;

import io.github.springsocketio.autoconfigure.SocketIOServerCustomizer;
import io.github.springsocketio.security.SocketIOAccess;
import io.github.springsocketio.security.SocketIOAccessRules;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.authorization.AuthorizationManager;
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
	 * its own users, imperative method security on plain methods run off the event loop,
	 * and Socket.IO authorization rules.
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
					User.withUsername("alice").password("{noop}secret").roles("USER").build(),
					User.withUsername("root").password("{noop}secret").roles("USER", "ADMIN").build());
		}

		/** Who may join which namespace and send which event. */
		@Bean
		AuthorizationManager<SocketIOAccess> socketIOAccessRules() {
			return SocketIOAccessRules.builder()
				.connect("/admin")
				.hasRole("ADMIN")
				.event("/", "moderate")
				.hasRole("ADMIN")
				.anyConnect()
				.authenticated()
				.anyEvent()
				.authenticated()
				.build();
		}

		@Bean
		SocketIOServerCustomizer adminNamespace() {
			return (io) -> {
				io.of("/admin").onConnection((socket) -> socket.on("whoami", (event) -> event.ack("admin")));
				io.onConnection((socket) -> socket.on("moderate", (event) -> event.ack("moderated")));
			};
		}

	}

}
