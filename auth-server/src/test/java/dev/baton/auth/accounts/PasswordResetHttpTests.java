package dev.baton.auth.accounts;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.testsupport.TestMailServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password reset over HTTP: no account enumeration through the API or the page,
 * throttling per address and per IP, a single-use 15-minute link stored only as a hash,
 * the registration password rules, and the end of every session (token families and
 * browser sign-ins) once the new password is set.
 */
class PasswordResetHttpTests extends MailHttpTestSupport {

	private static final String NEW_PASSWORD = "a fresh reset passphrase";

	@Test
	void requestByApiWhenAddressKnownOrUnknownThenSameStatusHeadersAndBody() {
		String username = registerUser("enum");
		HttpResponse<String> known = newBrowser().json("POST", "/api/account/password-resets",
				"{\"email\":\"" + emailOf(username) + "\"}", Map.of());
		HttpResponse<String> unknown = newBrowser().json("POST", "/api/account/password-resets",
				"{\"email\":\"nobody-" + username + "@example.com\"}", Map.of());

		assertThat(known.statusCode()).isEqualTo(202);
		assertThat(unknown.statusCode()).isEqualTo(202);
		assertThat(unknown.body()).isEqualTo(known.body());
		assertThat(headersWithoutDate(unknown.headers())).isEqualTo(headersWithoutDate(known.headers()));
		// only the known address got a link
		assertThat(TestMailServer.awaitMail(emailOf(username), RESET_SUBJECT, 1).body()).contains("?token=");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM password_reset WHERE user_id = ?", Integer.class,
				subjectOf(username)))
			.isEqualTo(1);
		assertThat(auditCount("PASSWORD_RESET_REQUESTED", username)).isEqualTo(1);
	}

	@Test
	void requestOnPageWhenAddressKnownOrUnknownThenSamePage() {
		String username = registerUser("enumpage");
		HttpResponse<String> known = newBrowser().submit("/account/password-reset", "/account/password-reset",
				Map.of("email", emailOf(username)));
		HttpResponse<String> unknown = newBrowser().submit("/account/password-reset", "/account/password-reset",
				Map.of("email", "nobody-" + username + "@example.com"));

		assertThat(known.statusCode()).isEqualTo(200);
		assertThat(unknown.statusCode()).isEqualTo(200);
		assertThat(withoutCsrf(unknown.body())).isEqualTo(withoutCsrf(known.body()));
		assertThat(known.body()).contains("id=\"reset-sent\"");
	}

	@Test
	void requestWhenTooManyForOneAddressThenThrottledWhetherKnownOrNot() {
		String username = registerUser("throttle");
		for (String address : List.of(emailOf(username), "nobody-" + username + "@example.com")) {
			for (int i = 1; i <= 3; i++) {
				assertThat(requestFromNewIp(address).statusCode()).as("request %d for %s", i, address).isEqualTo(202);
			}
			HttpResponse<String> refused = requestFromNewIp(address);
			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(refused.headers().firstValue("Retry-After")).isPresent();
			assertThat(refused.body()).contains("\"status\":429");
		}
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM password_reset WHERE user_id = ?", Integer.class,
				subjectOf(username)))
			.isEqualTo(3);
		// the throttle table holds no address
		assertThat(this.jdbc.queryForList("SELECT throttle_key FROM sign_in_throttle", String.class))
			.noneMatch((key) -> key.contains(username));
	}

	@Test
	void requestWhenTooManyFromOneIpThenThrottledWhateverTheAddress() {
		AccountsTestBrowser browser = newBrowser();
		String prefix = newUsername("ip");
		for (int i = 1; i <= 20; i++) {
			HttpResponse<String> accepted = browser.json("POST", "/api/account/password-resets",
					"{\"email\":\"" + prefix + "-" + i + "@example.com\"}", Map.of());
			assertThat(accepted.statusCode()).as("request %d", i).isEqualTo(202);
		}

		HttpResponse<String> refused = browser.json("POST", "/api/account/password-resets",
				"{\"email\":\"" + prefix + "-21@example.com\"}", Map.of());

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(newBrowser()
			.json("POST", "/api/account/password-resets", "{\"email\":\"" + prefix + "-22@example.com\"}", Map.of())
			.statusCode()).isEqualTo(202);
	}

	@Test
	void resetLinkThenNewPasswordOnceAndEverySessionEnds() {
		String username = registerUser("reset");
		String subject = subjectOf(username);
		AccountsTestBrowser app = newBrowser();
		String tokens = app.authorize("demo-web", "demo-web-secret", "openid offline_access", username, PASSWORD);
		AccountsTestBrowser signedIn = newBrowser();
		signedIn.signIn(username, PASSWORD);
		assertThat(signedIn.get("/account").statusCode()).isEqualTo(200);
		assertThat(requestFromNewIp(emailOf(username)).statusCode()).isEqualTo(202);
		String link = linkFromMail(emailOf(username), RESET_SUBJECT, 1);
		String token = link.substring(link.indexOf("?token=") + 7);

		AccountsTestBrowser person = newBrowser();
		HttpResponse<String> form = person.get(link);
		assertThat(form.statusCode()).isEqualTo(200);
		assertThat(form.body()).contains("id=\"set-password\"");
		assertThat(form.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		HttpResponse<String> set = person.submit(link, "/account/password-reset/new",
				Map.of("token", token, "newPassword", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD));

		assertThat(AccountsTestBrowser.location(set)).endsWith("/login?passwordReset");
		HttpResponse<String> refreshed = app.refresh("demo-web", "demo-web-secret", field(tokens, "refresh_token"));
		assertThat(refreshed.statusCode()).isEqualTo(400);
		assertThat(refreshed.body()).contains("invalid_grant");
		assertThat(AccountsTestBrowser.location(signedIn.get("/account"))).endsWith("/login");
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM token_family WHERE subject = ? AND revoked_reason = 'PASSWORD_RESET'",
				Integer.class, subject))
			.isEqualTo(1);
		assertThat(AccountsTestBrowser.location(newBrowser().signIn(username, PASSWORD))).endsWith("/login?error");
		assertThat(AccountsTestBrowser.location(newBrowser().signIn(username, NEW_PASSWORD))).doesNotContain("/login");
		assertThat(auditCount("PASSWORD_RESET", username)).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM password_reset WHERE user_id = ?", Integer.class,
				subject))
			.isZero();
		// the link proved the address
		assertThat(this.jdbc.queryForObject("SELECT email_verified FROM user_account WHERE id = ?", Boolean.class,
				subject))
			.isTrue();
		assertThat(TestMailServer.awaitMail(emailOf(username), "Your Baton password was changed", 1).body())
			.doesNotContain("token=");

		// the used link's page has no form any more: the CSRF token comes from another
		// page
		HttpResponse<String> again = newBrowser().submit("/login", "/account/password-reset/new", Map.of("token", token,
				"newPassword", "yet another passphrase", "confirmPassword", "yet another passphrase"));
		assertThat(again.statusCode()).isEqualTo(400);
		assertThat(again.body()).contains("id=\"invalid-link\"");
		assertThat(AccountsTestBrowser.location(newBrowser().signIn(username, NEW_PASSWORD))).doesNotContain("/login");
	}

	@Test
	void resetLinkWhenExpiredThenRefusedAndThePasswordStays() {
		String username = registerUser("resetlate");
		requestFromNewIp(emailOf(username));
		String link = linkFromMail(emailOf(username), RESET_SUBJECT, 1);
		String token = link.substring(link.indexOf("?token=") + 7);
		AccountsTestBrowser person = newBrowser();
		String csrf = person.csrf("/account/password-reset");
		this.clock.advance(Duration.ofMinutes(15).plusSeconds(1));

		assertThat(person.get(link).statusCode()).isEqualTo(400);
		HttpResponse<String> late = person.postForm("/account/password-reset/new",
				Map.of("token", token, "newPassword", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD, "_csrf", csrf));

		assertThat(late.statusCode()).isEqualTo(400);
		assertThat(late.body()).contains("id=\"invalid-link\"");
		this.clock.reset();
		assertThat(AccountsTestBrowser.location(newBrowser().signIn(username, PASSWORD))).doesNotContain("/login");
	}

	@Test
	void resetWhenNewPasswordBreaksTheRulesThenRefusedAndTheLinkStillWorks() {
		String username = registerUser("resetrules");
		requestFromNewIp(emailOf(username));
		String link = linkFromMail(emailOf(username), RESET_SUBJECT, 1);
		String token = link.substring(link.indexOf("?token=") + 7);
		AccountsTestBrowser person = newBrowser();

		HttpResponse<String> weak = person.submit(link, "/account/password-reset/new",
				Map.of("token", token, "newPassword", "short", "confirmPassword", "short"));
		HttpResponse<String> withUsername = person.submit(link, "/account/password-reset/new",
				Map.of("token", token, "newPassword", username + "-secret", "confirmPassword", username + "-secret"));

		assertThat(weak.statusCode()).isEqualTo(400);
		assertThat(weak.body()).contains("at least 12 characters");
		assertThat(withUsername.statusCode()).isEqualTo(400);
		assertThat(withUsername.body()).contains("must not contain the username");
		HttpResponse<String> set = person.submit(link, "/account/password-reset/new",
				Map.of("token", token, "newPassword", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD));
		assertThat(AccountsTestBrowser.location(set)).endsWith("/login?passwordReset");
	}

	@Test
	void resetLinkWhenStoredThenOnlyItsHashIsAtRestAndNoTokenInTheAuditLog() {
		String username = registerUser("resethash");
		requestFromNewIp(emailOf(username));
		String token = TestMailServer.awaitMail(emailOf(username), RESET_SUBJECT, 1).token();

		byte[] stored = this.jdbc.queryForObject("SELECT token_hash FROM password_reset WHERE user_id = ?",
				byte[].class, subjectOf(username));

		assertThat(stored).isEqualTo(TokenHash.of(token).bytes());
		assertThat(this.jdbc.queryForList("SELECT user_id, created_at, expires_at FROM password_reset").toString())
			.doesNotContain(token);
		assertThat(this.jdbc.queryForList("SELECT detail FROM audit_event WHERE detail IS NOT NULL", String.class))
			.noneMatch((detail) -> detail.contains(token));
	}

	private HttpResponse<String> requestFromNewIp(String address) {
		return newBrowser().json("POST", "/api/account/password-resets", "{\"email\":\"" + address + "\"}", Map.of());
	}

	private static Map<String, List<String>> headersWithoutDate(HttpHeaders headers) {
		Map<String, List<String>> map = new TreeMap<>(headers.map());
		map.remove("date");
		return map;
	}

	private static String withoutCsrf(String page) {
		return page.replaceAll("value=\"[^\"]{20,}\"", "value=\"…\"").replaceAll("content=\"[^\"]{20,}\"", "…");
	}

}
