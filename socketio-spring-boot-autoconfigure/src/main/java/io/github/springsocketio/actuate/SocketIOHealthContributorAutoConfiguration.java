package io.github.springsocketio.actuate;

import io.github.springsocketio.adapter.AdapterStatus;
import io.github.springsocketio.autoconfigure.SocketIOAutoConfiguration;
import io.github.springsocketio.engine.EngineIoServer;
import io.github.springsocketio.server.SocketIOServer;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code socketio} health contribution
 * ({@link SocketIOHealthIndicator}), unless {@code management.health.socketio.enabled}
 * is {@code false}; with a distributed adapter also {@code socketioAdapter}
 * ({@link SocketIOAdapterHealthIndicator}).
 */
@AutoConfiguration(after = SocketIOAutoConfiguration.class)
@ConditionalOnClass({ ReactiveHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, Mono.class })
@ConditionalOnBean(SocketIOServer.class)
@ConditionalOnEnabledHealthIndicator("socketio")
public final class SocketIOHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "socketioHealthIndicator", "socketioHealthContributor" })
	SocketIOHealthIndicator socketioHealthIndicator(SocketIOServer server, ObjectProvider<EngineIoServer> engine) {
		return new SocketIOHealthIndicator(server, engine.getIfUnique());
	}

	@Bean
	@ConditionalOnBean(AdapterStatus.class)
	@ConditionalOnMissingBean(name = { "socketioAdapterHealthIndicator", "socketioAdapterHealthContributor" })
	SocketIOAdapterHealthIndicator socketioAdapterHealthIndicator(AdapterStatus status) {
		return new SocketIOAdapterHealthIndicator(status);
	}

}
