package io.github.springsocketio.client;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClientBundleRuntimeHints}, against the fake 4.8.1 bundle of the test
 * resources: what {@link ClientBundle#find} finds is included, nothing else of the
 * WebJars.
 */
class ClientBundleRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	ClientBundleRuntimeHintsTests() {
		new ClientBundleRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
	}

	@Test
	void everyFileTheScanFindsIsIncluded() throws Exception {
		ClientBundle bundle = ClientBundle.find(new PathMatchingResourcePatternResolver());
		assertThat(bundle).isNotNull();
		assertThat(bundle.files()).isNotEmpty();
		for (String name : bundle.files().keySet()) {
			String path = ClientBundle.WEBJAR_LOCATION + bundle.version() + "/dist/" + name;
			assertThat(RuntimeHintsPredicates.resource().forResource(path)).as(path).accepts(this.hints);
		}
	}

	@Test
	void otherVersionsAndTheMsgpackBundleAreIncluded() {
		for (String path : new String[] { "4.10.0/dist/socket.io.msgpack.min.js", "4.7.5/dist/socket.io.js.map" }) {
			assertThat(RuntimeHintsPredicates.resource().forResource(ClientBundle.WEBJAR_LOCATION + path)).as(path)
				.accepts(this.hints);
		}
	}

	@Test
	void nothingElseOfTheWebJarsIsIncluded() {
		for (String path : new String[] { ClientBundle.WEBJAR_LOCATION + "4.8.1/package.json",
				ClientBundle.WEBJAR_LOCATION + "4.8.1/build/esm/index.js",
				"META-INF/resources/webjars/engine.io-client/6.6.3/dist/engine.io.js" }) {
			assertThat(RuntimeHintsPredicates.resource().forResource(path)).as(path).rejects(this.hints);
		}
	}

}
