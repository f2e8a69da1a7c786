package dev.baton.auth.accounts;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Password change signs out every other session and keeps the current one. */
class PasswordChangeHttpTests extends AccountsHttpTestSupport {

	private static final String NEW_PASSWORD = "a brand new passphrase";

	@Test
	void changePasswordOnPageThenOtherSessionsEndAndThisBrowserStays() {
		String username = registerUser("change");
		AccountsTestBrowser here = newBrowser();
		String hereTokens = here.authorize("demo-web", "demo-web-secret", "openid offline_access", username, PASSWORD);
		AccountsTestBrowser elsewhere = newBrowser();
		String elsewhereTokens = elsewhere.authorize("demo-web", "demo-web-secret", "openid offline_access", username,
				PASSWORD);
		assertThat(elsewhere.get("/account").statusCode()).isEqualTo(200);
		HttpResponse<String> changed = here.submit("/account/password", "/account/password",
				Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD));
		assertThat(AccountsTestBrowser.location(changed)).endsWith("/account?passwordChanged");
		assertThat(here.get("/account").statusCode()).isEqualTo(200);
		assertThat(AccountsTestBrowser.location(elsewhere.get("/account"))).endsWith("/login");
		assertThat(
				elsewhere.refresh("demo-web", "demo-web-secret", field(elsewhereTokens, "refresh_token")).statusCode())
			.isEqualTo(400);
		assertThat(here.refresh("demo-web", "demo-web-secret", field(hereTokens, "refresh_token")).statusCode())
			.isEqualTo(400);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM token_family WHERE subject = ? AND revoked_reason = 'PASSWORD_CHANGED'",
				Integer.class, subjectOf(username)))
			.isEqualTo(2);
		assertThat(auditCount("PASSWORD_CHANGED", username)).isEqualTo(1);
		assertThat(AccountsTestBrowser.location(newBrowser().signIn(username, PASSWORD))).endsWith("/login?error");
		assertThat(AccountsTestBrowser.location(newBrowser().signIn(username, NEW_PASSWORD))).doesNotContain("/login");
	}

	@Test
	void changePasswordByApiThenCallingSessionKeepsRefreshing() {
		String username = registerUser("apichange");
		AccountsTestBrowser app = newBrowser();
		String appTokens = app.authorize(ACCOUNT_APP, APP_SECRET, "openid baton.account offline_access", username,
				PASSWORD);
		AccountsTestBrowser other = newBrowser();
		String otherTokens = other.authorize("demo-web", "demo-web-secret", "openid offline_access", username,
				PASSWORD);
		HttpResponse<String> response = app.json("POST", "/api/account/password",
				"{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"" + NEW_PASSWORD + "\"}",
				Map.of("Authorization", "Bearer " + field(appTokens, "access_token")));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("\"signedOutSessions\":1").contains("\"signedOutBrowsers\":2");
		assertThat(app.refresh(ACCOUNT_APP, APP_SECRET, field(appTokens, "refresh_token")).statusCode()).isEqualTo(200);
		assertThat(other.refresh("demo-web", "demo-web-secret", field(otherTokens, "refresh_token")).statusCode())
			.isEqualTo(400);
	}

	@Test
	void changePasswordWhenCurrentPasswordWrongThenRejectedAndNothingEnds() {
		String username = registerUser("wrongcurrent");
		AccountsTestBrowser here = newBrowser();
		String tokens = here.authorize("demo-web", "demo-web-secret", "openid offline_access", username, PASSWORD);
		HttpResponse<String> page = here.submit("/account/password", "/account/password", Map.of("currentPassword",
				"not my password", "newPassword", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Current password is not correct");
		assertThat(here.refresh("demo-web", "demo-web-secret", field(tokens, "refresh_token")).statusCode())
			.isEqualTo(200);
		assertThat(auditCount("PASSWORD_CHANGED", username)).isZero();
	}

	/**
	 * Issue 13 item 2: guesses from many addresses lock the username for unknown
	 * browsers, but the owner, already signed in, still changes the password.
	 */
	@Test
	void changePasswordWhenUsernameLockedByGuessesFromElsewhereThenOwnerStillChangesIt() {
		String username = registerUser("lockedowner");
		AccountsTestBrowser here = newBrowser();
		here.authorize("demo-web", "demo-web-secret", "openid offline_access", username, PASSWORD);
		for (int i = 0; i < 21; i++) {
			newBrowser().signIn(username, "guess " + i);
		}
		assertThat(AccountsTestBrowser.location(newBrowser().signIn(username, PASSWORD))).endsWith("/login?locked");

		HttpResponse<String> changed = here.submit("/account/password", "/account/password",
				Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD));

		assertThat(AccountsTestBrowser.location(changed)).endsWith("/account?passwordChanged");
		assertThat(auditCount("PASSWORD_CHANGED", username)).isEqualTo(1);
	}

}
