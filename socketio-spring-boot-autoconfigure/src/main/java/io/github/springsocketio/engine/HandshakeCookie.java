package io.github.springsocketio.engine;

import java.time.Duration;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The cookie of the reference server's {@code cookie} option: set on the response to
 * a polling handshake, it names the new session so that a load balancer can send the
 * session's later requests to the same node (cookie-based affinity). Its value is the
 * session id.
 * <p>
 * {@link #headerValue(String)} renders the {@code Set-Cookie} value byte for byte as
 * the reference does (engine.io 6 with the {@code cookie} npm module), attributes in
 * its order: {@code io=<sid>; Max-Age=N; Domain=D; Path=P; HttpOnly; Secure;
 * SameSite=Lax}. The components are checked when the cookie is created, with the
 * reference's rules, stricter for the path (no comma, no whitespace).
 *
 * @param name the cookie name, an HTTP token ({@value #NAME_RULE})
 * @param path the {@code Path} attribute, or {@code null} or empty for none
 * ({@value #PATH_RULE})
 * @param httpOnly whether to add {@code HttpOnly}
 * @param sameSite the {@code SameSite} attribute
 * @param secure whether to add {@code Secure}
 * @param maxAge the {@code Max-Age} attribute, whole seconds rounded down, or
 * {@code null} for a cookie that lasts as long as the browser session; not negative
 * @param domain the {@code Domain} attribute, or {@code null} or empty for none
 * ({@value #DOMAIN_RULE})
 */
public record HandshakeCookie(String name, @Nullable String path, boolean httpOnly, SameSite sameSite, boolean secure,
		@Nullable Duration maxAge, @Nullable String domain) {

	/** Default cookie name, the reference's. */
	public static final String DEFAULT_NAME = "io";

	/** Default {@code Path}, the reference's. */
	public static final String DEFAULT_PATH = "/";

	/** What a valid name is made of. */
	public static final String NAME_RULE = "an HTTP token: letters, digits and !#$%&'*+-.^_`|~";

	/** What a valid path is made of. */
	public static final String PATH_RULE = "printable ASCII without ';', ',', '<' or whitespace";

	/** What a valid domain is made of. */
	public static final String DOMAIN_RULE = "a host name: dot-separated labels of letters, digits and inner "
			+ "hyphens, optionally with a leading dot";

	// the rules of the cookie npm module the reference uses (path: narrowed)
	private static final Pattern NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

	private static final Pattern PATH = Pattern.compile("[\\x21-\\x2B\\x2D-\\x3A\\x3D-\\x7E]*");

	private static final Pattern DOMAIN = Pattern
		.compile("(?i)[.]?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?([.][a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

	/**
	 * Check and normalize the components: an empty path or domain becomes {@code null}.
	 */
	public HandshakeCookie {
		Assert.isTrue(name != null && isValidName(name), () -> "Invalid cookie name '" + name + "': must be "
				+ NAME_RULE);
		Assert.notNull(sameSite, "sameSite must not be null");
		path = (path == null || path.isEmpty()) ? null : path;
		domain = (domain == null || domain.isEmpty()) ? null : domain;
		String checkedPath = path;
		Assert.isTrue(checkedPath == null || isValidPath(checkedPath),
				() -> "Invalid cookie path '" + checkedPath + "': must be " + PATH_RULE);
		String checkedDomain = domain;
		Assert.isTrue(checkedDomain == null || isValidDomain(checkedDomain),
				() -> "Invalid cookie domain '" + checkedDomain + "': must be " + DOMAIN_RULE);
		Assert.isTrue(maxAge == null || !maxAge.isNegative(), () -> "Invalid cookie max age " + maxAge
				+ ": must not be negative");
	}

	/**
	 * Return the reference's cookie for {@code cookie: true}: {@code io}, path
	 * {@code /}, {@code HttpOnly}, {@code SameSite=Lax}, no {@code Secure}, no
	 * {@code Max-Age}, no {@code Domain}.
	 * @return the default cookie
	 */
	public static HandshakeCookie defaults() {
		return new HandshakeCookie(DEFAULT_NAME, DEFAULT_PATH, true, SameSite.LAX, false, null, null);
	}

	/**
	 * Return whether a string is a valid cookie name.
	 * @param name the candidate
	 * @return whether it is {@value #NAME_RULE}
	 */
	public static boolean isValidName(String name) {
		return NAME.matcher(name).matches();
	}

	/**
	 * Return whether a string is a valid, non-empty {@code Path}.
	 * @param path the candidate
	 * @return whether it is {@value #PATH_RULE}
	 */
	public static boolean isValidPath(String path) {
		return !path.isEmpty() && PATH.matcher(path).matches();
	}

	/**
	 * Return whether a string is a valid {@code Domain}.
	 * @param domain the candidate
	 * @return whether it is {@value #DOMAIN_RULE}
	 */
	public static boolean isValidDomain(String domain) {
		return DOMAIN.matcher(domain).matches();
	}

	/**
	 * Render the {@code Set-Cookie} header value for a session.
	 * @param sid the session id, URL-safe base64 (so it needs no encoding)
	 * @return e.g. {@code io=<sid>; Path=/; HttpOnly; SameSite=Lax}
	 */
	public String headerValue(String sid) {
		StringBuilder value = new StringBuilder(this.name.length() + sid.length() + 64);
		value.append(this.name).append('=').append(sid);
		if (this.maxAge != null) {
			value.append("; Max-Age=").append(this.maxAge.toSeconds());
		}
		if (this.domain != null) {
			value.append("; Domain=").append(this.domain);
		}
		if (this.path != null) {
			value.append("; Path=").append(this.path);
		}
		if (this.httpOnly) {
			value.append("; HttpOnly");
		}
		if (this.secure) {
			value.append("; Secure");
		}
		if (this.sameSite.attributeValue != null) {
			value.append("; SameSite=").append(this.sameSite.attributeValue);
		}
		return value.toString();
	}

	/**
	 * Values of the {@code SameSite} attribute.
	 */
	public enum SameSite {

		/** {@code SameSite=Lax}, the reference's default. */
		LAX("Lax"),

		/** {@code SameSite=Strict}. */
		STRICT("Strict"),

		/** {@code SameSite=None} (browsers require {@code Secure} with it). */
		NONE("None"),

		/** No {@code SameSite} attribute (the reference's {@code sameSite: false}). */
		OMITTED(null);

		private final @Nullable String attributeValue;

		SameSite(@Nullable String attributeValue) {
			this.attributeValue = attributeValue;
		}

		/**
		 * Return the attribute's value as rendered.
		 * @return e.g. {@code Lax}, or {@code null} for {@link #OMITTED}
		 */
		public @Nullable String attributeValue() {
			return this.attributeValue;
		}

	}

}
