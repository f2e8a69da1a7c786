package dev.baton.auth.accounts;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every form of Baton's pages refuses a POST without its CSRF token, signed in or not.
 */
class CsrfHttpTests extends AccountsHttpTestSupport {

	/**
	 * Issue 13 item 10: the CSRF token of the sign-in page lives in a cookie, not in a
	 * new session row.
	 */
	@Test
	void signInPageWhenAnonymousThenNoSessionRowButCsrfCookie() {
		Integer before = this.jdbc.queryForObject("SELECT COUNT(*) FROM http_session", Integer.class);
		AccountsTestBrowser browser = newBrowser();

		HttpResponse<String> page = browser.get("/login");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("name=\"_csrf\"");
		assertThat(page.headers().allValues("Set-Cookie")).noneMatch((cookie) -> cookie.startsWith("SESSION="))
			.anyMatch((cookie) -> cookie.startsWith("BATON_CSRF=") && cookie.contains("HttpOnly"));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM http_session", Integer.class)).isEqualTo(before);
		String username = registerUser("csrfcookie");
		assertThat(AccountsTestBrowser.location(browser.signIn(username, PASSWORD))).doesNotContain("/login");
	}

	@Test
	void signInFormWhenCsrfMissingThenForbidden() {
		String username = registerUser("csrf");
		AccountsTestBrowser browser = newBrowser();
		browser.get("/login");
		HttpResponse<String> response = browser.postForm("/login", Map.of("username", username, "password", PASSWORD));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(browser.get("/account").statusCode()).isEqualTo(302);
	}

	@Test
	void registrationFormWhenCsrfMissingThenForbiddenAndNothingCreated() {
		String username = newUsername("csrfreg");
		AccountsTestBrowser browser = newBrowser();
		browser.get("/account/register");
		HttpResponse<String> response = browser.postForm("/account/register", Map.of("username", username, "email",
				username + "@example.com", "password", PASSWORD, "confirmPassword", PASSWORD));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM user_account WHERE username = ?", Integer.class,
				username))
			.isZero();
	}

	@Test
	void accountFormsWhenCsrfMissingThenForbiddenAndNothingChanges() {
		String username = registerUser("csrfacct");
		AccountsTestBrowser browser = newBrowser();
		String tokens = browser.authorize("demo-web", "demo-web-secret", "openid offline_access", username, PASSWORD);
		String family = familyOf(field(tokens, "access_token"));
		String newPassword = "another long passphrase";
		assertThat(browser
			.postForm("/account/password",
					Map.of("currentPassword", PASSWORD, "newPassword", newPassword, "confirmPassword", newPassword))
			.statusCode()).isEqualTo(403);
		assertThat(browser.postForm("/account/sessions/" + family + "/sign-out", Map.of()).statusCode()).isEqualTo(403);
		assertThat(browser.postForm("/account/sessions/sign-out-everywhere", Map.of()).statusCode()).isEqualTo(403);
		assertThat(browser.postForm("/logout", Map.of()).statusCode()).isEqualTo(403);
		assertThat(browser
			.postForm("/oauth2/authorize", Map.of("client_id", THIRD_PARTY_APP, "state", "x", "scope", "profile"))
			.statusCode()).isEqualTo(403);
		assertThat(browser
			.submit("/account", "/oauth2/authorize",
					Map.of("client_id", THIRD_PARTY_APP, "state", "x", "scope", "profile"))
			.statusCode()).as("with the token the request reaches the endpoint").isEqualTo(400);
		assertThat(browser.get("/account").statusCode()).isEqualTo(200);
		assertThat(browser.refresh("demo-web", "demo-web-secret", field(tokens, "refresh_token")).statusCode())
			.isEqualTo(200);
		assertThat(auditCount("PASSWORD_CHANGED", username)).isZero();
	}

	@Test
	void signOutWhenCsrfPresentThenSignedOutAndAudited() {
		String username = registerUser("logout");
		AccountsTestBrowser browser = newBrowser();
		browser.signIn(username, PASSWORD);
		HttpResponse<String> response = browser.submit("/account", "/logout", Map.of());
		assertThat(AccountsTestBrowser.location(response)).endsWith("/login?logout");
		assertThat(browser.get("/account").statusCode()).isEqualTo(302);
		assertThat(auditCount("SIGNED_OUT", username)).isEqualTo(1);
	}

}
