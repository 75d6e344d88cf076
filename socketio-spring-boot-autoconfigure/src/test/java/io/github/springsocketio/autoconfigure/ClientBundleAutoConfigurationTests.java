package io.github.springsocketio.autoconfigure;

import io.github.springsocketio.client.ClientBundle;
import io.github.springsocketio.client.ClientBundleHandlerMapping;
import io.github.springsocketio.engine.EngineSessionHandler;
import io.github.springsocketio.test.NoOpSessionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.util.pattern.PathPattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code socketio.serve-client} part of {@link SocketIOAutoConfiguration},
 * with the fake 4.8.1 bundle of the test resources: one test per condition.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientBundleAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketIOAutoConfiguration.class));

	@Test
	void bundleIsServedUnderThePathByDefault(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			ClientBundleHandlerMapping mapping = context.getBean(ClientBundleHandlerMapping.class);
			assertThat(mapping.getOrder()).isEqualTo(-2);
			assertThat(mapping.getBundle()).isNotNull();
			assertThat(mapping.getBundle().version()).isEqualTo("4.8.1");
			assertThat(mapping.getHandlerMap().keySet()).map(PathPattern::getPatternString)
				.containsExactlyInAnyOrder("/socket.io/socket.io.js", "/socket.io/socket.io.js.map",
						"/socket.io/socket.io.min.js", "/socket.io/socket.io.min.js.map",
						"/socket.io/socket.io.esm.min.js", "/socket.io/socket.io.esm.min.js.map");
		});
		assertThat(output).contains("Socket.IO client 4.8.1 served at '/socket.io/socket.io.js' (6 files) from ")
			.contains("META-INF/resources/webjars/socket.io-client/4.8.1/dist/")
			.doesNotContain("no socket.io-client bundle");
	}

	@Test
	void bundleFollowsThePath() {
		this.contextRunner.withPropertyValues("socketio.path=/realtime").run((context) -> {
			ClientBundleHandlerMapping mapping = context.getBean(ClientBundleHandlerMapping.class);
			assertThat(mapping.getPath()).isEqualTo("/realtime");
			assertThat(mapping.getHandlerMap().keySet()).map(PathPattern::getPatternString)
				.contains("/realtime/socket.io.js", "/realtime/socket.io.min.js");
		});
	}

	@Test
	void missingBundleIsLoggedAsAWarning(CapturedOutput output) {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader(new ClassPathResource(ClientBundle.WEBJAR_LOCATION)))
			.run((context) -> {
				ClientBundleHandlerMapping mapping = context.getBean(ClientBundleHandlerMapping.class);
				assertThat(mapping.getBundle()).isNull();
				assertThat(mapping.getHandlerMap()).isEmpty();
			});
		assertThat(output).contains("WARN")
			.contains("socketio.serve-client is on but no socket.io-client bundle is on the classpath")
			.contains("/socket.io/socket.io.js is not served");
	}

	@Test
	void disabledByProperty() {
		this.contextRunner.withPropertyValues("socketio.serve-client=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ClientBundleHandlerMapping.class));
	}

	@Test
	void notForABareEngineIoServer() {
		this.contextRunner.withUserConfiguration(HandlerConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(ClientBundleHandlerMapping.class));
	}

	@Test
	void userMappingBacksOff() {
		this.contextRunner.withUserConfiguration(UserMappingConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ClientBundleHandlerMapping.class);
			assertThat(context.getBean(ClientBundleHandlerMapping.class)).isSameAs(context.getBean("userMapping"));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class HandlerConfiguration {

		@Bean
		EngineSessionHandler sessionHandler() {
			return new NoOpSessionHandler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserMappingConfiguration {

		@Bean
		ClientBundleHandlerMapping userMapping() {
			return new ClientBundleHandlerMapping("/socket.io/", null, null);
		}

	}

}
