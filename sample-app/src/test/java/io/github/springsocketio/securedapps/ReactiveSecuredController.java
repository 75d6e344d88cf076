package io.github.springsocketio.securedapps;

import java.security.Principal;

import io.github.springsocketio.annotation.OnEvent;
import io.github.springsocketio.annotation.SocketIOController;
import reactor.core.publisher.Mono;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Who is calling, seen every way a handler can look, and reactive method security.
 */
@SocketIOController
class ReactiveSecuredController {

	@OnEvent("whoami")
	String whoami(Principal principal) {
		return principal.getName();
	}

	@OnEvent("whoami-holder")
	String whoamiFromTheHolder() {
		return SecurityContextHolder.getContext().getAuthentication().getName();
	}

	@OnEvent("whoami-reactive")
	Mono<String> whoamiReactive() {
		return ReactiveSecurityContextHolder.getContext().map((context) -> context.getAuthentication().getName());
	}

	@OnEvent("principal")
	String principal(@AuthenticationPrincipal UserDetails user) {
		return user.getUsername();
	}

	@OnEvent("user-only")
	@PreAuthorize("hasRole('USER')")
	Mono<String> userOnly() {
		return Mono.just("hello user");
	}

	@OnEvent("admin-only")
	@PreAuthorize("hasRole('ADMIN')")
	Mono<String> adminOnly() {
		return Mono.just("secret");
	}

}
