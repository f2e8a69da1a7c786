package dev.baton.auth.accounts;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.testsupport.Pkce;
import dev.baton.auth.testsupport.TestMailServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * E-mail verification over HTTP: the registration mail's link (single use, 24 hours,
 * stored as a hash), the {@code email} and {@code email_verified} claims before and
 * after, changing the address, and the per-client {@code require_verified_email}
 * restriction.
 */
class EmailVerificationHttpTests extends MailHttpTestSupport {

	@Test
	void registerThenClaimsSayUnverifiedUntilTheMailedLinkIsUsed() {
		String username = registerUser("verify");
		String address = emailOf(username);
		AccountsTestBrowser app = newBrowser();
		String before = app.authorize(EMAIL_APP, APP_SECRET, "openid email offline_access", username, PASSWORD);
		JsonNode idBefore = claims(field(before, "id_token"));
		assertThat(idBefore.get("email").asString()).isEqualTo(address);
		assertThat(idBefore.get("email_verified").asBoolean()).isFalse();
		JsonNode userInfoBefore = userInfo(app, field(before, "access_token"));
		assertThat(userInfoBefore.get("email").asString()).isEqualTo(address);
		assertThat(userInfoBefore.get("email_verified").asBoolean()).isFalse();

		String link = linkFromMail(address, VERIFICATION_SUBJECT, 1);
		HttpResponse<String> page = newBrowser().get(link);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		// opening the link uses nothing (a mail scanner may fetch it): still unverified
		assertThat(emailVerified(username)).isFalse();
		HttpResponse<String> verified = useVerificationLink(link);
		assertThat(verified.statusCode()).isEqualTo(200);
		assertThat(verified.body()).contains("id=\"email-verified\"");
		assertThat(emailVerified(username)).isTrue();
		assertThat(auditCount("EMAIL_VERIFIED", username)).isEqualTo(1);

		String after = newBrowser().authorize(EMAIL_APP, APP_SECRET, "openid email", username, PASSWORD);
		assertThat(claims(field(after, "id_token")).get("email_verified").asBoolean()).isTrue();
		assertThat(userInfo(app, field(before, "access_token")).get("email_verified").asBoolean()).isTrue();
	}

	@Test
	void verificationLinkWhenUsedTwiceThenTheSecondUseIsRefused() {
		String username = registerUser("verifyonce");
		String link = linkFromMail(emailOf(username), VERIFICATION_SUBJECT, 1);
		assertThat(useVerificationLink(link).statusCode()).isEqualTo(200);

		HttpResponse<String> again = useVerificationLink(link);

		assertThat(again.statusCode()).isEqualTo(400);
		assertThat(again.body()).contains("id=\"invalid-link\"");
		assertThat(newBrowser().get(link).statusCode()).isEqualTo(400);
	}

	@Test
	void verificationLinkWhenExpiredThenRefusedAndTheAddressStaysUnverified() {
		String username = registerUser("verifylate");
		String link = linkFromMail(emailOf(username), VERIFICATION_SUBJECT, 1);
		this.clock.advance(Duration.ofHours(24).plusMinutes(1));

		HttpResponse<String> late = useVerificationLink(link);

		assertThat(late.statusCode()).isEqualTo(400);
		assertThat(late.body()).contains("id=\"invalid-link\"");
		assertThat(emailVerified(username)).isFalse();
	}

	@Test
	void verificationLinkWhenStoredThenOnlyItsHashIsAtRest() {
		String username = registerUser("verifyhash");
		String token = TestMailServer.awaitMail(emailOf(username), VERIFICATION_SUBJECT, 1).token();

		byte[] stored = this.jdbc.queryForObject("SELECT token_hash FROM email_verification WHERE user_id = ?",
				byte[].class, subjectOf(username));

		assertThat(stored).isEqualTo(TokenHash.of(token).bytes());
		assertThat(this.jdbc.queryForList("SELECT user_id, email FROM email_verification").toString())
			.doesNotContain(token);
		assertThat(this.jdbc.queryForList("SELECT detail FROM audit_event WHERE detail IS NOT NULL", String.class))
			.noneMatch((detail) -> detail.contains(token));
	}

