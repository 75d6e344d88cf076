package io.github.springsocketio.client;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.springsocketio.engine.EngineIoHandlerMapping;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

/**
 * Serves the official Socket.IO client bundle at the server's path, like the reference
 * server's {@code serveClient} option: {@code <path>/socket.io.js},
 * {@code socket.io.min.js}, {@code socket.io.esm.min.js},
 * {@code socket.io.msgpack.min.js} and their {@code .map} files, each when the
 * {@link ClientBundle} holds it.
 * <p>
 * Only those exact paths are mapped, so Engine.IO requests ({@code <path>/?EIO=4&...})
 * and the application's other routes are never shadowed. The mapping is ordered with
 * the Engine.IO mapping ({@value #ORDER}), ahead of router functions and controllers.
 * It logs once, at startup, where the bundle is served from, or a warning when there
 * is none.
 */
public class ClientBundleHandlerMapping extends SimpleUrlHandlerMapping {

	private static final Logger logger = LoggerFactory.getLogger(ClientBundleHandlerMapping.class);

	/** Order of the mapping: before {@code RouterFunctionMapping} (-1). */
	public static final int ORDER = -2;

	private final String path;

	private final @Nullable ClientBundle bundle;

	/**
	 * Create a mapping.
	 * @param path the server's mount path, e.g. {@code /socket.io/}
	 * @param bundle the bundle to serve, or {@code null} when the classpath has none
	 * (the mapping then maps nothing and warns at startup)
	 * @param cors the CORS settings, or {@code null} for none
	 */
	public ClientBundleHandlerMapping(String path, @Nullable ClientBundle bundle, @Nullable CorsConfiguration cors) {
		this.path = EngineIoHandlerMapping.normalize(path);
		this.bundle = bundle;
		Map<String, Object> urls = new LinkedHashMap<>();
		Map<String, CorsConfiguration> corsConfigurations = new LinkedHashMap<>();
		if (bundle != null) {
			bundle.files().forEach((name, resource) -> {
				String url = this.path + "/" + name;
				urls.put(url, new ClientFileHandler(name, bundle.version(), resource));
				if (cors != null) {
					corsConfigurations.put(url, cors);
				}
			});
		}
		setUrlMap(urls);
		setCorsConfigurations(corsConfigurations);
		setOrder(ORDER);
	}

	/**
	 * Return the bundle served.
	 * @return the bundle, or {@code null} when there is none
	 */
	public @Nullable ClientBundle getBundle() {
		return this.bundle;
	}

	/**
	 * Return the path the files are served under, without a trailing slash.
	 * @return the path, e.g. {@code /socket.io}
	 */
	public String getPath() {
		return this.path;
	}

	@Override
	public void initApplicationContext() {
		super.initApplicationContext();
		if (this.bundle == null) {
			logger.warn("socketio.serve-client is on but no socket.io-client bundle is on the classpath "
					+ "(expected {}<version>/dist/socket.io.js): {}/socket.io.js is not served", ClientBundle.WEBJAR_LOCATION,
					this.path);
			return;
		}
		logger.info("Socket.IO client {} served at '{}/socket.io.js' ({} files) from {}", this.bundle.version(),
				this.path, this.bundle.files().size(), this.bundle.location());
		if (!this.bundle.otherVersions().isEmpty()) {
			logger.warn("Several socket.io-client bundles are on the classpath: serving {}, ignoring {}",
					this.bundle.version(), this.bundle.otherVersions());
		}
	}

}
