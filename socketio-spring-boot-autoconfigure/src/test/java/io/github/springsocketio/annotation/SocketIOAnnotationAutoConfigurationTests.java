package io.github.springsocketio.annotation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.github.springsocketio.autoconfigure.SocketIOAnnotationAutoConfiguration;
import io.github.springsocketio.autoconfigure.SocketIOAutoConfiguration;
import io.github.springsocketio.autoconfigure.SocketIOProperties;
import io.github.springsocketio.engine.EngineSessionHandler;
import io.github.springsocketio.server.SocketIOServer;
import io.github.springsocketio.test.NoOpSessionHandler;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketIOAnnotationAutoConfiguration}: one per condition, the
 * executor choices, and the startup failures of conflicting mappings.
 */
class SocketIOAnnotationAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SocketIOAutoConfiguration.class, SocketIOAnnotationAutoConfiguration.class));

	@Test
	void autoExecutorRunsPlainMethodsOnTheCallingThreadAsWebFluxDoes() {
		this.contextRunner.withUserConfiguration(EchoController.class).run((context) -> {
			assertThat(context).hasSingleBean(SocketIOMessageHandler.class);
			assertThat(context.getBean(SocketIOProperties.class).getControllers().getExecutor())
				.isEqualTo(ControllerExecutor.AUTO);
			SocketIOMessageHandler handler = context.getBean(SocketIOMessageHandler.class);
			assertThat(handler.getHandlerMethods()).containsOnlyKeys(SocketIOMapping.event("/", "echo"));
			assertThat(threadOf(handler.getExecutor())).isEqualTo(Thread.currentThread().getName());
		});
	}

	@Test
	void autoExecutorIsBootsVirtualThreadTaskExecutorWhenVirtualThreadsAreEnabled() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
			.withPropertyValues("spring.threads.virtual.enabled=true")
			.run((context) -> {
				Executor executor = context.getBean(SocketIOMessageHandler.class).getExecutor();
				if (ControllerExecutor.virtualThreadsAvailable()) {
					assertThat(executor).isSameAs(context.getBean("applicationTaskExecutor"));
					assertThat(isVirtual(executor)).isTrue();
				}
				else {
					assertThat(threadOf(executor)).isEqualTo(Thread.currentThread().getName());
				}
			});
	}

	@Test
	void backsOffWithoutSocketIOServer() {
		this.contextRunner.withUserConfiguration(EngineOnly.class)
			.run((context) -> assertThat(context).doesNotHaveBean(SocketIOMessageHandler.class));
	}

	@Test
	void backsOffWhenSocketIOIsDisabled() {
		this.contextRunner.withPropertyValues("socketio.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketIOMessageHandler.class));
	}

	@Test
	void backsOffFromTheApplicationsHandler() {
		this.contextRunner.withUserConfiguration(OwnHandler.class).run((context) -> {
			assertThat(context).hasSingleBean(SocketIOMessageHandler.class);
			assertThat(context).hasBean("ownHandler");
		});
	}

	@Test
	void inlineExecutorRunsOnTheCallingThread() {
		this.contextRunner.withPropertyValues("socketio.controllers.executor=inline").run((context) -> {
			assertThat(context.getBean(SocketIOProperties.class).getControllers().getExecutor())
				.isEqualTo(ControllerExecutor.INLINE);
			Executor executor = context.getBean(SocketIOMessageHandler.class).getExecutor();
			assertThat(threadOf(executor)).isEqualTo(Thread.currentThread().getName());
		});
	}

	@Test
	void boundedElasticExecutor() {
		this.contextRunner.withPropertyValues("socketio.controllers.executor=bounded-elastic")
			.run((context) -> assertThat(threadOf(context.getBean(SocketIOMessageHandler.class).getExecutor()))
				.startsWith("boundedElastic-"));
	}

	@Test
	void virtualExecutorNeedsJava21() {
		this.contextRunner.withPropertyValues("socketio.controllers.executor=virtual").run((context) -> {
			if (ControllerExecutor.virtualThreadsAvailable()) {
				assertThat(threadOf(context.getBean(SocketIOMessageHandler.class).getExecutor()))
					.startsWith(ControllerExecutor.VIRTUAL_THREAD_PREFIX);
			}
			else {
				assertThat(context).getFailure().rootCause().hasMessageContaining("needs Java 21");
			}
		});
	}

	@Test
	void executorBeanWithTheQualifyingNameIsUsed() {
		this.contextRunner.withUserConfiguration(OwnExecutor.class).run((context) -> {
			assertThat(context.getBean(SocketIOMessageHandler.class).getExecutor())
				.isSameAs(context.getBean(SocketIOAnnotationAutoConfiguration.EXECUTOR_BEAN_NAME));
			assertThat(threadOf(context.getBean(SocketIOMessageHandler.class).getExecutor())).isEqualTo("own-1");
		});
	}

	@Test
	void sameEventInTwoNamespacesIsFine() {
		this.contextRunner.withUserConfiguration(EchoController.class, ChatEchoController.class)
			.run((context) -> assertThat(context.getBean(SocketIOMessageHandler.class).getHandlerMethods())
				.containsOnlyKeys(SocketIOMapping.event("/", "echo"), SocketIOMapping.event("/chat", "echo")));
	}

	@Test
	void duplicateEventFailsTheStartup() {
		this.contextRunner.withUserConfiguration(EchoController.class, OtherEchoController.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Ambiguous mapping")
				.hasMessageContaining("@OnEvent(\"echo\") of namespace \"/\""));
	}

	@Test
	void duplicateOnConnectFailsTheStartup() {
		this.contextRunner.withUserConfiguration(ConnectController.class, OtherConnectController.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Ambiguous mapping")
				.hasMessageContaining("@OnConnect of namespace \"/chat\""));
	}

	@Test
	void methodWithTwoMappingsFailsTheStartup() {
		this.contextRunner.withUserConfiguration(TwoMappingsController.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("has more than one of @OnEvent, @OnConnect"));
	}

	private static boolean isVirtual(Executor executor) throws Exception {
		CompletableFuture<Boolean> virtual = new CompletableFuture<>();
		executor.execute(() -> {
			try {
				virtual.complete((Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()));
			}
			catch (ReflectiveOperationException ex) {
				virtual.completeExceptionally(ex);
			}
		});
		return virtual.get(5, TimeUnit.SECONDS);
	}

	private static String threadOf(Executor executor) throws Exception {
		CompletableFuture<String> thread = new CompletableFuture<>();
		executor.execute(() -> thread.complete(Thread.currentThread().getName()));
		return thread.get(5, TimeUnit.SECONDS);
	}

	@SocketIOController
	static class EchoController {

		@OnEvent("echo")
		String echo(String text) {
			return text;
		}

	}

	@SocketIOController("/")
	static class OtherEchoController {

		@OnEvent("echo")
		String echo(String text) {
			return text;
		}

	}

	@SocketIOController("chat")
	static class ChatEchoController {

		@OnEvent("echo")
		String echo(String text) {
			return text;
		}

	}

	@SocketIOController("/chat")
	static class ConnectController {

		@OnConnect
		void connected() {
		}

	}

	@SocketIOController(namespace = "chat")
	static class OtherConnectController {

		@OnConnect
		void connected() {
		}

	}

	@SocketIOController
	static class TwoMappingsController {

		@OnConnect
		@OnEvent("connected")
		void connected() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EngineOnly {

		@Bean
		EngineSessionHandler engineSessionHandler() {
			return new NoOpSessionHandler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnHandler {

		@Bean
		SocketIOMessageHandler ownHandler(SocketIOServer server) {
			return new SocketIOMessageHandler(server, JsonMapper.builder().build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(EchoController.class)
	static class OwnExecutor {

		@Bean(SocketIOAnnotationAutoConfiguration.EXECUTOR_BEAN_NAME)
		Executor ownExecutor() {
			return (task) -> {
				Thread thread = new Thread(task, "own-1");
				thread.start();
			};
		}

	}

}
