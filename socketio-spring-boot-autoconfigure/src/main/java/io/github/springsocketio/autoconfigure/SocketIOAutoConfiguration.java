package io.github.springsocketio.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import io.github.springsocketio.adapter.AdapterFactory;
import io.github.springsocketio.client.ClientBundle;
import io.github.springsocketio.client.ClientBundleHandlerMapping;
import io.github.springsocketio.client.ClientBundleRuntimeHints;
import io.github.springsocketio.engine.AllowRequest;
import io.github.springsocketio.engine.DirectPolling;
import io.github.springsocketio.engine.EngineIoHandlerMapping;
import io.github.springsocketio.engine.EngineIoOptions;
import io.github.springsocketio.engine.EngineIoServer;
import io.github.springsocketio.engine.EngineSessionHandler;
import io.github.springsocketio.engine.HandshakeCookie;
import io.github.springsocketio.engine.ProtocolClock;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.server.SocketIOServerOptions;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.util.unit.DataSize;
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
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration", ServerAutoConfigurations.NETTY,
		ServerAutoConfigurations.TOMCAT, ServerAutoConfigurations.JETTY })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ DispatcherHandler.class, reactor.netty.http.server.HttpServer.class })
@ConditionalOnProperty(prefix = "socketio", name = "enabled", matchIfMissing = true)
@Conditional(ReactorNettyServerCondition.OnReactorNetty.class)
@EnableConfigurationProperties(SocketIOProperties.class)
public final class SocketIOAutoConfiguration {

	private static final String COOKIE_PREFIX = "socketio.cookie.";

	@Bean
	@ConditionalOnMissingBean
	EngineIoOptions socketIoEngineOptions(SocketIOProperties properties, ObjectProvider<AllowRequest> allowRequest) {
		EngineIoOptions.Builder builder = EngineIoOptions.builder();
		PropertyMapper map = PropertyMapper.get();
		map.from(properties::getPingInterval).to(builder::pingInterval);
		map.from(properties::getPingTimeout).to(builder::pingTimeout);
		map.from(properties::getUpgradeTimeout).to(builder::upgradeTimeout);
		map.from(properties::getMaxHttpBufferSize).as(DataSize::toBytes).to(builder::maxHttpBufferSize);
		map.from(properties::getMaxOutboundPackets).to(builder::maxOutboundPackets);
		map.from(properties::getMaxSessions).to(builder::maxSessions);
		map.from(properties::getMaxConcurrentPollingBodies).to(builder::maxConcurrentPollingBodies);
		map.from(properties::getTransports).as(Set::copyOf).to(builder::transports);
		map.from(properties::isAllowUpgrades).to(builder::allowUpgrades);
		map.from(properties::isAllowEio3).to(builder::allowEio3);
		map.from(properties::getCookie)
			.when(SocketIOProperties.Cookie::isEnabled)
			.as(SocketIOAutoConfiguration::handshakeCookie)
			.to(builder::cookie);
		allowRequest.ifUnique(builder::allowRequest);
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean({ SocketIOServer.class, EngineSessionHandler.class })
	SocketIOServer socketIOServer(SocketIOProperties properties, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<AdapterFactory> adapterFactory, ObjectProvider<ProtocolClock> clock,
			ObjectProvider<SocketIOServerCustomizer> customizers) {
		AdapterFactory adapter = adapterFactory.getIfAvailable();
		SocketIOProperties.Adapter.Type type = properties.getAdapter().getType();
		if (adapter == null && type != SocketIOProperties.Adapter.Type.MEMORY) {
			throw new IllegalStateException("socketio.adapter.type=" + type.name().toLowerCase(Locale.ROOT).replace('_', '-')
					+ " needs Spring Data Redis with Lettuce (spring-boot-starter-data-redis-reactive) on the classpath");
		}
		SocketIOServerOptions.Builder options = SocketIOServerOptions.builder();
		PropertyMapper map = PropertyMapper.get();
		map.from(properties::getConnectTimeout).to(options::connectTimeout);
		map.from(properties::getMaxAttachments).to(options::maxAttachments);
		map.from(properties::getParser).to(options::parser);
		map.from(properties::getMaxDynamicNamespaces).to(options::maxDynamicNamespaces);
		map.from(properties::isCleanupEmptyChildNamespaces).to(options::cleanupEmptyChildNamespaces);
		map.from(properties::getConnectionStateRecovery)
			.when(SocketIOProperties.ConnectionStateRecovery::isEnabled)
			.as((recovery) -> new SocketIOServerOptions.ConnectionStateRecovery(recovery.getMaxDisconnectionDuration(),
					recovery.isSkipMiddlewares()))
			.to(options::recovery);
		map.from(adapter).to(options::adapterFactory);
		options.clock(clock.getIfAvailable(ProtocolClock::system));
		SocketIOServer server = new SocketIOServer(options.build(),
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
	@ImportRuntimeHints(ClientBundleRuntimeHints.class)
	ClientBundleHandlerMapping socketIoClientBundleHandlerMapping(SocketIOProperties properties,
			ResourceLoader resourceLoader) throws IOException {
		ClientBundle bundle = ClientBundle.find(ResourcePatternUtils.getResourcePatternResolver(resourceLoader));
		return new ClientBundleHandlerMapping(properties.getPath(), bundle, properties.getCors().toCorsConfiguration());
	}

	/**
	 * Long-polling requests of open sessions served on the Netty channel, ahead of
	 * WebFlux ({@code socketio.direct-polling}), unless they are to be observed as
	 * {@code http.server.requests}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(NettyServerCustomizer.class)
	@ConditionalOnProperty(prefix = "socketio", name = "direct-polling", matchIfMissing = true)
	@ConditionalOnProperty(prefix = "socketio", name = "observe-http-requests", havingValue = "false",
			matchIfMissing = true)
	static class DirectPollingConfiguration {

		@Bean
		NettyServerCustomizer socketIoDirectPolling(ObjectProvider<EngineIoHandlerMapping> mappings) {
			DirectPolling directPolling = new DirectPolling(() -> mappings.orderedStream().toList());
			return (server) -> server.doOnChannelInit(directPolling);
		}

	}

	/**
	 * The handshake cookie the enabled {@code socketio.cookie.*} properties describe.
	 * @throws InvalidConfigurationPropertyValueException if a setting cannot be written
	 * into a {@code Set-Cookie} header
	 */
	private static HandshakeCookie handshakeCookie(SocketIOProperties.Cookie cookie) {
		String name = (cookie.getName() != null) ? cookie.getName() : "";
		checkCookie("name", name, HandshakeCookie.isValidName(name), HandshakeCookie.NAME_RULE);
		String path = cookie.getPath();
		checkCookie("path", path, path == null || path.isEmpty() || HandshakeCookie.isValidPath(path),
				HandshakeCookie.PATH_RULE);
		String domain = cookie.getDomain();
		checkCookie("domain", domain, domain == null || domain.isEmpty() || HandshakeCookie.isValidDomain(domain),
				HandshakeCookie.DOMAIN_RULE);
		Duration maxAge = cookie.getMaxAge();
		checkCookie("max-age", maxAge, maxAge == null || !maxAge.isNegative(), "zero or more seconds");
		return new HandshakeCookie(name, path, cookie.isHttpOnly(), cookie.getSameSite(), cookie.isSecure(), maxAge,
				domain);
	}

	private static void checkCookie(String property, @Nullable Object value, boolean valid, String rule) {
		if (!valid) {
			throw new InvalidConfigurationPropertyValueException(COOKIE_PREFIX + property, value,
					"A cookie's " + property + " must be " + rule + ".");
		}
	}

}
