package dev.baton.auth.session;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.baton.auth.testsupport.BatonHttpClient;
import dev.baton.auth.testsupport.BatonServerTests;
import dev.baton.auth.testsupport.Form;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.Jwts;
import dev.baton.auth.testsupport.Pkce;
import dev.baton.auth.testsupport.TestClient;
import dev.baton.auth.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RP-initiated logout over HTTP (OpenID Connect RP-Initiated Logout 1.0, DESIGN
 * "Sessions"): one {@code sid} per session in ID and access tokens; a logout ends the
 * asking browser's sign-in and the sessions started in it, never another device's; a
 * request that does not prove itself only gets the confirmation page.
 */
class EndSessionHttpTests extends BatonServerTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final String POST_LOGOUT = "http://127.0.0.1:8765/";

	@Test
	void signInWhenTokensIssuedThenIdTokenAndAccessTokenCarryTheFamilyAsSid() throws Exception {
		Tokens tokens = this.http.signIn(TestClient.WEB);
		String familyId = this.database.familyOf(tokens.refreshToken());

		assertThat(Jwts.parse(tokens.idToken()).getJWTClaimsSet().getStringClaim("sid")).isEqualTo(familyId);
		assertThat(Jwts.parse(tokens.accessToken()).getJWTClaimsSet().getStringClaim("sid")).isEqualTo(familyId);
	}

	@Test
	void logoutWhenTwoBrowsersSignedInToOneAppThenOnlyTheAskingBrowsersSessionEnds() {
		Tokens here = this.http.signIn(TestClient.WEB);
		BatonHttpClient otherBrowser = new BatonHttpClient(this.http.baseUrl());
		Tokens there = otherBrowser.signIn(TestClient.WEB);

		HttpResult response = this.http
			.get(logout(here.idToken(), "&post_logout_redirect_uri=" + Form.encodeValue(POST_LOGOUT) + "&state=bye"));

		assertThat(response.status()).as("%s", response).isEqualTo(302);
		assertThat(response.location().toString()).isEqualTo(POST_LOGOUT + "?state=bye");
		assertThat(this.database.revokedReason(this.database.familyOf(here.refreshToken()))).isEqualTo("LOGGED_OUT");
		assertThat(this.http.refresh(TestClient.WEB, here.refreshToken()).status()).isEqualTo(400);
		assertThat(otherBrowser.refresh(TestClient.WEB, there.refreshToken()).status()).isEqualTo(200);
		assertThat(signInPageFor(this.http)).as("this browser's sign-in ended").isTrue();
		assertThat(signInPageFor(otherBrowser)).as("the other browser stays signed in").isFalse();
	}

	@Test
	void logoutWhenBrowserSignedInToTwoAppsThenBothSessionsStartedHereEnd() {
		Tokens web = this.http.signIn(TestClient.WEB);
		Tokens mobile = this.http.signIn(TestClient.MOBILE);

		HttpResult response = this.http.get(logout(web.idToken(), ""));

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.location().toString()).endsWith("/login?logout");
		assertThat(this.database.isRevoked(this.database.familyOf(web.refreshToken()))).isTrue();
		assertThat(this.database.isRevoked(this.database.familyOf(mobile.refreshToken()))).isTrue();
	}

	@Test
	void logoutWhenCookieLessReplayOfHintThenConfirmationPageAndNothingRevoked() {
		Tokens tokens = this.http.signIn(TestClient.WEB);
		BatonHttpClient cookieLess = new BatonHttpClient(this.http.baseUrl());

		HttpResult response = cookieLess
			.get(logout(tokens.idToken(), "&post_logout_redirect_uri=" + Form.encodeValue(POST_LOGOUT)));
		HttpResult page = cookieLess.get(response.location().toString());

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.location().getPath()).isEqualTo("/connect/logout/confirm");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"confirm-sign-out\"").contains("Baton demo web app");
		assertThat(this.database.isRevoked(this.database.familyOf(tokens.refreshToken()))).isFalse();
		assertThat(this.http.refresh(TestClient.WEB, tokens.refreshToken()).status()).isEqualTo(200);
		assertThat(signInPageFor(this.http)).isFalse();
	}

	@Test
	void logoutWhenHintExpiredThenConfirmationPageUntilTheUserConfirms() {
		Tokens tokens = this.http.signIn(TestClient.WEB);
		String familyId = this.database.familyOf(tokens.refreshToken());
		this.clock.advance(Duration.ofMinutes(31));

		HttpResult response = this.http
			.get(logout(tokens.idToken(), "&post_logout_redirect_uri=" + Form.encodeValue(POST_LOGOUT) + "&state=s"));

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.location().getPath()).isEqualTo("/connect/logout/confirm");
		assertThat(this.database.isRevoked(familyId)).isFalse();

		HttpResult confirmed = confirm(this.http, response.location().toString());

		assertThat(confirmed.status()).isEqualTo(302);
		assertThat(confirmed.location().toString()).isEqualTo(POST_LOGOUT + "?state=s");
		assertThat(this.database.revokedReason(familyId)).isEqualTo("LOGGED_OUT");
		assertThat(signInPageFor(this.http)).isTrue();
	}

	@Test
	void logoutWhenHintOfAnotherUserThenConfirmationEndsOnlyTheSignedInUsersSessions() {
		String bob = "bob-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResult registered = this.http.json("POST", "/api/account/registrations", null, "{\"username\": \"" + bob
				+ "\", \"email\": \"" + bob + "@example.com\", " + "\"password\": \"a long password for bob\"}");
		assertThat(registered.status()).as("%s", registered).isEqualTo(201);
		Tokens bobs = new BatonHttpClient(this.http.baseUrl(), bob, "a long password for bob").signIn(TestClient.WEB);
		Tokens alices = this.http.signIn(TestClient.WEB);

		HttpResult response = this.http.get(logout(bobs.idToken(), ""));

		assertThat(response.location().getPath()).isEqualTo("/connect/logout/confirm");
		HttpResult confirmed = confirm(this.http, response.location().toString());
		assertThat(confirmed.location().toString()).endsWith("/login?logout");
		assertThat(this.database.isRevoked(this.database.familyOf(alices.refreshToken()))).isTrue();
		assertThat(this.database.isRevoked(this.database.familyOf(bobs.refreshToken()))).isFalse();
	}

	@Test
	void logoutWhenNoHintThenConfirmationPageSignsTheBrowserOut() {
		Tokens tokens = this.http.signIn(TestClient.MOBILE);

		HttpResult response = this.http.get("/connect/logout");

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.location().getPath()).isEqualTo("/connect/logout/confirm");
		HttpResult confirmed = confirm(this.http, response.location().toString());
		assertThat(confirmed.status()).isEqualTo(302);
		assertThat(confirmed.location().toString()).endsWith("/login?logout");
		assertThat(this.database.isRevoked(this.database.familyOf(tokens.refreshToken()))).isTrue();
	}

	@Test
	void confirmWhenPostedWithoutCsrfTokenThenForbiddenAndNothingEnds() {
		Tokens tokens = this.http.signIn(TestClient.WEB);

		HttpResult response = this.http.post("/connect/logout/confirm",
				Form.of("id_token_hint", tokens.idToken(), "client_id", "demo-web"));

		assertThat(response.status()).isEqualTo(403);
		assertThat(this.database.isRevoked(this.database.familyOf(tokens.refreshToken()))).isFalse();
		assertThat(signInPageFor(this.http)).isFalse();
	}

	@Test
	void logoutWhenHintDoesNotVerifyThenTreatedAsNoHint() {
		Tokens tokens = this.http.signIn(TestClient.WEB);
		String[] parts = tokens.idToken().split("\\.");
		String forged = parts[0] + "." + parts[1] + "." + "A".repeat(parts[2].length());

		HttpResult response = this.http.get(logout(forged, ""));

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.location().getPath()).isEqualTo("/connect/logout/confirm");
		assertThat(this.database.isRevoked(this.database.familyOf(tokens.refreshToken()))).isFalse();
	}

	@Test
	void logoutWhenRequestInvalidThenHtmlErrorPageWithoutRedirect() {
		Tokens tokens = this.http.signIn(TestClient.WEB);
		Map<String, String> invalid = Map.of("client of another app",
				logout(tokens.idToken(), "&client_id=demo-mobile"), "unregistered post-logout URI",
				logout(tokens.idToken(), "&post_logout_redirect_uri=" + Form.encodeValue("https://evil.example/")),
				"post-logout URI without a client",
				"/connect/logout?post_logout_redirect_uri=" + Form.encodeValue(POST_LOGOUT), "unknown client",
				"/connect/logout?client_id=no-such-client", "repeated parameter",
				logout(tokens.idToken(), "&state=a&state=b"));

		invalid.forEach((name, request) -> {
			HttpResult response = this.http.get(request, "Accept", "text/html");
			assertThat(response.status()).as(name).isEqualTo(400);
			assertThat(response.header("Content-Type")).as(name).startsWith("text/html");
			assertThat(response.body()).as(name).contains("id=\"invalid-logout-request\"");
			assertThat(response.header("Location")).as(name).isNull();
		});
		assertThat(this.database.isRevoked(this.database.familyOf(tokens.refreshToken()))).isFalse();
		assertThat(signInPageFor(this.http)).isFalse();
	}

	@Test
	void confirmationPageWhenParametersTamperedThenErrorPage() {
		HttpResult response = this.http.get("/connect/logout/confirm?client_id=demo-web&post_logout_redirect_uri="
				+ Form.encodeValue("https://evil.example/"), "Accept", "text/html");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("id=\"invalid-logout-request\"");
	}

	private static String logout(String idTokenHint, String more) {
		return "/connect/logout?id_token_hint=" + idTokenHint + more;
	}

	/** Posts the confirmation page's form, as the person's click does. */
	private static HttpResult confirm(BatonHttpClient browser, String page) {
		HttpResult shown = browser.get(page);
		assertThat(shown.status()).as("%s", shown).isEqualTo(200);
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([a-z_]+)\"[^>]*value=\"([^\"]*)\"")
			.matcher(shown.body());
		while (hidden.find()) {
			fields.put(hidden.group(1), org.springframework.web.util.HtmlUtils.htmlUnescape(hidden.group(2)));
		}
		Matcher csrf = CSRF.matcher(shown.body());
		assertThat(csrf.find()).isTrue();
		fields.put("_csrf", csrf.group(1));
		Form form = Form.of();
		fields.forEach(form::add);
		return browser.post("/connect/logout/confirm", form);
	}

	/** Whether the browser's next authorization request is sent to the sign-in page. */
	private static boolean signInPageFor(BatonHttpClient browser) {
		HttpResult response = browser.get("/oauth2/authorize?response_type=code&client_id=demo-web&scope=openid" + "&"
				+ Pkce.RFC_7636_EXAMPLE.requestParameters() + "&redirect_uri="
				+ Form.encodeValue(BatonHttpClient.REDIRECT_URI));
		assertThat(response.status()).isEqualTo(302);
		return response.location().getPath().equals("/login");
	}

}
