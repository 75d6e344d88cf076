package io.github.springsocketio.securedapps;

import java.security.Principal;

import io.github.springsocketio.annotation.OnEvent;
import io.github.springsocketio.annotation.SocketIOController;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Plain methods on the controller executor: the security context in the holder, and
 * imperative method security.
 */
@SocketIOController
class BlockingSecuredController {

	@OnEvent("whoami")
	String whoami(Principal principal) {
		return principal.getName();
	}

	@OnEvent("whoami-holder")
	String whoamiFromTheHolder() {
		return SecurityContextHolder.getContext().getAuthentication().getName() + " on "
				+ Thread.currentThread().getName().replaceAll("-\\d+$", "");
	}

	@OnEvent("user-only")
	@PreAuthorize("hasRole('USER')")
	String userOnly() {
		return "hello user";
	}

	@OnEvent("admin-only")
	@PreAuthorize("hasRole('ADMIN')")
	String adminOnly() {
		return "secret";
	}

}
