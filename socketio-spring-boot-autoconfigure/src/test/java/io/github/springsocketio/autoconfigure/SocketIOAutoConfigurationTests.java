package io.github.springsocketio.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.springsocketio.adapter.AdapterFactory;
import io.github.springsocketio.adapter.InMemoryAdapter;
import io.github.springsocketio.engine.AllowRequest;
import io.github.springsocketio.engine.EngineIoHandlerMapping;
import io.github.springsocketio.engine.EngineIoOptions;
import io.github.springsocketio.engine.EngineIoServer;
import io.github.springsocketio.engine.EngineSessionHandler;
import io.github.springsocketio.engine.EngineTransport;
import io.github.springsocketio.engine.HandshakeCookie;
import io.github.springsocketio.engine.HandshakeDecision;
import io.github.springsocketio.engine.ProtocolClock;
import io.github.springsocketio.protocol.PacketDecoder;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.server.SocketIOServerOptions;
import io.github.springsocketio.test.NoOpSessionHandler;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketIOAutoConfiguration}: one per condition.
 */
class SocketIOAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketIOAutoConfiguration.class));

	@Test
	void optionsHaveTheReferenceDefaults() {
		this.contextRunner.run((context) -> {
			EngineIoOptions options = context.getBean(EngineIoOptions.class);
			assertThat(options.pingInterval()).isEqualTo(Duration.ofSeconds(25));
			assertThat(options.pingTimeout()).isEqualTo(Duration.ofSeconds(20));
			assertThat(options.upgradeTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(options.maxHttpBufferSize()).isEqualTo(1_000_000);
			assertThat(options.transports()).containsExactlyInAnyOrder(EngineTransport.POLLING,
					EngineTransport.WEBSOCKET);
			assertThat(options.allowUpgrades()).isTrue();
			assertThat(options.allowEio3()).isFalse();
			assertThat(options.maxOutboundPackets()).isEqualTo(EngineIoOptions.DEFAULT_MAX_OUTBOUND_PACKETS);
			assertThat(options).usingRecursiveComparison()
				.ignoringFields("allowRequest")
				.isEqualTo(EngineIoOptions.defaults());
			SocketIOServerOptions serverOptions = context.getBean(SocketIOServer.class).options();
			assertThat(serverOptions.connectTimeout()).isEqualTo(SocketIOServerOptions.DEFAULT_CONNECT_TIMEOUT);
			assertThat(serverOptions.maxAttachments()).isEqualTo(PacketDecoder.DEFAULT_MAX_ATTACHMENTS);
			assertThat(serverOptions.parser()).isEqualTo(SocketIOServerOptions.Parser.DEFAULT);
		});
	}

	@Test
	void propertiesBecomeOptions() {
		this.contextRunner
			.withPropertyValues("socketio.ping-interval=300ms", "socketio.ping-timeout=200ms",
					"socketio.upgrade-timeout=1s", "socketio.max-http-buffer-size=2MB",
					"socketio.max-outbound-packets=10", "socketio.transports=websocket",
					"socketio.allow-upgrades=false", "socketio.allow-eio3=true", "socketio.max-sessions=5",
					"socketio.max-concurrent-polling-bodies=6")
			.run((context) -> {
				EngineIoOptions options = context.getBean(EngineIoOptions.class);
				assertThat(options.pingInterval()).isEqualTo(Duration.ofMillis(300));
				assertThat(options.pingTimeout()).isEqualTo(Duration.ofMillis(200));
				assertThat(options.upgradeTimeout()).isEqualTo(Duration.ofSeconds(1));
				assertThat(options.maxHttpBufferSize()).isEqualTo(2 * 1024 * 1024);
				assertThat(options.maxOutboundPackets()).isEqualTo(10);
				assertThat(options.transports()).isEqualTo(Set.of(EngineTransport.WEBSOCKET));
				assertThat(options.allowUpgrades()).isFalse();
				assertThat(options.allowEio3()).isTrue();
				assertThat(options.maxSessions()).isEqualTo(5);
				assertThat(options.maxConcurrentPollingBodies()).isEqualTo(6);
			});
	}

	@Test
	void socketIoServerIsMountedAtTheDefaultPath() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SocketIOServer.class);
			assertThat(context).hasSingleBean(EngineIoServer.class);
			EngineIoHandlerMapping mapping = context.getBean(EngineIoHandlerMapping.class);
			assertThat(mapping.getPath()).isEqualTo("/socket.io");
			assertThat(context.getBean(SocketIOServer.class).options().connectTimeout())
				.isEqualTo(Duration.ofSeconds(45));
		});
	}

	@Test
	void bothServersRunOnTheSystemClockByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(SocketIOServer.class).options().clock()).isSameAs(ProtocolClock.system());
			assertThat(context.getBean(EngineIoServer.class)).extracting("clock").isSameAs(ProtocolClock.system());
		});
	}

	@Test
	void aClockBeanTimesBothServers() {
		this.contextRunner.withUserConfiguration(ClockConfiguration.class).run((context) -> {
			ProtocolClock clock = context.getBean(ProtocolClock.class);
			assertThat(context.getBean(SocketIOServer.class).options().clock()).isSameAs(clock);
			assertThat(context.getBean(EngineIoServer.class)).extracting("clock").isSameAs(clock);
		});
	}

	@Test
	void customizersAreAppliedInOrder() {
		this.contextRunner.withUserConfiguration(CustomizerConfiguration.class).run((context) -> {
			SocketIOServer server = context.getBean(SocketIOServer.class);
			assertThat(server.namespaces()).extracting(Namespace::name).contains("/first", "/second");
			assertThat(CustomizerConfiguration.order).containsExactly("first", "second");
		});
	}

	@Test
	void socketIoPropertiesBecomeServerOptions() {
		this.contextRunner
			.withPropertyValues("socketio.connect-timeout=1s", "socketio.max-attachments=3",
					"socketio.max-dynamic-namespaces=7", "socketio.cleanup-empty-child-namespaces=false",
					"socketio.parser=msgpack")
			.run((context) -> {
				SocketIOServerOptions options = context.getBean(SocketIOServer.class).options();
				assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
				assertThat(options.maxAttachments()).isEqualTo(3);
				assertThat(options.maxDynamicNamespaces()).isEqualTo(7);
				assertThat(options.cleanupEmptyChildNamespaces()).isFalse();
				assertThat(options.parser()).isEqualTo(SocketIOServerOptions.Parser.MSGPACK);
				assertThat(options.recovery()).isNull();
				assertThat(options.adapterFactory()).isSameAs(AdapterFactory.IN_MEMORY);
			});
	}

	@Test
	void connectionStateRecoveryPropertiesBecomeServerOptions() {
		this.contextRunner.withPropertyValues("socketio.connection-state-recovery.enabled=true")
			.run((context) -> assertThat(context.getBean(SocketIOServer.class).options().recovery())
				.isEqualTo(SocketIOServerOptions.ConnectionStateRecovery.defaults()));
		this.contextRunner
			.withPropertyValues("socketio.connection-state-recovery.enabled=true",
					"socketio.connection-state-recovery.max-disconnection-duration=30s",
					"socketio.connection-state-recovery.skip-middlewares=false")
			.run((context) -> assertThat(context.getBean(SocketIOServer.class).options().recovery())
				.isEqualTo(new SocketIOServerOptions.ConnectionStateRecovery(Duration.ofSeconds(30), false)));
		// the other recovery settings mean nothing while it is off
		this.contextRunner.withPropertyValues("socketio.connection-state-recovery.max-disconnection-duration=30s")
			.run((context) -> assertThat(context.getBean(SocketIOServer.class).options().recovery()).isNull());
	}

	@Test
	void anAdapterFactoryBeanBecomesTheServersAdapterFactory() {
		AdapterFactory adapters = InMemoryAdapter::new;
		this.contextRunner.withBean(AdapterFactory.class, () -> adapters)
			.run((context) -> assertThat(context.getBean(SocketIOServer.class).options().adapterFactory())
				.isSameAs(adapters));
	}

	@Test
	void ownSessionHandlerReplacesSocketIoAndIsServedAtTheConfiguredPath() {
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class)
			.withPropertyValues("socketio.path=/realtime/")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(SocketIOServer.class);
				assertThat(context).hasSingleBean(EngineIoServer.class);
				EngineIoHandlerMapping mapping = context.getBean(EngineIoHandlerMapping.class);
				assertThat(mapping.getPath()).isEqualTo("/realtime");
				assertThat(mapping.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
				assertThat(mapping.getServer()).isSameAs(context.getBean(EngineIoServer.class));
				assertThat(mapping.getHandlerMap().keySet()).map(PathPattern::getPatternString)
					.containsExactlyInAnyOrder("/realtime", "/realtime/");
			});
	}

	@Test
	void corsIsOffByDefault() {
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class).run((context) -> {
			MockServerWebExchange preflight = preflight("https://example.com");
			context.getBean(EngineIoHandlerMapping.class).getHandler(preflight).block(Duration.ofSeconds(5));
			assertThat(preflight.getResponse().getHeaders().getAccessControlAllowOrigin()).isNull();
		});
	}

	@Test
	void corsComesFromProperties() {
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class)
			.withPropertyValues("socketio.cors.allowed-origin-patterns=https://*.example.com",
					"socketio.cors.allow-credentials=true")
			.run((context) -> {
				EngineIoHandlerMapping mapping = context.getBean(EngineIoHandlerMapping.class);
				MockServerWebExchange allowed = preflight("https://app.example.com");
				mapping.getHandler(allowed).block(Duration.ofSeconds(5));
				HttpHeaders headers = allowed.getResponse().getHeaders();
				assertThat(headers.getAccessControlAllowOrigin()).isEqualTo("https://app.example.com");
				assertThat(headers.getAccessControlAllowCredentials()).isTrue();
				assertThat(headers.getAccessControlAllowMethods()).containsExactly(HttpMethod.GET, HttpMethod.POST);
				MockServerWebExchange refused = preflight("https://evil.test");
				mapping.getHandler(refused).block(Duration.ofSeconds(5));
				assertThat(refused.getResponse().getHeaders().getAccessControlAllowOrigin()).isNull();
			});
	}

	@Test
	void cookieIsOffByDefault() {
		this.contextRunner.run((context) -> assertThat(context.getBean(EngineIoOptions.class).cookie()).isNull());
	}

	@Test
	void enabledCookieHasTheReferenceDefaults() {
		this.contextRunner.withPropertyValues("socketio.cookie.enabled=true")
			.run((context) -> assertThat(context.getBean(EngineIoOptions.class).cookie())
				.isEqualTo(HandshakeCookie.defaults()));
	}

	@Test
	void cookiePropertiesBecomeTheHandshakeCookie() {
		this.contextRunner
			.withPropertyValues("socketio.cookie.enabled=true", "socketio.cookie.name=srv", "socketio.cookie.path=/x",
					"socketio.cookie.http-only=false", "socketio.cookie.same-site=strict",
					"socketio.cookie.secure=true", "socketio.cookie.max-age=86400",
					"socketio.cookie.domain=example.com")
			.run((context) -> {
				HandshakeCookie cookie = context.getBean(EngineIoOptions.class).cookie();
				assertThat(cookie).isEqualTo(new HandshakeCookie("srv", "/x", false, HandshakeCookie.SameSite.STRICT,
						true, Duration.ofDays(1), "example.com"));
			});
		this.contextRunner
			.withPropertyValues("socketio.cookie.enabled=true", "socketio.cookie.path=",
					"socketio.cookie.same-site=omitted", "socketio.cookie.max-age=1h")
			.run((context) -> assertThat(context.getBean(EngineIoOptions.class).cookie())
				.isEqualTo(new HandshakeCookie("io", null, true, HandshakeCookie.SameSite.OMITTED, false,
						Duration.ofHours(1), null)));
	}

	@Test
	void invalidCookieSettingsFailTheStartupNamingTheProperty() {
		assertInvalidCookieProperty("socketio.cookie.name=my cookie", "socketio.cookie.name", "my cookie");
		assertInvalidCookieProperty("socketio.cookie.path=/a;b", "socketio.cookie.path", "/a;b");
		assertInvalidCookieProperty("socketio.cookie.domain=example.com,evil.com", "socketio.cookie.domain",
				"example.com,evil.com");
		assertInvalidCookieProperty("socketio.cookie.max-age=-1", "socketio.cookie.max-age", Duration.ofSeconds(-1));
		// nothing is checked while the cookie is off
		this.contextRunner.withPropertyValues("socketio.cookie.name=my cookie")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private void assertInvalidCookieProperty(String property, String name, Object value) {
		this.contextRunner.withPropertyValues("socketio.cookie.enabled=true", property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
					assertThat(ex.getName()).isEqualTo(name);
					assertThat(ex.getValue()).isEqualTo(value);
					assertThat(ex.getReason()).startsWith("A cookie's ");
				});
		});
	}

	@Test
	void allowRequestBeanIsUsed() {
		this.contextRunner.withUserConfiguration(AllowRequestConfiguration.class).run((context) -> {
			EngineIoOptions options = context.getBean(EngineIoOptions.class);
			assertThat(options.allowRequest()).isSameAs(context.getBean(AllowRequest.class));
		});
	}

	@Test
	void userOptionsBackOff() {
		this.contextRunner.withUserConfiguration(UserOptionsConfiguration.class)
			.withPropertyValues("socketio.ping-interval=1s")
			.run((context) -> assertThat(context.getBean(EngineIoOptions.class).pingInterval())
				.isEqualTo(Duration.ofMinutes(1)));
	}

	@Test
	void userServerBacksOff() {
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class, UserServerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(EngineIoServer.class);
				assertThat(context.getBean(EngineIoHandlerMapping.class).getServer())
					.isSameAs(context.getBean("userServer"));
			});
	}

	@Test
	void userSocketIoServerBacksOffAndIsMounted() {
		this.contextRunner.withUserConfiguration(UserSocketIOServerConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(SocketIOServer.class);
			SocketIOServer server = context.getBean(SocketIOServer.class);
			assertThat(server).isSameAs(context.getBean("userSocketIOServer"));
			assertThat(server.options().connectTimeout()).isEqualTo(Duration.ofSeconds(7));
			assertThat(context.getBean(EngineIoServer.class)).extracting("handler").isSameAs(server.engineHandler());
		});
	}

	@Test
	void disabledByProperty() {
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class)
			.withPropertyValues("socketio.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(EngineIoOptions.class);
				assertThat(context).doesNotHaveBean(SocketIOServer.class);
				assertThat(context).doesNotHaveBean(EngineIoServer.class);
				assertThat(context).doesNotHaveBean(EngineIoHandlerMapping.class);
			});
	}

	@Test
	void notInServletOrPlainApplications() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SocketIOAutoConfiguration.class))
			.withUserConfiguration(HandlerConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(EngineIoOptions.class);
				assertThat(context).doesNotHaveBean(EngineIoServer.class);
			});
	}

	private static MockServerWebExchange preflight(String origin) {
		return MockServerWebExchange.from(MockServerHttpRequest.options("http://localhost:8080/socket.io/")
			.header(HttpHeaders.ORIGIN, origin)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST"));
	}

	@Configuration(proxyBeanMethods = false)
	static class HandlerConfiguration {

		@Bean
		EngineSessionHandler sessionHandler() {
			return new NoOpSessionHandler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClockConfiguration {

		@Bean
		ProtocolClock virtualClock() {
			return ProtocolClock.of(VirtualTimeScheduler.create());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		static final List<String> order = new CopyOnWriteArrayList<>();

		@Bean
		@Order(2)
		SocketIOServerCustomizer second() {
			return (server) -> {
				order.add("second");
				server.of("/second");
			};
		}

		@Bean
		@Order(1)
		SocketIOServerCustomizer first() {
			return (server) -> {
				order.add("first");
				server.of("/first");
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AllowRequestConfiguration {

		@Bean
		AllowRequest allowRequest() {
			return (request) -> Mono.just(HandshakeDecision.refuse("nope"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserOptionsConfiguration {

		@Bean
		EngineIoOptions userOptions() {
			return EngineIoOptions.builder().pingInterval(Duration.ofMinutes(1)).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserSocketIOServerConfiguration {

		@Bean
		SocketIOServer userSocketIOServer() {
			return new SocketIOServer(SocketIOServerOptions.builder().connectTimeout(Duration.ofSeconds(7)).build(),
					JsonMapper.builder().build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserServerConfiguration {

		@Bean
		EngineIoServer userServer(EngineIoOptions options, EngineSessionHandler handler) {
			return new EngineIoServer(options, handler);
		}

	}

}
