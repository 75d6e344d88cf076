package io.github.springsocketio.client;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClientBundle}, against the fake 4.8.1 bundle of the test resources.
 */
class ClientBundleTests {

	@Test
	void findsTheBundleAndItsServedFiles() throws Exception {
		ClientBundle bundle = ClientBundle.find(new PathMatchingResourcePatternResolver());
		assertThat(bundle).isNotNull();
		assertThat(bundle.version()).isEqualTo("4.8.1");
		assertThat(bundle.otherVersions()).isEmpty();
		assertThat(bundle.location()).endsWith("META-INF/resources/webjars/socket.io-client/4.8.1/dist/");
		assertThat(bundle.files()).containsOnlyKeys("socket.io.js", "socket.io.js.map", "socket.io.min.js",
				"socket.io.min.js.map", "socket.io.esm.min.js", "socket.io.esm.min.js.map");
	}

	@Test
	void findsNothingWithoutAWebJar() throws Exception {
		FilteredClassLoader classLoader = new FilteredClassLoader(new ClassPathResource(ClientBundle.WEBJAR_LOCATION));
		assertThat(ClientBundle.find(new PathMatchingResourcePatternResolver(classLoader))).isNull();
	}

	@Test
	void servedFileNamesAreThoseOfTheReference() {
		assertThat(List.of("socket.io.js", "socket.io.js.map", "socket.io.min.js", "socket.io.esm.min.js",
				"socket.io.esm.min.js.map", "socket.io.msgpack.min.js", "socket.io.msgpack.min.js.map"))
			.allMatch((name) -> ClientBundle.FILE_NAME.matcher(name).matches());
		assertThat(List.of("socket.io.txt", "socket.io.js.gz", "socket.io.min.esm.js", "engine.io.js", "socket.io"))
			.noneMatch((name) -> ClientBundle.FILE_NAME.matcher(name).matches());
		assertThat(ClientBundle.isSourceMap("socket.io.min.js.map")).isTrue();
		assertThat(ClientBundle.isSourceMap("socket.io.min.js")).isFalse();
	}

	@Test
	void versionsAreOrderedNumerically() {
		List<String> versions = new ArrayList<>(List.of("4.10.0", "4.8.1", "4.9.0", "4.8.10", "3.1.3", "4.8.1-rc1"));
		versions.sort(ClientBundle.VERSION_ORDER);
		assertThat(versions).containsExactly("3.1.3", "4.8.1", "4.8.1-rc1", "4.8.10", "4.9.0", "4.10.0");
	}

}
