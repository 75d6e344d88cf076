package io.github.springsocketio.actuate;

import io.github.springsocketio.autoconfigure.SocketIOAutoConfiguration;
import io.github.springsocketio.engine.EngineIoHandlerMapping;
import io.github.springsocketio.engine.EngineIoServer;
import io.github.springsocketio.server.SocketIOServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code socketio} actuator endpoint
 * ({@link SocketIOEndpoint}, and its {@link SocketIOEndpointWebExtension} over HTTP),
 * when the actuator is present, the endpoint is available
 * (enabled and exposed) and a {@link SocketIOServer} exists.
 */
@AutoConfiguration(after = SocketIOAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(SocketIOServer.class)
@ConditionalOnAvailableEndpoint(SocketIOEndpoint.class)
public final class SocketIOEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SocketIOEndpoint socketIOEndpoint(SocketIOServer server, ObjectProvider<EngineIoServer> engine,
			ObjectProvider<EngineIoHandlerMapping> mapping) {
		return new SocketIOEndpoint(server, engine.getIfUnique(), mapping.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(SocketIOEndpoint.class)
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	SocketIOEndpointWebExtension socketIOEndpointWebExtension(SocketIOEndpoint endpoint) {
		return new SocketIOEndpointWebExtension(endpoint);
	}

}
