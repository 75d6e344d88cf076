package io.github.springsocketio.autoconfigure;

import java.util.function.Consumer;

import io.github.springsocketio.actuate.SocketIOEndpoint;
import io.github.springsocketio.actuate.SocketIOEndpointAutoConfiguration;
import io.github.springsocketio.annotation.OnEvent;
import io.github.springsocketio.annotation.SocketIOController;
import io.github.springsocketio.client.ClientBundle;
import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime hints that AOT processing of an application with the starter contributes,
 * as {@code spring-boot:process-aot} generates them: the starter's own registrars, the
 * controllers' hints from their mapping annotations, and what Spring Boot derives from
 * the configuration properties and the actuator endpoint (which the starter leaves to
 * it).
 */
class SocketIORuntimeHintsTests {

	private static final ReflectionHintsPredicates reflection = RuntimeHintsPredicates.reflection();

	/** The controllers' last exception handler, package-private. */
	private static final String UNHANDLED_EXCEPTION_HANDLER = "io.github.springsocketio.annotation."
			+ "UnhandledExceptionHandler";

	private static final String BUNDLE_FILE = ClientBundle.WEBJAR_LOCATION + "4.8.1/dist/socket.io.min.js";

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketIOAutoConfiguration.class,
				SocketIOAnnotationAutoConfiguration.class, SocketIOEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=socketio")
		.withUserConfiguration(GreetingController.class);

	@Test
	void controllersAreInvocableAndTheirPayloadsBindable() {
		processAheadOfTime(this.contextRunner, (hints) -> {
			assertThat(reflection.onMethodInvocation(GreetingController.class, "greet")).accepts(hints);
			assertThat(reflection.onMethodInvocation(Greeting.class, "name")).accepts(hints);
			assertThat(reflection.onMethodInvocation(Reply.class, "text")).accepts(hints);
		});
	}

	@Test
	void lastExceptionHandlerIsInvocable() {
		Class<?> handler = ClassUtils.resolveClassName(UNHANDLED_EXCEPTION_HANDLER, null);
		processAheadOfTime(this.contextRunner,
				(hints) -> assertThat(reflection.onMethodInvocation(handler, "handle")).accepts(hints));
	}

	@Test
	void clientBundleIsIncluded() {
		processAheadOfTime(this.contextRunner,
				(hints) -> assertThat(RuntimeHintsPredicates.resource().forResource(BUNDLE_FILE)).accepts(hints));
	}

	@Test
	void clientBundleIsLeftOutWhenNotServed() {
		processAheadOfTime(this.contextRunner.withPropertyValues("socketio.serve-client=false"),
				(hints) -> assertThat(RuntimeHintsPredicates.resource().forResource(BUNDLE_FILE)).rejects(hints));
	}

	@Test
	void beanValidationIsFoundByName() {
		processAheadOfTime(this.contextRunner,
				(hints) -> assertThat(reflection.onType(jakarta.validation.Validator.class)).accepts(hints));
	}

	@Test
	void springBootBindsTheConfigurationProperties() {
		processAheadOfTime(this.contextRunner, (hints) -> {
			assertThat(reflection.onMethodInvocation(SocketIOProperties.class, "setPath")).accepts(hints);
			assertThat(reflection.onMethodInvocation(SocketIOProperties.Cors.class, "setAllowedOrigins"))
				.accepts(hints);
		});
	}

	@Test
	void springBootBindsTheEndpointsDescriptors() {
		processAheadOfTime(this.contextRunner, (hints) -> {
			assertThat(reflection.onMethodInvocation(SocketIOEndpoint.class, "socketIO")).accepts(hints);
			assertThat(reflection.onMethodInvocation(SocketIOEndpoint.SocketIODescriptor.class, "namespaces"))
				.accepts(hints);
			assertThat(reflection.onMethodInvocation(SocketIOEndpoint.CorsDescriptor.class, "allowedOrigins"))
				.accepts(hints);
			assertThat(reflection.onMethodInvocation(SocketIOEndpoint.SocketDescriptor.class, "rooms"))
				.accepts(hints);
		});
	}

	private static void processAheadOfTime(ReactiveWebApplicationContextRunner runner, Consumer<RuntimeHints> hints) {
		runner.prepare((context) -> {
			ClassNameGenerator names = new ClassNameGenerator(ClassName.get(SocketIORuntimeHintsTests.class));
			DefaultGenerationContext generation = new DefaultGenerationContext(names, new InMemoryGeneratedFiles());
			new ApplicationContextAotGenerator()
				.processAheadOfTime((GenericApplicationContext) context.getSourceApplicationContext(), generation);
			hints.accept(generation.getRuntimeHints());
		});
	}

	@SocketIOController("/greetings")
	static class GreetingController {

		@OnEvent("greet")
		Reply greet(Greeting greeting) {
			return new Reply("hello " + greeting.name());
		}

	}

	record Greeting(String name) {
	}

	record Reply(String text) {
	}

}
