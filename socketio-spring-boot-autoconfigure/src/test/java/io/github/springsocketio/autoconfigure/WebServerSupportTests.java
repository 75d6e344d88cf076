package io.github.springsocketio.autoconfigure;

import io.github.springsocketio.server.SocketIOServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.reactive.AbstractReactiveWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.HttpHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter runs on Reactor Netty and backs off, saying so at startup, on another
 * reactive web server (Tomcat, Jetty: here a stand-in factory of another type).
 */
@ExtendWith(OutputCaptureExtension.class)
class WebServerSupportTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketIOAutoConfiguration.class,
				UnsupportedWebServerAutoConfiguration.class, SocketIOAnnotationAutoConfiguration.class));

	@Test
	void reactorNettyServerGetsTheSocketIOServer(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(NettyServer.class).run((context) -> {
			assertThat(context).hasSingleBean(SocketIOServer.class);
			assertThat(context).doesNotHaveBean("socketIOUnsupportedWebServerReport");
		});
		assertThat(output).doesNotContain("No Socket.IO server");
	}

	@Test
	void anotherServerGetsNoSocketIOServerAndAWarning(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(OtherServer.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(SocketIOServer.class);
			assertThat(context).hasBean("socketIOUnsupportedWebServerReport");
		});
		assertThat(output).contains("No Socket.IO server: it runs on Reactor Netty")
			.contains("this application's web server is another one (otherServerFactory)");
	}

	@Test
	void anotherServerWithSocketIODisabledIsQuiet(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(OtherServer.class)
			.withPropertyValues("socketio.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("socketIOUnsupportedWebServerReport"));
		assertThat(output).doesNotContain("No Socket.IO server");
	}

	@Configuration(proxyBeanMethods = false)
	static class NettyServer {

		@Bean
		NettyReactiveWebServerFactory nettyServerFactory() {
			return new NettyReactiveWebServerFactory(0);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OtherServer {

		@Bean
		OtherServerFactory otherServerFactory() {
			return new OtherServerFactory();
		}

	}

	/** Stands for Tomcat's or Jetty's reactive server factory. */
	static class OtherServerFactory extends AbstractReactiveWebServerFactory {

		@Override
		public WebServer getWebServer(HttpHandler httpHandler) {
			throw new UnsupportedOperationException("not started in these tests");
		}

	}

}
