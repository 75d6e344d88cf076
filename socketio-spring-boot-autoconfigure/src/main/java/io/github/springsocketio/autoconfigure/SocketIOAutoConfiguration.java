package io.github.springsocketio.autoconfigure;

import java.io.IOException;

import io.github.springsocketio.adapter.AdapterFactory;
import io.github.springsocketio.client.ClientBundle;
import io.github.springsocketio.client.ClientBundleHandlerMapping;
import io.github.springsocketio.engine.AllowRequest;
import io.github.springsocketio.engine.EngineIoHandlerMapping;
import io.github.springsocketio.engine.EngineIoOptions;
import io.github.springsocketio.engine.EngineIoServer;
import io.github.springsocketio.engine.EngineSessionHandler;
import io.github.springsocketio.engine.ProtocolClock;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.server.SocketIOServerOptions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.web.reactive.DispatcherHandler;

/**
 * Auto-configuration of the Socket.IO server in reactive web applications: a
 * {@link SocketIOServer} (unless the application brings its own, or its own
 * {@link EngineSessionHandler} for a bare Engine.IO server) whose
 * {@link SocketIOServer#engineHandler() engine handler} serves an {@link EngineIoServer}
 * mounted at {@code socketio.path} on the application's own port, configured from
 * {@link SocketIOProperties}. Payloads go through the
 * application's {@code JsonMapper}. Both servers time the protocol (heartbeats, upgrade,
 * connect and acknowledgement timeouts, recovery expiry) with one {@link ProtocolClock}:
 * a bean of that type when there is one (a test's virtual clock), else the system
 * clock. The official client bundle, when a
 * {@code socket.io-client} WebJar is on the classpath, is served under the same path
 * ({@code socketio.serve-client}).
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ DispatcherHandler.class, reactor.netty.http.server.HttpServer.class })
@ConditionalOnProperty(prefix = "socketio", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(SocketIOProperties.class)
public final class SocketIOAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EngineIoOptions socketIoEngineOptions(SocketIOProperties properties, ObjectProvider<AllowRequest> allowRequest) {
		EngineIoOptions.Builder builder = properties.toEngineIoOptions();
		allowRequest.ifUnique(builder::allowRequest);
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean({ SocketIOServer.class, EngineSessionHandler.class })
	SocketIOServer socketIOServer(SocketIOProperties properties, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<AdapterFactory> adapterFactory, ObjectProvider<ProtocolClock> clock,
			ObjectProvider<SocketIOServerCustomizer> customizers) {
		AdapterFactory adapter = adapterFactory.getIfAvailable();
		if (adapter == null && properties.getAdapter().getType() == SocketIOProperties.Adapter.Type.REDIS) {
			throw new IllegalStateException("socketio.adapter.type=redis needs Spring Data Redis with Lettuce "
					+ "(spring-boot-starter-data-redis-reactive) on the classpath");
		}
		SocketIOServerOptions options = new SocketIOServerOptions(properties.getConnectTimeout(),
				properties.getMaxAttachments(), (adapter != null) ? adapter : AdapterFactory.IN_MEMORY,
				properties.getMaxDynamicNamespaces(), properties.isCleanupEmptyChildNamespaces(),
				properties.getConnectionStateRecovery().toOptions(), clock.getIfAvailable(ProtocolClock::system));
		SocketIOServer server = new SocketIOServer(options,
				jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(server));
		return server;
	}

	@Bean
	@ConditionalOnMissingBean
	EngineIoServer engineIoServer(EngineIoOptions options, ObjectProvider<EngineSessionHandler> handler,
			ObjectProvider<SocketIOServer> socketIoServer, ObjectProvider<ProtocolClock> clock) {
		EngineSessionHandler sessions = handler.getIfAvailable(() -> socketIoServer.getObject().engineHandler());
		return new EngineIoServer(options, sessions, clock.getIfAvailable(ProtocolClock::system));
	}

	@Bean
	@ConditionalOnMissingBean(name = "socketIoHandlerMapping")
	@ConditionalOnBean(EngineIoServer.class)
	EngineIoHandlerMapping socketIoHandlerMapping(EngineIoServer server, SocketIOProperties properties) {
		return new EngineIoHandlerMapping(properties.getPath(), server, properties.getCors().toCorsConfiguration());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(SocketIOServer.class)
	@ConditionalOnProperty(prefix = "socketio", name = "serve-client", matchIfMissing = true)
	ClientBundleHandlerMapping socketIoClientBundleHandlerMapping(SocketIOProperties properties,
			ResourceLoader resourceLoader) throws IOException {
		ClientBundle bundle = ClientBundle.find(ResourcePatternUtils.getResourcePatternResolver(resourceLoader));
		return new ClientBundleHandlerMapping(properties.getPath(), bundle, properties.getCors().toCorsConfiguration());
	}

}
