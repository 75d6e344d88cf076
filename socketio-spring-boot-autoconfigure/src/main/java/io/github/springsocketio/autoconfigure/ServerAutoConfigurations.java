package io.github.springsocketio.autoconfigure;

/**
 * Names of Spring Boot's reactive web server auto-configurations, which register the
 * server factory the Reactor Netty condition looks at.
 */
final class ServerAutoConfigurations {

	static final String NETTY = "org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration";

	static final String TOMCAT = "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration";

	static final String JETTY = "org.springframework.boot.jetty.autoconfigure.reactive.JettyReactiveWebServerAutoConfiguration";

	private ServerAutoConfigurations() {
	}

}
