package io.github.springsocketio.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Whether the application's reactive web server is Reactor Netty's (or not known yet, as
 * in a context without a server): the Engine.IO transports read and write on Reactor
 * Netty's connections, so on Tomcat or Jetty the starter backs off instead of failing
 * at the first WebSocket upgrade.
 */
abstract class ReactorNettyServerCondition extends SpringBootCondition implements ConfigurationCondition {

	static final String SERVER_FACTORY = "org.springframework.boot.web.server.reactive.ReactiveWebServerFactory";

	private static final String NETTY_FACTORY = "org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory";

	@Override
	public ConfigurationPhase getConfigurationPhase() {
		return ConfigurationPhase.REGISTER_BEAN;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Reactor Netty web server");
		String other = otherServerFactory(context);
		ConditionOutcome onNetty = (other != null)
				? ConditionOutcome.noMatch(message.because("the web server factory is " + other))
				: ConditionOutcome.match(message.because("no other web server factory"));
		return expectNetty() ? onNetty : new ConditionOutcome(!onNetty.isMatch(), onNetty.getConditionMessage());
	}

	abstract boolean expectNetty();

	/**
	 * Return the type of a reactive web server factory bean that is not Reactor Netty's.
	 */
	static @Nullable String otherServerFactory(ConditionContext context) {
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		ClassLoader classLoader = context.getClassLoader();
		if (beanFactory == null || !ClassUtils.isPresent(SERVER_FACTORY, classLoader)) {
			return null;
		}
		Class<?> serverFactory = ClassUtils.resolveClassName(SERVER_FACTORY, classLoader);
		Class<?> nettyFactory = ClassUtils.isPresent(NETTY_FACTORY, classLoader)
				? ClassUtils.resolveClassName(NETTY_FACTORY, classLoader) : null;
		for (String name : beanFactory.getBeanNamesForType(serverFactory, true, false)) {
			Class<?> type = beanFactory.getType(name, false);
			if (type != null && (nettyFactory == null || !nettyFactory.isAssignableFrom(type))) {
				return type.getName();
			}
		}
		return null;
	}

	/** The server is Reactor Netty's. */
	static final class OnReactorNetty extends ReactorNettyServerCondition {

		@Override
		boolean expectNetty() {
			return true;
		}

	}

	/** The server is another one. */
	static final class OnOtherServer extends ReactorNettyServerCondition {

		@Override
		boolean expectNetty() {
			return false;
		}

	}

}
