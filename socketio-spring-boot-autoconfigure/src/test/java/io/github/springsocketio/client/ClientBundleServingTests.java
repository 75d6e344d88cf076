package io.github.springsocketio.client;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * The client bundle served over HTTP by a running application, next to the Engine.IO
 * endpoint at the same path and an application route that matches every path.
 */
@SpringBootTest(classes = ClientBundleServingTests.TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ClientBundleServingTests {

	private static final String BUNDLE = "META-INF/resources/webjars/socket.io-client/4.8.1/dist/";

	@Autowired
	private WebTestClient client;

	@Test
	void servesTheBundleWithTheReferenceHeaders() throws Exception {
		byte[] expected = new ClassPathResource(BUNDLE + "socket.io.js").getContentAsByteArray();
		this.client.get()
			.uri("/socket.io/socket.io.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CONTENT_TYPE, "application/javascript; charset=utf-8")
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, "\"4.8.1\"")
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=0")
			.expectHeader()
			.contentLength(expected.length)
			.expectBody(byte[].class)
			.isEqualTo(expected);
	}

	@Test
	void servesMinifiedEsmAndSourceMaps() throws Exception {
		for (String name : new String[] { "socket.io.min.js", "socket.io.esm.min.js" }) {
			this.client.get()
				.uri("/socket.io/" + name + "?v=1")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals(HttpHeaders.CONTENT_TYPE, "application/javascript; charset=utf-8")
				.expectBody(String.class)
				.isEqualTo(new ClassPathResource(BUNDLE + name).getContentAsString(StandardCharsets.UTF_8));
		}
		for (String name : new String[] { "socket.io.js.map", "socket.io.min.js.map", "socket.io.esm.min.js.map" }) {
			this.client.get()
				.uri("/socket.io/" + name)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
				.expectHeader()
				.valueEquals(HttpHeaders.ETAG, "\"4.8.1\"")
				.expectBody(String.class)
				.isEqualTo(new ClassPathResource(BUNDLE + name).getContentAsString(StandardCharsets.UTF_8));
		}
	}

	@Test
	void notModifiedWhenTheEtagMatches() {
		for (String etag : new String[] { "\"4.8.1\"", "W/\"4.8.1\"", "\"4.7.0\", \"4.8.1\"", "*" }) {
			this.client.get()
				.uri("/socket.io/socket.io.min.js")
				.header(HttpHeaders.IF_NONE_MATCH, etag)
				.exchange()
				.expectStatus()
				.isNotModified()
				.expectHeader()
				.valueEquals(HttpHeaders.ETAG, "\"4.8.1\"")
				.expectHeader()
				.valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=0")
				.expectBody()
				.isEmpty();
		}
		this.client.get()
			.uri("/socket.io/socket.io.min.js")
			.header(HttpHeaders.IF_NONE_MATCH, "\"4.7.0\"")
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void headHasTheHeadersWithoutTheBody() {
		this.client.head()
			.uri("/socket.io/socket.io.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, "\"4.8.1\"")
			.expectBody()
			.isEmpty();
	}

	@Test
	void otherMethodsAreNotAllowed() {
		this.client.post()
			.uri("/socket.io/socket.io.js")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
			.expectHeader()
			.valueEquals(HttpHeaders.ALLOW, "GET, HEAD");
	}

	@Test
	void engineIoRequestsAtThePathAreNotShadowed() {
		String open = this.client.get()
			.uri("/socket.io/?EIO=4&transport=polling")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(open).startsWith("0{\"sid\":");
	}

	@Test
	void otherPathsReachTheApplication() {
		for (String uri : new String[] { "/socket.io/socket.io.txt", "/socket.io/socket.io.msgpack.min.js",
				"/socket.io/other.js", "/socket.io.js", "/elsewhere/socket.io.js" }) {
			this.client.get()
				.uri(uri)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.isEqualTo("application route");
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		RouterFunction<ServerResponse> catchAll() {
			return RouterFunctions.route(path("/**"), (request) -> ServerResponse.ok()
				.contentType(MediaType.TEXT_PLAIN)
				.bodyValue("application route"));
		}

	}

}
