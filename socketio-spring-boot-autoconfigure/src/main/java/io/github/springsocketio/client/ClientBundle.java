package io.github.springsocketio.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * One version of the official {@code socket.io-client} bundle found on the classpath
 * in WebJar layout: {@code META-INF/resources/webjars/socket.io-client/<version>/dist/}.
 * Holds the files that the reference server serves from it: {@code socket.io.js},
 * {@code socket.io.min.js}, {@code socket.io.esm.min.js},
 * {@code socket.io.msgpack.min.js} and their source maps.
 *
 * @param version the client version, the name of the WebJar's version folder
 * @param location where the bundle's {@code dist} folder was found, for logging
 * @param files the files, by name (e.g. {@code socket.io.min.js})
 * @param otherVersions versions also found on the classpath but not used
 */
public record ClientBundle(String version, String location, Map<String, Resource> files,
		List<String> otherVersions) {

	/** Classpath folder holding one folder per version of the client's WebJar. */
	public static final String WEBJAR_LOCATION = "META-INF/resources/webjars/socket.io-client/";

	/**
	 * Names of the files the reference server serves: {@code socket.io} with an optional
	 * {@code .msgpack} or {@code .esm}, an optional {@code .min}, then {@code .js} and an
	 * optional {@code .map}.
	 */
	public static final Pattern FILE_NAME = Pattern.compile("socket\\.io(\\.msgpack|\\.esm)?(\\.min)?\\.js(\\.map)?");

	private static final Pattern DIST_FILE = Pattern
		.compile(Pattern.quote(WEBJAR_LOCATION) + "([^/]+)/dist/(" + FILE_NAME.pattern() + ")$");

	/**
	 * Create a bundle.
	 * @param version the client version
	 * @param location where the bundle was found
	 * @param files the files, by name
	 * @param otherVersions versions also found but not used
	 */
	public ClientBundle {
		files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
		otherVersions = List.copyOf(otherVersions);
	}

	/**
	 * Return whether a file name is a source map.
	 * @param name the file name
	 * @return whether it ends with {@code .map}
	 */
	public static boolean isSourceMap(String name) {
		return name.endsWith(".map");
	}

	/**
	 * Scan the classpath for the client's WebJar. When several versions are present,
	 * the highest one is taken. A version counts when its {@code dist} folder holds
	 * {@code socket.io.js} or {@code socket.io.min.js}.
	 * @param resolver the resolver to scan with (the application context)
	 * @return the bundle, or {@code null} when the classpath holds none
	 * @throws IOException when the classpath cannot be scanned
	 */
	public static @Nullable ClientBundle find(ResourcePatternResolver resolver) throws IOException {
		Map<String, Map<String, Resource>> versions = new TreeMap<>();
		Map<String, String> locations = new LinkedHashMap<>();
		for (Resource resource : resolver
			.getResources(ResourcePatternResolver.CLASSPATH_ALL_URL_PREFIX + WEBJAR_LOCATION + "*/dist/socket.io*")) {
			String url = resource.getURL().toString();
			Matcher matcher = DIST_FILE.matcher(url);
			if (!matcher.find() || !resource.isReadable()) {
				continue;
			}
			String version = matcher.group(1);
			String name = matcher.group(2);
			versions.computeIfAbsent(version, (v) -> new TreeMap<>()).putIfAbsent(name, resource);
			locations.putIfAbsent(version, url.substring(0, url.length() - name.length()));
		}
		List<String> found = new ArrayList<>(versions.keySet());
		found.removeIf((version) -> !versions.get(version).containsKey("socket.io.js")
				&& !versions.get(version).containsKey("socket.io.min.js"));
		if (found.isEmpty()) {
			return null;
		}
		found.sort(VERSION_ORDER.reversed());
		String version = found.get(0);
		return new ClientBundle(version, locations.get(version), versions.get(version), found.subList(1, found.size()));
	}

	/**
	 * Orders versions such as {@code 4.8.1} and {@code 4.10.0} numerically, part by part.
	 */
	static final Comparator<String> VERSION_ORDER = (a, b) -> {
		String[] left = a.split("[.-]");
		String[] right = b.split("[.-]");
		for (int i = 0; i < Math.min(left.length, right.length); i++) {
			int compared = comparePart(left[i], right[i]);
			if (compared != 0) {
				return compared;
			}
		}
		return Integer.compare(left.length, right.length);
	};

	private static int comparePart(String left, String right) {
		boolean leftNumeric = left.chars().allMatch(Character::isDigit) && !left.isEmpty();
		boolean rightNumeric = right.chars().allMatch(Character::isDigit) && !right.isEmpty();
		if (leftNumeric && rightNumeric) {
			return new java.math.BigInteger(left).compareTo(new java.math.BigInteger(right));
		}
		return left.compareTo(right);
	}

}
