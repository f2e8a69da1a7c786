package dev.baton.auth.web;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.baton.auth.testsupport.BatonServerTests;
import dev.baton.auth.testsupport.Form;
import dev.baton.auth.testsupport.HttpResult;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 item 1, from the outside and with the shipped default
 * ({@code server.tomcat.remoteip.internal-proxies} empty): a client that writes a new
 * {@code X-Forwarded-For} into every request is still the address of its connection, for
 * the per-IP sign-in lock and for what the audit log records. (The other HTTP tests add
 * 127.0.0.1 as a trusted proxy, {@code server.tomcat.remoteip.trusted-proxies}, so they
 * can come from many addresses; this class takes that away again and keeps the shipped
 * {@code internal-proxies}.)
 */
@TestPropertySource(properties = "server.tomcat.remoteip.trusted-proxies=")
class ForwardedHeadersHttpTests extends BatonServerTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	@Test
	void signInWhenForwardedForRotatesAndNoProxyTrustedThenLockedByConnectionIpAndAuditedWithIt() {
		for (int i = 0; i < 20; i++) {
			HttpResult failed = signIn("guess-" + UUID.randomUUID(), "203.0.113." + (i + 1));
			assertThat(failed.location().toString()).as("attempt %d", i).endsWith("/login?error");
		}

		HttpResult locked = signIn("guess-" + UUID.randomUUID(), "198.51.100.77");

		assertThat(locked.location().toString()).endsWith("/login?locked");
		List<String> ips = this.jdbc.queryForList("SELECT DISTINCT ip FROM audit_event WHERE type = 'SIGN_IN_FAILED'",
				String.class);
		assertThat(ips).containsExactly("127.0.0.1");
	}

	@Test
	void requestWhenForwardedProtoSentAndNoProxyTrustedThenIgnored() {
		HttpResult page = this.http.get("/login", "X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.1");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.response().headers().allValues("Set-Cookie")).noneMatch((cookie) -> cookie.contains("Secure"));
	}

	private HttpResult signIn(String username, String forwardedFor) {
		HttpResult page = this.http.get("/login", "X-Forwarded-For", forwardedFor);
		Matcher csrf = CSRF.matcher(page.body());
		assertThat(csrf.find()).as("login page %s", page).isTrue();
		return this.http.post("/login",
				Form.of("username", username, "password", "wrong password", "_csrf", csrf.group(1))
					.header("X-Forwarded-For", forwardedFor));
	}

}
