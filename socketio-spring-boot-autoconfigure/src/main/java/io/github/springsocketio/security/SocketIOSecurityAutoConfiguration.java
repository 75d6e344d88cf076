package io.github.springsocketio.security;

import io.github.springsocketio.autoconfigure.SocketIOAutoConfiguration;
import io.github.springsocketio.autoconfigure.SocketIOServerCustomizer;
import io.github.springsocketio.engine.EngineIoHandlerMapping;
import io.github.springsocketio.engine.EngineIoPaths;
import io.github.springsocketio.engine.EngineIoServer;
import io.github.springsocketio.server.SocketIOServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.web.server.csrf.CsrfWebFilter;

/**
 * With Spring Security on the classpath: the Engine.IO endpoint is exempt from CSRF
 * protection ({@link EngineIoCsrfExemption}), every socket's handlers run in the
 * security context of its handshake ({@link SecurityContextScope}), and an
 * {@code AuthorizationManager<SocketIOAccess>} bean ({@link SocketIOAccessRules})
 * decides who may join which namespace and send which event.
 */
@AutoConfiguration(after = SocketIOAutoConfiguration.class)
@ConditionalOnClass(ReactiveSecurityContextHolder.class)
@ConditionalOnBean(EngineIoServer.class)
public final class SocketIOSecurityAutoConfiguration {

	@Bean
	@ConditionalOnBean(SocketIOServer.class)
	@ConditionalOnMissingBean
	SecurityContextScope socketIOSecurityContextScope() {
		return new SecurityContextScope();
	}

	@Bean
	@ConditionalOnBean(SocketIOServer.class)
	SocketIOServerCustomizer socketIOSecurityContextCustomizer(ObjectProvider<SecurityContextScope> scope) {
		return (server) -> scope.ifAvailable(server::addHandlerScope);
	}

	/**
	 * The application's authorization rules for sockets, if it declares an
	 * {@code AuthorizationManager<SocketIOAccess>} bean (see {@link SocketIOAccessRules}).
	 */
	@Bean
	@ConditionalOnBean(SocketIOServer.class)
	SocketIOServerCustomizer socketIOAccessRulesCustomizer(
			ObjectProvider<AuthorizationManager<SocketIOAccess>> rules) {
		return (server) -> rules.ifUnique((manager) -> server.setAccessPolicy(new AuthorizationAccessPolicy(manager)));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(CsrfWebFilter.class)
	static final class CsrfExemptionConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EngineIoCsrfExemption engineIoCsrfExemption(ObjectProvider<EngineIoHandlerMapping> mappings) {
			return new EngineIoCsrfExemption(EngineIoPaths.of(mappings));
		}

	}

}
