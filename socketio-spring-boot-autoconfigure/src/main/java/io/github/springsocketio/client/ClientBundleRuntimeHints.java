package io.github.springsocketio.client;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Registers the resource hints of the client bundle that {@link ClientBundle#find} looks
 * up on the classpath: the files of the {@code socket.io-client} WebJar's {@code dist}
 * folders (every version, {@value ClientBundle#WEBJAR_LOCATION}{@code <version>/dist/}).
 * What the scan does not match is left out of a native image.
 */
public final class ClientBundleRuntimeHints implements RuntimeHintsRegistrar {

	/** The pattern of the bundle's files, as {@link ClientBundle#find} scans for them. */
	static final String PATTERN = ClientBundle.WEBJAR_LOCATION + "*/dist/socket.io*";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern(PATTERN);
	}

}
