package dev.baton.auth.accounts;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.Jwts;
import dev.baton.auth.testsupport.Pkce;
import dev.baton.auth.testsupport.TestClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/admin/users}: the user lifecycle for a {@code baton.admin} client, with
 * real browser sign-ins and token families checked in the responses and the database.
 */
class AdminUsersHttpTests extends AccountsHttpTestSupport {

	@Test
	void createWhenAdminTokenThenUserSignsInWithTheInitialPasswordAndCreationIsAudited() {
		String username = newUsername("created");

		HttpResult created = admin("POST", "/api/admin/users", "{\"username\":\"" + username + "\",\"email\":\""
				+ username + "@example.com\",\"password\":\"" + PASSWORD + "\"}");

		assertThat(created.status()).as("%s", created).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo("/api/admin/users/" + username);
		assertThat(created.json()).containsEntry("username", username)
			.containsEntry("enabled", true)
			.doesNotContainKey("passwordHash");
		assertThat(created.string("id")).isEqualTo(subjectOf(username)).isNotEqualTo(username);
		assertThat(AccountsTestBrowser.location(newBrowser().signIn(username, PASSWORD))).doesNotContain("/login");
		assertThat(this.jdbc.queryForObject(
				"SELECT client_id FROM audit_event WHERE type = 'USER_CREATED' " + "AND subject = ?", String.class,
				subjectOf(username)))
			.isEqualTo("demo-admin");
	}

