package io.github.springsocketio.engine;

import java.time.Duration;

import io.github.springsocketio.engine.HandshakeCookie.SameSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link HandshakeCookie}: the expected values are what the reference renders (the
 * {@code cookie} npm module 0.7 under engine.io 6.6) for the same options and the
 * session id {@code SID}.
 */
class HandshakeCookieTests {

	private static final String SID = "SID";

	@Test
	void defaultsAreTheReferencesCookieTrue() {
		// cookie: true
		assertThat(HandshakeCookie.defaults().headerValue(SID)).isEqualTo("io=SID; Path=/; HttpOnly; SameSite=Lax");
	}

	@Test
	void everyAttributeInTheReferencesOrder() {
		// cookie: { name: "srv", path: "/x", httpOnly: false, sameSite: "strict", maxAge: 86400,
		// secure: true, domain: "example.com" }
		HandshakeCookie cookie = new HandshakeCookie("srv", "/x", false, SameSite.STRICT, true,
				Duration.ofSeconds(86400), "example.com");
		assertThat(cookie.headerValue(SID))
			.isEqualTo("srv=SID; Max-Age=86400; Domain=example.com; Path=/x; Secure; SameSite=Strict");
	}

	@Test
	void sameSiteNoneWithSecure() {
		// cookie: { sameSite: "none", secure: true }
		HandshakeCookie cookie = new HandshakeCookie("io", "/", true, SameSite.NONE, true, null, null);
		assertThat(cookie.headerValue(SID)).isEqualTo("io=SID; Path=/; HttpOnly; Secure; SameSite=None");
	}

	@Test
	void everyAttributeLeftOut() {
		// cookie: { sameSite: false, path: false, httpOnly: false }
		HandshakeCookie cookie = new HandshakeCookie("io", null, false, SameSite.OMITTED, false, null, null);
		assertThat(cookie.headerValue(SID)).isEqualTo("io=SID");
		assertThat(new HandshakeCookie("io", "", false, SameSite.OMITTED, false, null, "").headerValue(SID))
			.isEqualTo("io=SID");
	}

	@Test
	void maxAgeIsRoundedDownToSeconds() {
		// cookie: { maxAge: 0.9 } and { maxAge: 0 }
		assertThat(new HandshakeCookie("io", "/", true, SameSite.LAX, false, Duration.ofMillis(900), null)
			.headerValue(SID)).isEqualTo("io=SID; Max-Age=0; Path=/; HttpOnly; SameSite=Lax");
		assertThat(new HandshakeCookie("io", "/", true, SameSite.LAX, false, Duration.ZERO, null).headerValue(SID))
			.isEqualTo("io=SID; Max-Age=0; Path=/; HttpOnly; SameSite=Lax");
	}

	@Test
	void domainWithLeadingDotAndNoPath() {
		// cookie: { domain: ".example.com", path: "" }
		HandshakeCookie cookie = new HandshakeCookie("io", "", true, SameSite.LAX, false, null, ".example.com");
		assertThat(cookie.headerValue(SID)).isEqualTo("io=SID; Domain=.example.com; HttpOnly; SameSite=Lax");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a b", "a;b", "a,b", "a=b", "é", "a\tb", "a\u0000" })
	void invalidNamesAreRefused(String name) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HandshakeCookie(name, "/", true, SameSite.LAX, false, null, null))
			.withMessageStartingWith("Invalid cookie name '" + name + "'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/a;b", "/a,b", "/a b", "/a\tb", "/a\r\nX: y", "/é", "/<" })
	void invalidPathsAreRefused(String path) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HandshakeCookie("io", path, true, SameSite.LAX, false, null, null))
			.withMessageStartingWith("Invalid cookie path");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a b", "example.com:80", "-x.com", "x..com", "a;b", "a,b", "x.com\r\n" })
	void invalidDomainsAreRefused(String domain) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HandshakeCookie("io", "/", true, SameSite.LAX, false, null, domain))
			.withMessageStartingWith("Invalid cookie domain");
	}

	@Test
	void negativeMaxAgeIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HandshakeCookie("io", "/", true, SameSite.LAX, false, Duration.ofSeconds(-1), null))
			.withMessageStartingWith("Invalid cookie max age");
	}

	@Test
	void optionsHaveNoCookieByDefault() {
		assertThat(EngineIoOptions.defaults().cookie()).isNull();
		HandshakeCookie cookie = HandshakeCookie.defaults();
		assertThat(EngineIoOptions.builder().cookie(cookie).build().mutate().build().cookie()).isSameAs(cookie);
	}

}
