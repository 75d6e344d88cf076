package io.github.springsocketio.autoconfigure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.util.ClassUtils;

/**
 * Says at startup why there is no Socket.IO server when the application's reactive web
 * server is not Reactor Netty (Tomcat, Jetty): {@link SocketIOAutoConfiguration} backs
 * off there.
 */
@AutoConfiguration(afterName = { ServerAutoConfigurations.NETTY, ServerAutoConfigurations.TOMCAT,
		ServerAutoConfigurations.JETTY })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(prefix = "socketio", name = "enabled", matchIfMissing = true)
@Conditional(ReactorNettyServerCondition.OnOtherServer.class)
public final class UnsupportedWebServerAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(UnsupportedWebServerAutoConfiguration.class);

	@Bean
	static SmartInitializingSingleton socketIOUnsupportedWebServerReport(ApplicationContext context) {
		return () -> logger.warn("No Socket.IO server: it runs on Reactor Netty (the default server of "
				+ "spring-boot-starter-webflux), and this application's web server is another one ({}). Remove "
				+ "the other server's starter, or set socketio.enabled=false to silence this.",
				String.join(", ", context.getBeanNamesForType(ClassUtils
					.resolveClassName(ReactorNettyServerCondition.SERVER_FACTORY, context.getClassLoader()))));
	}

}