	@Test
	void changeAddressThenTheOldOneStaysUntilTheNewOneIsVerified() {
		String username = registerUser("change-address");
		verifyRegistrationMail(username);
		String newAddress = "new-" + username + "@example.org";
		AccountsTestBrowser browser = newBrowser();
		browser.signIn(username, PASSWORD);

		HttpResponse<String> saved = browser.submit("/account", "/account/profile",
				Map.of("displayName", "Renamed Person", "email", newAddress));

		assertThat(AccountsTestBrowser.location(saved)).endsWith("/account?emailSent");
		assertThat(this.jdbc.queryForMap(
				"SELECT email, email_verified, display_name FROM user_account " + "WHERE username = ?", username))
			.containsEntry("email", emailOf(username))
			.containsEntry("email_verified", true)
			.containsEntry("display_name", "Renamed Person");
		assertThat(useVerificationLink(linkFromMail(newAddress, VERIFICATION_SUBJECT, 1)).statusCode()).isEqualTo(200);
		assertThat(this.jdbc.queryForMap("SELECT email, email_verified FROM user_account WHERE username = ?", username))
			.containsEntry("email", newAddress)
			.containsEntry("email_verified", true);
		assertThat(auditCount("PROFILE_UPDATED", username)).isEqualTo(1);
	}

	@Test
	void changeAddressWhenThatAddressWasMailedTooOftenThenRefused() {
		String username = registerUser("flood");
		String target = "flooded-" + username + "@example.org";
		AccountsTestBrowser browser = newBrowser();
		browser.signIn(username, PASSWORD);
		for (int i = 1; i <= 3; i++) {
			assertThat(AccountsTestBrowser.location(
					browser.submit("/account", "/account/profile", Map.of("displayName", username, "email", target))))
				.as("change %d", i)
				.endsWith("?emailSent");
		}

		HttpResponse<String> refused = browser.submit("/account", "/account/profile",
				Map.of("displayName", username, "email", target));

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("too many mails");
		assertThat(TestMailServer.mailTo(target)).hasSizeLessThanOrEqualTo(3);
	}

	@Test
	void changeAddressWhenItBelongsToAnotherAccountThenSameAnswerAndNoLink() {
		String owner = registerUser("owner");
		String username = registerUser("squatter");
		AccountsTestBrowser browser = newBrowser();
		browser.signIn(username, PASSWORD);

		HttpResponse<String> saved = browser.submit("/account", "/account/profile",
				Map.of("displayName", username, "email", emailOf(owner)));

		assertThat(AccountsTestBrowser.location(saved)).endsWith("/account?emailSent");
		assertThat(TestMailServer.awaitMail(emailOf(owner), "Your e-mail address and Baton", 1).body())
			.doesNotContain("token=");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM email_verification WHERE user_id = ? AND email = ?",
				Integer.class, subjectOf(username), emailOf(owner)))
			.isZero();
	}

	@Test
	void clientRequiringVerifiedAddressWhenUnverifiedThenAccessDeniedAtItsRedirectUri() {
		String username = registerUser("restricted");
		AccountsTestBrowser browser = newBrowser();
		browser.signIn(username, PASSWORD);
		String authorize = "/oauth2/authorize?response_type=code&client_id=" + VERIFIED_ONLY_APP + "&redirect_uri="
				+ AccountsTestBrowser.url(AccountsTestBrowser.REDIRECT_URI) + "&scope=openid+email&state=s1&"
				+ Pkce.generate().requestParameters();

		String denied = AccountsTestBrowser.location(browser.get(authorize));

		assertThat(denied).startsWith(AccountsTestBrowser.REDIRECT_URI)
			.contains("error=access_denied")
			.contains("state=s1")
			.doesNotContain("code=");

		verifyRegistrationMail(username);
		String granted = AccountsTestBrowser.location(browser.get(authorize));
		assertThat(granted).startsWith(AccountsTestBrowser.REDIRECT_URI).contains("code=").doesNotContain("error");
	}

	@Test
	void clientRequiringVerifiedAddressWhenDemoUserAliceThenHerDemoAddressIsVerified() {
		String tokens = newBrowser().authorize(VERIFIED_ONLY_APP, APP_SECRET, "openid email", "alice",
				"alice-demo-password");

		JsonNode id = claims(field(tokens, "id_token"));
		assertThat(id.get("email").asString()).isEqualTo("alice@example.com");
		assertThat(id.get("email_verified").asBoolean()).isTrue();
	}

	private boolean emailVerified(String username) {
		return Boolean.TRUE.equals(this.jdbc
			.queryForObject("SELECT email_verified FROM user_account WHERE username = ?", Boolean.class, username));
	}

	private static JsonNode userInfo(AccountsTestBrowser browser, String accessToken) {
		HttpResponse<String> response = browser.json("GET", "/userinfo", null,
				Map.of("Authorization", "Bearer " + accessToken));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response.body());
	}

}
