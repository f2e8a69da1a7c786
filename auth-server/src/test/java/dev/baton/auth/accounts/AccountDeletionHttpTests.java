package dev.baton.auth.accounts;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user's own profile and account deletion, on the account page and through
 * {@code /api/account/…}: deletion needs the current password (a wrong one counts like a
 * failed sign-in), revokes every session and removes the personal data, as the admin
 * deletion does.
 */
class AccountDeletionHttpTests extends MailHttpTestSupport {

	@Test
	void deleteOnPageWhenPasswordWrongThenRefusedAndTheAccountStays() {
		String username = registerUser("keep");
		AccountsTestBrowser browser = newBrowser();
		browser.signIn(username, PASSWORD);

		HttpResponse<String> refused = browser.submit("/account/delete", "/account/delete",
				Map.of("currentPassword", "not the password"));

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("Current password is not correct");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM user_account WHERE username = ?", Integer.class,
				username))
			.isEqualTo(1);
		assertThat(browser.get("/account").statusCode()).isEqualTo(200);
	}

	@Test
	void deleteOnPageThenEverySessionEndsAndThePersonalDataIsGone() {
		String username = registerUser("delete");
		String subject = subjectOf(username);
		AccountsTestBrowser app = newBrowser();
		String tokens = app.authorize("demo-web", "demo-web-secret", "openid offline_access", username, PASSWORD);
		AccountsTestBrowser elsewhere = newBrowser();
		elsewhere.signIn(username, PASSWORD);
		AccountsTestBrowser browser = newBrowser();
		browser.signIn(username, PASSWORD);
		assertThat(browser.get("/account/delete").body()).contains("id=\"delete-account\"");

		HttpResponse<String> deleted = browser.submit("/account/delete", "/account/delete",
				Map.of("currentPassword", PASSWORD));

		assertThat(AccountsTestBrowser.location(deleted)).endsWith("/login?deleted");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM user_account WHERE id = ?", Integer.class, subject))
			.isZero();
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM token_family WHERE subject = ?", Integer.class, subject))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM email_verification WHERE user_id = ?", Integer.class,
				subject))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE type = 'USER_DELETED' "
				+ "AND subject = ? AND detail = 'BY_USER'", Integer.class, subject))
			.isEqualTo(1);
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE subject = ?", Integer.class, username))
			.isZero();
		assertThat(app.refresh("demo-web", "demo-web-secret", field(tokens, "refresh_token")).statusCode())
			.isEqualTo(400);
		assertThat(AccountsTestBrowser.location(elsewhere.get("/account"))).endsWith("/login");
		assertThat(AccountsTestBrowser.location(browser.get("/account"))).endsWith("/login");
		assertThat(AccountsTestBrowser.location(newBrowser().signIn(username, PASSWORD))).endsWith("/login?error");
	}

	@Test
	void deleteByApiWithTheAccountScopeThenGone() {
		String username = registerUser("apidelete");
		AccountsTestBrowser app = newBrowser();
		String tokens = app.authorize(ACCOUNT_APP, APP_SECRET, "openid baton.account offline_access", username,
				PASSWORD);
		Map<String, String> bearer = Map.of("Authorization", "Bearer " + field(tokens, "access_token"));

		HttpResponse<String> wrong = app.json("POST", "/api/account/deletion", "{\"currentPassword\":\"nope\"}",
				bearer);
		HttpResponse<String> deleted = app.json("POST", "/api/account/deletion",
				"{\"currentPassword\":\"" + PASSWORD + "\"}", bearer);

		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("currentPassword");
		assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM user_account WHERE username = ?", Integer.class,
				username))
			.isZero();
		assertThat(app.refresh(ACCOUNT_APP, APP_SECRET, field(tokens, "refresh_token")).statusCode()).isEqualTo(400);
	}

	@Test
	void profileByApiThenNameSavedAndNewAddressPendingVerification() {
		String username = registerUser("apiprofile");
		AccountsTestBrowser app = newBrowser();
		String tokens = app.authorize(ACCOUNT_APP, APP_SECRET, "openid baton.account", username, PASSWORD);
		Map<String, String> bearer = Map.of("Authorization", "Bearer " + field(tokens, "access_token"));
		String newAddress = "api-" + username + "@example.org";

		HttpResponse<String> updated = app.json("PATCH", "/api/account/profile",
				"{\"displayName\":\"Api Person\",\"email\":\"" + newAddress + "\"}", bearer);

		assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
		assertThat(json(updated.body()).get("displayName").asString()).isEqualTo("Api Person");
		assertThat(json(updated.body()).get("email").asString()).isEqualTo(emailOf(username));
		assertThat(json(updated.body()).get("verificationSentTo").asString()).isEqualTo(newAddress);
		assertThat(linkFromMail(newAddress, VERIFICATION_SUBJECT, 1)).contains("/account/email/verify?token=");
		HttpResponse<String> invalid = app.json("PATCH", "/api/account/profile", "{\"email\":\"not an address\"}",
				bearer);
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.body()).contains("\"email\"");
	}

}
