package dev.baton.auth.accounts;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sessions page and {@code /api/account/sessions}, by browser session with CSRF and
 * by bearer token.
 */
class SessionsHttpTests extends AccountsHttpTestSupport {

	@Test
	void sessionsPageWhenSignedInTwiceThenListsBothAndMarksThisBrowser() {
		String username = registerUser("devices");
		AccountsTestBrowser first = newBrowser();
		String firstFamily = familyOf(
				field(first.authorize("demo-web", "demo-web-secret", "openid offline_access", username, PASSWORD),
						"access_token"));
		AccountsTestBrowser second = newBrowser();
		String secondFamily = familyOf(
				field(second.authorize("demo-web", "demo-web-secret", "openid offline_access", username, PASSWORD),
						"access_token"));
		String page = first.get("/account/sessions").body();
		assertThat(page).contains("data-session-id=\"" + firstFamily + "\"")
			.contains("data-session-id=\"" + secondFamily + "\"")
			.contains("Baton demo web app")
			// the device is the browser that signed in, not the app's HTTP client that
			// redeemed the code
			.doesNotContain("Java HTTP client");
		String firstRow = page.substring(page.indexOf("data-session-id=\"" + firstFamily + "\""));
		firstRow = firstRow.substring(0, firstRow.indexOf("</tr>"));
		assertThat(firstRow).contains("this browser").contains("Chrome on Linux");
		String secondRow = page.substring(page.indexOf("data-session-id=\"" + secondFamily + "\""));
		secondRow = secondRow.substring(0, secondRow.indexOf("</tr>"));
		assertThat(secondRow).doesNotContain("this browser");
	}

