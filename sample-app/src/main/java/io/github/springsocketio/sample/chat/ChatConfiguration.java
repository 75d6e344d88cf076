package io.github.springsocketio.sample.chat;

import io.github.springsocketio.server.SocketIOServer;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Registers the chat namespace ({@link ChatNamespace#NAME}) on the auto-configured
 * server. Not under the {@code conformance} profile, whose fixture owns the server.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!conformance")
public class ChatConfiguration {

	@Bean
	ChatNamespace chatNamespace() {
		return new ChatNamespace();
	}

	@Bean
	InitializingBean chatRegistration(SocketIOServer io, ChatNamespace chat) {
		return () -> chat.register(io.of(ChatNamespace.NAME));
	}

	/**
	 * Workaround, for browsers, of a Reactor Netty 1.3.6 bug (reactor/reactor-netty
	 * issue 4361, fixed in 1.3.8, which needs Netty 4.2.19+): a keep-alive request that
	 * arrives while the previous response on the same connection is still finishing is
	 * buffered, and when it is answered synchronously the connection stops reading, so
	 * the browser's next request on it hangs. The Engine.IO endpoint avoids it by itself
	 * (it answers in a task of its own); the chat page and its static files, served by
	 * Spring's resource handling, do not, and browsers reuse keep-alive connections at once
	 * and hit it every few page loads. One request per connection avoids it. Remove with
	 * Reactor Netty 1.3.8+.
	 * @return the customizer
	 */
	@Bean
	NettyServerCustomizer chatOneRequestPerConnection() {
		return (server) -> server.maxKeepAliveRequests(1);
	}

}