	@Test
	void createWhenNoPasswordThenProblemDetailsAndNothingCreated() {
		String username = newUsername("nopassword");

		HttpResult refused = admin("POST", "/api/admin/users",
				"{\"username\":\"" + username + "\",\"email\":\"" + username + "@example.com\"}");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.header("Content-Type")).contains("application/problem+json");
		assertThat(refused.body()).contains("\"password\"").contains("set-password link");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM user_account WHERE username = ?", Integer.class,
				username))
			.isZero();
	}

	@Test
	void createWhenUsernameTakenThenConflict() {
		String username = registerUser("taken");

		HttpResult refused = admin("POST", "/api/admin/users", "{\"username\":\"" + username + "\",\"email\":\"other-"
				+ username + "@example.com\",\"password\":\"" + PASSWORD + "\"}");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.body()).contains("\"username\"");
	}

	@Test
	void searchWhenQueryThenPrefixMatchesPagedByUsername() {
		String prefix = newUsername("search");
		createUser(prefix + "-a");
		createUser(prefix + "-b");

		HttpResult firstPage = admin("GET", "/api/admin/users?query=" + prefix + "&size=1", null);
		HttpResult secondPage = admin("GET", "/api/admin/users?query=" + prefix + "&size=1&page=1", null);

		assertThat(firstPage.status()).isEqualTo(200);
		assertThat(((Number) firstPage.json().get("total")).intValue()).isEqualTo(2);
		assertThat(firstPage.body()).contains(prefix + "-a").doesNotContain(prefix + "-b").doesNotContain("password");
		assertThat(secondPage.body()).contains(prefix + "-b");
		assertThat(admin("GET", "/api/admin/users?size=1000", null).status()).isEqualTo(400);
		assertThat(admin("GET", "/api/admin/users?query=%25", null).json().get("total")).isEqualTo(0);
	}

	@Test
	void showWhenUserHasSessionsThenListsThemAndUnknownUserIsNotFound() {
		String username = registerUser("shown");
		String tokens = newBrowser().authorize("demo-web", "demo-web-secret", "openid offline_access", username,
				PASSWORD);

		HttpResult shown = admin("GET", "/api/admin/users/" + username, null);

		assertThat(shown.status()).isEqualTo(200);
		assertThat(shown.body()).contains(familyOf(field(tokens, "access_token"))).contains("Baton demo web app");
		HttpResult unknown = admin("GET", "/api/admin/users/no-such-user-" + newUsername("x"), null);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.header("Content-Type")).contains("application/problem+json");
	}

	@Test
	void disableWhenTwoBrowsersSignedInThenEveryFamilyAndBrowserSignInEndsAtOnce() {
		String username = registerUser("disabled");
		AccountsTestBrowser laptop = newBrowser();
		AccountsTestBrowser phone = newBrowser();
		String laptopTokens = laptop.authorize("demo-web", "demo-web-secret", "openid offline_access", username,
				PASSWORD);
		String phoneTokens = phone.authorize("demo-web", "demo-web-secret", "openid offline_access", username,
				PASSWORD);
		assertThat(laptop.get("/account").statusCode()).isEqualTo(200);

		HttpResult disabled = admin("PATCH", "/api/admin/users/" + username, "{\"enabled\":false}");

		assertThat(disabled.status()).as("%s", disabled).isEqualTo(200);
		assertThat(disabled.json()).containsEntry("enabled", false);
		for (String tokens : List.of(laptopTokens, phoneTokens)) {
			HttpResponse<String> refresh = laptop.refresh("demo-web", "demo-web-secret",
					field(tokens, "refresh_token"));
			assertThat(refresh.statusCode()).isEqualTo(400);
			assertThat(refresh.body()).contains("invalid_grant");
			assertThat(this.http.isActive(field(tokens, "access_token"))).isFalse();
		}
		for (AccountsTestBrowser browser : List.of(laptop, phone)) {
			assertThat(AccountsTestBrowser.location(browser.get("/account"))).endsWith("/login");
			assertThat(AccountsTestBrowser.location(browser.get(authorizeUrl()))).endsWith("/login");
		}
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM token_family WHERE subject = ? " + "AND revoked_reason = 'USER_DISABLED'",
				Integer.class, subjectOf(username)))
			.isEqualTo(2);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM http_session WHERE principal_name = ?", Integer.class,
				username))
			.isZero();
		assertThat(this.jdbc.queryForObject(
				"SELECT client_id FROM audit_event WHERE type = 'USER_DISABLED' " + "AND subject = ?", String.class,
				subjectOf(username)))
			.isEqualTo("demo-admin");
		AccountsTestBrowser again = newBrowser();
		HttpResponse<String> refused = again.signIn(username, PASSWORD);
		assertThat(AccountsTestBrowser.location(refused)).endsWith("/login?disabled");
		assertThat(again.get("/login?disabled").body()).contains("This account is disabled");
		assertThat(AccountsTestBrowser.location(newBrowser().signIn(username, "wrong password")))
			.endsWith("/login?error");
		assertThat(admin("PATCH", "/api/admin/users/" + username, "{\"enabled\":true}").json()).containsEntry("enabled",
				true);
		assertThat(AccountsTestBrowser.location(newBrowser().signIn(username, PASSWORD))).doesNotContain("/login");
	}

	@Test
	void refreshWhenUserDisabledDirectlyInTheDatabaseThenInvalidGrantAndInactiveUntilEnabledAgain() {
		String username = registerUser("dbdisabled");
		String tokens = newBrowser().authorize("demo-web", "demo-web-secret", "openid offline_access", username,
				PASSWORD);
		this.jdbc.update("UPDATE user_account SET enabled = FALSE WHERE username = ?", username);

		HttpResponse<String> refused = newBrowser().refresh("demo-web", "demo-web-secret",
				field(tokens, "refresh_token"));

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("invalid_grant");
		assertThat(this.http.isActive(field(tokens, "access_token"))).isFalse();
		assertThat(this.http.isActive(field(tokens, "refresh_token"))).isFalse();
		this.jdbc.update("UPDATE user_account SET enabled = TRUE WHERE username = ?", username);
		assertThat(newBrowser().refresh("demo-web", "demo-web-secret", field(tokens, "refresh_token")).statusCode())
			.isEqualTo(200);
	}

	@Test
	void refreshWhenUserRowDeletedAndUsernameRegisteredAgainThenOldTokensReachNothing() {
		String username = registerUser("reused");
		String tokens = newBrowser().authorize("demo-web", "demo-web-secret", "openid offline_access", username,
				PASSWORD);
		String oldSubject = subjectOf(username);
		this.jdbc.update("DELETE FROM user_account WHERE username = ?", username);
		registerUser(username, PASSWORD);

		HttpResponse<String> refused = newBrowser().refresh("demo-web", "demo-web-secret",
				field(tokens, "refresh_token"));

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("invalid_grant");
		assertThat(subjectOf(username)).isNotEqualTo(oldSubject);
		HttpResult userInfo = this.http.get("/userinfo", "Authorization", "Bearer " + field(tokens, "access_token"));
		assertThat(userInfo.status()).isEqualTo(401);
		assertThat(this.http.isActive(field(tokens, "access_token"))).isFalse();
	}

	@Test
	void rolesWhenAdminGrantedThenShownAndUnknownRoleRefused() {
		String username = registerUser("roles");

		HttpResult granted = admin("PATCH", "/api/admin/users/" + username, "{\"roles\":[\"admin\"]}");

		assertThat(granted.status()).isEqualTo(200);
		assertThat(granted.json().get("roles")).isEqualTo(List.of("admin"));
		assertThat(this.jdbc.queryForObject("SELECT role FROM user_role WHERE user_id = ?", String.class,
				subjectOf(username)))
			.isEqualTo("admin");
		HttpResult unknown = admin("PATCH", "/api/admin/users/" + username, "{\"roles\":[\"superuser\"]}");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.body()).contains("\"roles\"");
		assertThat(admin("PATCH", "/api/admin/users/" + username, "{}").status()).isEqualTo(400);
		assertThat(admin("PATCH", "/api/admin/users/" + username, "{\"enabled\":\"nope\"}").status()).isEqualTo(400);
	}

	@Test
	void unlockWhenAccountLockedByFailedSignInsThenOwnerSignsInAtOnce() {
		String username = registerUser("unlocked");
		// One browser from one IP: its failures lock that username from there (the
		// sign-in throttle counts per source).
		AccountsTestBrowser attacker = newBrowser();
		for (int i = 0; i < 6; i++) {
			attacker.signIn(username, "wrong password " + i);
		}
		assertThat(AccountsTestBrowser.location(attacker.signIn(username, PASSWORD))).endsWith("/login?locked");

		HttpResult unlocked = admin("POST", "/api/admin/users/" + username + "/unlock", null);

		assertThat(unlocked.status()).isEqualTo(204);
		assertThat(AccountsTestBrowser.location(attacker.signIn(username, PASSWORD))).doesNotContain("/login");
		assertThat(auditCount("USER_UNLOCKED", username)).isEqualTo(1);
		assertThat(admin("POST", "/api/admin/users/no-such-" + username + "/unlock", null).status()).isEqualTo(404);
	}

	@Test
	void deleteWhenUserThenSessionsEndPersonalDataGoneAndAuditKeepsOnlyTheId() {
		String username = registerUser("deleted");
		AccountsTestBrowser browser = newBrowser();
		String tokens = browser.authorize("demo-web", "demo-web-secret", "openid offline_access", username, PASSWORD);
		String subject = subjectOf(username);

		HttpResult deleted = admin("DELETE", "/api/admin/users/" + username, null);

		assertThat(deleted.status()).isEqualTo(204);
		assertThat(browser.refresh("demo-web", "demo-web-secret", field(tokens, "refresh_token")).statusCode())
			.isEqualTo(400);
		assertThat(AccountsTestBrowser.location(browser.get("/account"))).endsWith("/login");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM user_account WHERE id = ?", Integer.class, subject))
			.isZero();
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM token_family WHERE subject = ?", Integer.class, subject))
			.isZero();
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE subject = ?", Integer.class, username))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE subject = ? AND type <> "
				+ "'USER_DELETED' AND (ip IS NOT NULL OR user_agent IS NOT NULL)", Integer.class, subject))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE subject = ? "
				+ "AND type = 'USER_DELETED' AND client_id = 'demo-admin'", Integer.class, subject))
			.isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM http_session WHERE principal_name = ?", Integer.class,
				username))
			.isZero();
		assertThat(admin("DELETE", "/api/admin/users/" + username, null).status()).isEqualTo(404);
		registerUser(username, PASSWORD);
		assertThat(subjectOf(username)).isNotEqualTo(subject);
	}

	@Test
	void adminSignOutEverywhereWhenBrowserSignedInThenThatBrowserGetsNoCodeWithoutSigningInAgain() {
		String username = registerUser("lostdevice");
		AccountsTestBrowser browser = newBrowser();
		String tokens = browser.authorize("demo-web", "demo-web-secret", "openid offline_access", username, PASSWORD);
		assertThat(AccountsTestBrowser.location(browser.get(authorizeUrl()))).contains("code=");

		HttpResult ended = admin("DELETE", "/api/admin/users/" + username + "/sessions", null);

		assertThat(ended.status()).isEqualTo(200);
		assertThat(((Number) ended.json().get("revoked")).intValue()).isEqualTo(1);
		assertThat(((Number) ended.json().get("signedOutBrowsers")).intValue()).isEqualTo(1);
		assertThat(AccountsTestBrowser.location(browser.get(authorizeUrl()))).endsWith("/login");
		assertThat(browser.refresh("demo-web", "demo-web-secret", field(tokens, "refresh_token")).statusCode())
			.isEqualTo(400);
		assertThat(admin("DELETE", "/api/admin/users/no-such-" + username + "/sessions", null).status()).isEqualTo(404);
	}

	@Test
	void usersApiWhenTokenLacksAdminScopeOrIsMissingThenRefused() {
		String serviceToken = this.http.clientCredentials(TestClient.SERVICE, "notes.read").string("access_token");

		// A token for another audience (the notes API) is not a token for Baton at all
		// (issue 13 item 4): 401.
		assertThat(send("GET", "/api/admin/users", null, serviceToken).status()).isEqualTo(401);
		assertThat(send("POST", "/api/admin/users", "{}", null).status()).isEqualTo(401);
	}

	/**
	 * OpenID Connect Core §2: {@code sub} is never reassigned and never the username, so
	 * an account registered under a client's id does not share the {@code sub} of that
	 * client's client-credentials tokens (issue 13.3).
	 */
	@Test
	void subjectWhenUserRegisteredUnderAClientIdThenDiffersFromTheClientsOwnTokens() throws Exception {
		if (this.jdbc.queryForObject("SELECT COUNT(*) FROM user_account WHERE username = 'demo-service'",
				Integer.class) == 0) {
			registerUser("demo-service", PASSWORD);
		}
		String userTokens = newBrowser().authorize("demo-web", "demo-web-secret", "openid profile offline_access",
				"demo-service", PASSWORD);
		String serviceToken = this.http.clientCredentials(TestClient.SERVICE, "notes.read").string("access_token");

		JWTClaimsSet user = Jwts.parse(field(userTokens, "access_token")).getJWTClaimsSet();
		JWTClaimsSet idToken = Jwts.parse(field(userTokens, "id_token")).getJWTClaimsSet();
		JWTClaimsSet service = Jwts.parse(serviceToken).getJWTClaimsSet();

		assertThat(service.getSubject()).isEqualTo("demo-service");
		assertThat(user.getSubject()).isEqualTo(subjectOf("demo-service")).isNotEqualTo(service.getSubject());
		assertThat(idToken.getSubject()).isEqualTo(user.getSubject());
		assertThat(idToken.getStringClaim("preferred_username")).isEqualTo("demo-service");
		HttpResult userInfo = this.http.get("/userinfo", "Authorization",
				"Bearer " + field(userTokens, "access_token"));
		assertThat(userInfo.json()).containsEntry("sub", user.getSubject())
			.containsEntry("preferred_username", "demo-service");
		assertThat(this.jdbc.queryForObject("SELECT subject FROM token_family WHERE id = ?", String.class,
				user.getStringClaim("sid")))
			.isEqualTo(user.getSubject());
	}

	private static String authorizeUrl() {
		return "/oauth2/authorize?response_type=code&client_id=demo-web&redirect_uri="
				+ AccountsTestBrowser.url(AccountsTestBrowser.REDIRECT_URI) + "&scope=openid&state=s1&"
				+ Pkce.generate().requestParameters();
	}

	private void createUser(String username) {
		HttpResult created = admin("POST", "/api/admin/users", "{\"username\":\"" + username + "\",\"email\":\""
				+ username + "@example.com\",\"password\":\"" + PASSWORD + "\"}");
		assertThat(created.status()).as("%s", created).isEqualTo(201);
	}

	private HttpResult admin(String method, String path, String json) {
		return send(method, path, json,
				this.http.clientCredentials(TestClient.ADMIN, "baton.admin").string("access_token"));
	}

	private HttpResult send(String method, String path, String json, String bearerToken) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.http.baseUrl() + path))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (bearerToken != null) {
			request.header("Authorization", "Bearer " + bearerToken);
		}
		return this.http.send(request.build());
	}

}