	@Test
	void signOutFromPageThenThatRefreshTokenFailsAndTheOtherStillRefreshes() {
		String username = registerUser("signout");
		AccountsTestBrowser first = newBrowser();
		String firstTokens = first.authorize("demo-web", "demo-web-secret", "openid offline_access", username,
				PASSWORD);
		AccountsTestBrowser second = newBrowser();
		String secondTokens = second.authorize("demo-web", "demo-web-secret", "openid offline_access", username,
				PASSWORD);
		String firstFamily = familyOf(field(firstTokens, "access_token"));
		HttpResponse<String> signedOut = first.submit("/account/sessions",
				"/account/sessions/" + firstFamily + "/sign-out", Map.of());
		assertThat(AccountsTestBrowser.location(signedOut)).endsWith("/account/sessions?signedOut");
		HttpResponse<String> refused = first.refresh("demo-web", "demo-web-secret",
				field(firstTokens, "refresh_token"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("invalid_grant");
		HttpResponse<String> refreshed = second.refresh("demo-web", "demo-web-secret",
				field(secondTokens, "refresh_token"));
		assertThat(refreshed.statusCode()).isEqualTo(200);
		assertThat(this.jdbc.queryForObject("SELECT revoked_reason FROM token_family WHERE id = ?", String.class,
				firstFamily))
			.isEqualTo("SIGNED_OUT");
		assertThat(first.get("/account/sessions").body()).doesNotContain(firstFamily);
	}

	@Test
	void sessionsApiWhenBearerHasAccountScopeThenListsAndSignsOut() {
		String username = registerUser("api");
		AccountsTestBrowser app = newBrowser();
		String appTokens = app.authorize(ACCOUNT_APP, APP_SECRET, "openid baton.account offline_access", username,
				PASSWORD);
		AccountsTestBrowser other = newBrowser();
		String otherTokens = other.authorize("demo-web", "demo-web-secret", "openid offline_access", username,
				PASSWORD);
		String otherFamily = familyOf(field(otherTokens, "access_token"));
		Map<String, String> bearer = Map.of("Authorization", "Bearer " + field(appTokens, "access_token"));
		HttpResponse<String> list = app.json("GET", "/api/account/sessions", null, bearer);
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains(otherFamily).contains("\"current\":true").contains("\"clientName\"");
		assertThat(app.json("DELETE", "/api/account/sessions/" + otherFamily, null, bearer).statusCode())
			.isEqualTo(204);
		assertThat(other.refresh("demo-web", "demo-web-secret", field(otherTokens, "refresh_token")).statusCode())
			.isEqualTo(400);
		HttpResponse<String> again = app.json("DELETE", "/api/account/sessions/" + otherFamily, null, bearer);
		assertThat(again.statusCode()).isEqualTo(404);
		assertThat(again.body()).contains("\"status\":404");
	}

	@Test
	void sessionsApiWhenBearerLacksAccountScopeThenForbidden() {
		String username = registerUser("noscope");
		AccountsTestBrowser app = newBrowser();
		String tokens = app.authorize(ACCOUNT_APP, APP_SECRET, "openid offline_access", username, PASSWORD);
		HttpResponse<String> response = app.json("GET", "/api/account/sessions", null,
				Map.of("Authorization", "Bearer " + field(tokens, "access_token")));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(response.body()).contains("\"status\":403").contains("\"title\":\"Forbidden\"");
		assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).contains("insufficient_scope");
		assertThat(newBrowser().json("GET", "/api/account/sessions", null, Map.of()).statusCode()).isEqualTo(401);
	}

	/**
	 * RFC 9068 §4: a baton.account token for another API (aud: the demo API only) is not
	 * for Baton's API.
	 */
	@Test
	void sessionsApiWhenAccountTokenForAnotherAudienceThenInvalidToken() {
		String username = registerUser("audience");
		AccountsTestBrowser app = newBrowser();
		String forApi = app.authorize(ACCOUNT_APP, APP_SECRET, "openid baton.account", username, PASSWORD, "resource",
				"http://localhost:8080");
		String forBaton = app.authorize(ACCOUNT_APP, APP_SECRET, "openid baton.account", username, PASSWORD, "resource",
				ISSUER);

		HttpResponse<String> refused = app.json("GET", "/api/account/sessions", null,
				Map.of("Authorization", "Bearer " + field(forApi, "access_token")));
		HttpResponse<String> accepted = app.json("GET", "/api/account/sessions", null,
				Map.of("Authorization", "Bearer " + field(forBaton, "access_token")));

		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
		assertThat(accepted.statusCode()).isEqualTo(200);
	}

	@Test
	void sessionsApiWhenOtherUsersSessionThenNotFoundAndUntouched() {
		String victim = registerUser("victim");
		AccountsTestBrowser victimBrowser = newBrowser();
		String victimFamily = familyOf(
				field(victimBrowser.authorize("demo-web", "demo-web-secret", "openid offline_access", victim, PASSWORD),
						"access_token"));
		String attacker = registerUser("attacker");
		AccountsTestBrowser app = newBrowser();
		String tokens = app.authorize(ACCOUNT_APP, APP_SECRET, "openid baton.account", attacker, PASSWORD);
		HttpResponse<String> response = app.json("DELETE", "/api/account/sessions/" + victimFamily, null,
				Map.of("Authorization", "Bearer " + field(tokens, "access_token")));
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(this.jdbc.queryForObject("SELECT revoked_at FROM token_family WHERE id = ?", Object.class,
				victimFamily))
			.isNull();
	}

	@Test
	void sessionsApiWhenBrowserSessionThenNeedsCsrfHeader() {
		String username = registerUser("browserapi");
		AccountsTestBrowser browser = newBrowser();
		browser.authorize("demo-web", "demo-web-secret", "openid offline_access", username, PASSWORD);
		HttpResponse<String> list = browser.json("GET", "/api/account/sessions", null, Map.of());
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("\"thisBrowser\":true");
		assertThat(browser.json("DELETE", "/api/account/sessions", null, Map.of()).statusCode()).isEqualTo(403);
		String csrf = browser.csrf("/account/sessions");
		HttpResponse<String> everywhere = browser.json("DELETE", "/api/account/sessions", null,
				Map.of("X-CSRF-TOKEN", csrf));
		assertThat(everywhere.statusCode()).isEqualTo(200);
		assertThat(everywhere.body()).contains("\"signedOut\":1");
		assertThat(browser.get("/account/sessions").body()).contains("id=\"no-sessions\"");
	}

}
