package io.github.springsocketio.engine;

import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * The application the Engine.IO integration tests run: the auto-configured server
 * with an echoing {@link RecordingSessionHandler}, an {@link AllowRequest} that refuses
 * handshakes carrying a {@code deny} or {@code fail} query parameter, and an unrelated
 * route at {@code /hello}, and a filter counting the session requests WebFlux sees.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class EngineIoTestApplication {

	/** Message of the refusal of a handshake with a {@code deny} parameter. */
	public static final String DENIAL_MESSAGE = "Denied by the test policy";

	@Bean
	RecordingSessionHandler recordingSessionHandler() {
		return new RecordingSessionHandler();
	}

	@Bean
	AllowRequest testAllowRequest() {
		return (request) -> {
			if (request.queryParam("deny") != null) {
				return Mono.just(HandshakeDecision.refuse(DENIAL_MESSAGE));
			}
			if (request.queryParam("fail") != null) {
				return Mono.error(new IllegalStateException("policy failure"));
			}
			return Mono.just(HandshakeDecision.allow());
		};
	}

	@Bean
	SessionRequestCounter sessionRequestCounter() {
		return new SessionRequestCounter();
	}

	@Bean
	RouterFunction<ServerResponse> helloRoute() {
		return RouterFunctions.route(GET("/hello"),
				(request) -> ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue("hello"));
	}

}
