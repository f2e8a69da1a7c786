package dev.baton.auth.accounts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin console under {@code /admin} over HTTP, with real browser sign-ins on the
 * shared server (H2, and MariaDB in the {@code mariadb} run): who may open it, CSRF, and
 * what each console action does to the database and the audit log (the acting admin named
 * {@code user:<account id>}).
 */
class AdminConsoleHttpTests extends AccountsHttpTestSupport {

	static final String ADMIN = "admin";

	static final String ADMIN_PASSWORD = "admin-demo-password";

	private static final Pattern SECRET = Pattern.compile("id=\"client-secret\"[^>]*>([^<]+)<");

	@Test
	void consoleWhenAnonymousThenSentToSignInAndBackAfterwards() {
		AccountsTestBrowser browser = newBrowser();

		HttpResponse<String> response = browser.get("/admin/users");

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(AccountsTestBrowser.location(response)).endsWith("/login");
		HttpResponse<String> signedIn = browser.signIn(ADMIN, ADMIN_PASSWORD);
		assertThat(AccountsTestBrowser.location(signedIn)).contains("/admin/users");
		assertThat(browser.get("/admin/users").statusCode()).isEqualTo(200);
	}

	@Test
	void consoleWhenSignedInWithoutAdminRoleThenForbiddenWithAPage() {
		String username = registerUser("plain");
		AccountsTestBrowser browser = signedIn(username, PASSWORD);

		for (String page : new String[] { "/admin", "/admin/clients", "/admin/users", "/admin/audit", "/admin/keys" }) {
			HttpResponse<String> response = browser.get(page);
			assertThat(response.statusCode()).as(page).isEqualTo(403);
			assertThat(response.body()).as(page).contains("id=\"not-admin\"").contains("lang=\"en\"");
		}
		HttpResponse<String> post = browser.submit("/account", "/admin/users/" + username + "/roles",
				Map.of("role", "admin"));
		assertThat(post.statusCode()).isEqualTo(403);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM user_role WHERE user_id = ?", Integer.class,
				subjectOf(username)))
			.isZero();
	}

	@Test
	void consoleWhenAdminThenEveryPageAnswersWithStrictCspAndNoScript() {
		AccountsTestBrowser admin = admin();

		for (String page : new String[] { "/admin/clients", "/admin/clients/new", "/admin/clients/demo-web",
				"/admin/users", "/admin/users/alice", "/admin/audit", "/admin/keys" }) {
			HttpResponse<String> response = admin.get(page);
			assertThat(response.statusCode()).as(page).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Security-Policy").orElse("")).as(page)
				.contains("default-src 'none'")
				.doesNotContain("script-src");
			assertThat(response.body()).as(page).doesNotContain("<script").contains("<h1");
		}
		assertThat(AccountsTestBrowser.location(admin.get("/admin"))).endsWith("/admin/clients");
	}

	@Test
	void consoleWhenAdminRoleRemovedOrAccountDisabledInTheDatabaseThenClosedAtOnce() {
		String username = registerUser("console-admin");
		String id = subjectOf(username);
		this.jdbc.update("INSERT INTO user_role (user_id, role) VALUES (?, 'admin')", id);
		AccountsTestBrowser browser = signedIn(username, PASSWORD);
		assertThat(browser.get("/admin/users").statusCode()).isEqualTo(200);

		this.jdbc.update("DELETE FROM user_role WHERE user_id = ?", id);
		assertThat(browser.get("/admin/users").statusCode()).isEqualTo(403);

		this.jdbc.update("INSERT INTO user_role (user_id, role) VALUES (?, 'admin')", id);
		assertThat(browser.get("/admin/users").statusCode()).isEqualTo(200);
		this.jdbc.update("UPDATE user_account SET enabled = FALSE WHERE id = ?", id);
		assertThat(browser.get("/admin/users").statusCode()).isEqualTo(403);
	}

	@Test
	void formWhenNoCsrfTokenThenRefusedAndNothingChanged() {
		String username = registerUser("csrf");
		AccountsTestBrowser admin = admin();

		HttpResponse<String> response = admin.postForm("/admin/users/" + username + "/disable", Map.of());

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("id=\"csrf-refused\"");
		assertThat(this.jdbc.queryForObject("SELECT enabled FROM user_account WHERE username = ?", Boolean.class,
				username))
			.isTrue();
		assertThat(admin.postForm("/admin/clients", Map.of("client_id", "csrf-" + username)).statusCode())
			.isEqualTo(403);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM client WHERE client_id = ?", Integer.class,
				"csrf-" + username))
			.isZero();
	}

	@Test
	void createClientWhenInvalidThenEveryProblemShownNextToItsFieldAndNothingStored() {
		AccountsTestBrowser admin = admin();
		String clientId = "invalid-" + UUID.randomUUID();
		Map<String, String> form = new LinkedHashMap<>();
		form.put("client_id", clientId);
		form.put("redirect_uris", "http://app.example.com/callback");
		form.put("grant_types", "authorization_code");
		form.put("token_endpoint_auth_method", "none");
		form.put("scope", "openid");
		form.put("access_token_lifetime", "fifteen minutes");
		form.put("allowed_cors_origins", "https://spa.example/app");

		HttpResponse<String> response = admin.submit("/admin/clients/new", "/admin/clients", form);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("id=\"problems\"")
			.contains("id=\"error-redirect_uris\"")
			.contains("id=\"error-access_token_lifetime\"")
			.contains("id=\"error-pkce_required\"")
			.contains("id=\"error-allowed_cors_origins\"")
			.contains("http://app.example.com/callback");
		assertThat(clientCount(clientId)).isZero();
	}

	@Test
	void createConfidentialClientThenSecretShownOnceStoredHashedAndAudited() {
		AccountsTestBrowser admin = admin();
		String clientId = "console-service-" + UUID.randomUUID().toString().substring(0, 8);

		HttpResponse<String> created = admin.submit("/admin/clients/new", "/admin/clients",
				serviceClient(clientId, "notes.read"));

		assertThat(created.statusCode()).isEqualTo(200);
		String secret = secretOf(created.body());
		assertThat(clientCredentials(clientId, secret, "notes.read").statusCode()).isEqualTo(200);
		String hash = this.jdbc.queryForObject("SELECT client_secret_hash FROM client WHERE client_id = ?",
				String.class, clientId);
		assertThat(hash).startsWith("{sha256}").doesNotContain(secret);
		assertThat(admin.get("/admin/clients/" + clientId).body()).doesNotContain(secret);
		assertThat(this.jdbc.queryForObject(
				"SELECT subject FROM audit_event WHERE type = 'CLIENT_CREATED' " + "AND client_id = ?", String.class,
				clientId))
			.isEqualTo("user:" + subjectOf(ADMIN));
	}

	@Test
	void editClientThenStoredAndAudited() {
		AccountsTestBrowser admin = admin();
		String clientId = newServiceClient(admin);
		Map<String, String> form = serviceClient(clientId, "notes.read notes.write");
		form.put("client_name", "Renamed service");
		form.put("access_token_lifetime", "PT2M");
		form.put("allowed_cors_origins", "https://service.example\r\n  http://localhost:3000  \n");

		HttpResponse<String> saved = admin.submit("/admin/clients/" + clientId, "/admin/clients/" + clientId, form);

		assertThat(AccountsTestBrowser.location(saved)).endsWith("/admin/clients/" + clientId + "?updated");
		assertThat(
				this.jdbc.queryForObject("SELECT client_name FROM client WHERE client_id = ?", String.class, clientId))
			.isEqualTo("Renamed service");
		assertThat(this.jdbc.queryForObject("SELECT allowed_cors_origins FROM client WHERE client_id = ?", String.class,
				clientId))
			.isEqualTo("https://service.example http://localhost:3000");
		assertThat(admin.get("/admin/clients/" + clientId).body()).contains("value=\"PT2M\"")
			.contains("https://service.example\nhttp://localhost:3000</textarea>")
			.contains("value=\"notes.read notes.write\"");
		assertThat(this.jdbc.queryForObject(
				"SELECT detail FROM audit_event WHERE type = 'CLIENT_UPDATED' " + "AND client_id = ? AND subject = ?",
				String.class, clientId, "user:" + subjectOf(ADMIN)))
			.contains("scope");
	}

	@Test
	void rotateSecretWithOverlapThenBothWorkAndWithoutOverlapOnlyTheNewOne() {
		AccountsTestBrowser admin = admin();
		String clientId = "console-rotated-" + UUID.randomUUID().toString().substring(0, 8);
		String first = secretOf(
				admin.submit("/admin/clients/new", "/admin/clients", serviceClient(clientId, "notes.read")).body());

		HttpResponse<String> rotated = admin.submit("/admin/clients/" + clientId,
				"/admin/clients/" + clientId + "/secret", Map.of("overlap", "P1D"));

		String second = secretOf(rotated.body());
		assertThat(second).isNotEqualTo(first);
		assertThat(rotated.body()).contains("id=\"overlap-notice\"");
		assertThat(clientCredentials(clientId, first, "notes.read").statusCode()).isEqualTo(200);
		assertThat(clientCredentials(clientId, second, "notes.read").statusCode()).isEqualTo(200);

		String third = secretOf(admin
			.submit("/admin/clients/" + clientId, "/admin/clients/" + clientId + "/secret", Map.of("overlap", "PT0S"))
			.body());
		assertThat(clientCredentials(clientId, second, "notes.read").statusCode()).isEqualTo(401);
		assertThat(clientCredentials(clientId, third, "notes.read").statusCode()).isEqualTo(200);
		assertThat(admin.get("/admin/clients/" + clientId).body()).doesNotContain(third);
		assertThat(
				this.jdbc.queryForObject(
						"SELECT COUNT(*) FROM audit_event WHERE type = 'CLIENT_SECRET_ROTATED' "
								+ "AND client_id = ? AND subject = ?",
						Integer.class, clientId, "user:" + subjectOf(ADMIN)))
			.isEqualTo(2);
	}

	@Test
	void deleteClientAfterConfirmationThenGoneAndAudited() {
		AccountsTestBrowser admin = admin();
		String clientId = newServiceClient(admin);

		HttpResponse<String> confirmation = admin.get("/admin/clients/" + clientId + "/delete");
		assertThat(confirmation.body()).contains("id=\"confirm-delete\"");
		assertThat(clientCount(clientId)).isEqualTo(1);
		HttpResponse<String> deleted = admin.submit("/admin/clients/" + clientId + "/delete",
				"/admin/clients/" + clientId + "/delete", Map.of());

		assertThat(AccountsTestBrowser.location(deleted)).contains("/admin/clients?deleted=" + clientId);
		assertThat(clientCount(clientId)).isZero();
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_event WHERE type = 'CLIENT_DELETED' " + "AND client_id = ? AND subject = ?",
				Integer.class, clientId, "user:" + subjectOf(ADMIN)))
			.isEqualTo(1);
	}

	@Test
	void disableUserThenSessionsEndRefreshFailsAndEnableLetsThemSignInAgain() {
		String username = registerUser("disabled");
		AccountsTestBrowser device = newBrowser();
		String tokens = device.authorize(ACCOUNT_APP, APP_SECRET, "openid offline_access", username, PASSWORD);
		AccountsTestBrowser admin = admin();
		assertThat(admin.get("/admin/users/" + username).body())
			.contains("data-session-id=\"" + familyOf(field(tokens, "access_token")) + "\"");

		HttpResponse<String> disabled = admin.submit("/admin/users/" + username,
				"/admin/users/" + username + "/disable", Map.of());

		assertThat(AccountsTestBrowser.location(disabled)).endsWith("/admin/users/" + username + "?disabled");
		assertThat(this.jdbc.queryForObject("SELECT enabled FROM user_account WHERE username = ?", Boolean.class,
				username))
			.isFalse();
		HttpResponse<String> refused = device.refresh(ACCOUNT_APP, APP_SECRET, field(tokens, "refresh_token"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("invalid_grant");
		assertThat(AccountsTestBrowser.location(device.get("/account"))).endsWith("/login");
		assertThat(this.jdbc.queryForObject(
				"SELECT client_id FROM audit_event WHERE type = 'USER_DISABLED' " + "AND subject = ?", String.class,
				subjectOf(username)))
			.isEqualTo("user:" + subjectOf(ADMIN));

		admin.submit("/admin/users/" + username, "/admin/users/" + username + "/enable", Map.of());
		assertThat(AccountsTestBrowser.location(newBrowser().signIn(username, PASSWORD))).doesNotContain("/login");
	}

	@Test
	void unlockUserThenOwnerSignsInAtOnce() {
		String username = registerUser("locked");
		// One browser from one IP: its failures lock that username from there (the
		// throttle counts per source).
		AccountsTestBrowser attacker = newBrowser();
		for (int i = 0; i < 6; i++) {
			attacker.signIn(username, "wrong password " + i);
		}
		assertThat(AccountsTestBrowser.location(attacker.signIn(username, PASSWORD))).endsWith("/login?locked");
		AccountsTestBrowser admin = admin();

		admin.submit("/admin/users/" + username, "/admin/users/" + username + "/unlock", Map.of());

		assertThat(AccountsTestBrowser.location(attacker.signIn(username, PASSWORD))).doesNotContain("/login");
		assertThat(auditCount("USER_UNLOCKED", username)).isEqualTo(1);
	}

	@Test
	void signOutEverywhereThenFamiliesAndBrowserSignInsEnd() {
		String username = registerUser("everywhere");
		AccountsTestBrowser device = newBrowser();
		String tokens = device.authorize(ACCOUNT_APP, APP_SECRET, "openid offline_access", username, PASSWORD);
		AccountsTestBrowser otherBrowser = signedIn(username, PASSWORD);
		assertThat(otherBrowser.get("/account").statusCode()).isEqualTo(200);
		AccountsTestBrowser admin = admin();

		HttpResponse<String> ended = admin.submit("/admin/users/" + username,
				"/admin/users/" + username + "/sign-out-everywhere", Map.of());

		assertThat(AccountsTestBrowser.location(ended)).contains("?signedOut=1&signIns=2");
		assertThat(device.refresh(ACCOUNT_APP, APP_SECRET, field(tokens, "refresh_token")).body())
			.contains("invalid_grant");
		assertThat(AccountsTestBrowser.location(otherBrowser.get("/account"))).endsWith("/login");
		assertThat(AccountsTestBrowser.location(device.get("/account"))).endsWith("/login");
		assertThat(this.jdbc.queryForObject("SELECT enabled FROM user_account WHERE username = ?", Boolean.class,
				username))
			.isTrue();
		assertThat(this.jdbc.queryForObject(
				"SELECT client_id FROM audit_event WHERE type = " + "'USER_SIGNED_OUT_EVERYWHERE' AND subject = ?",
				String.class, subjectOf(username)))
			.isEqualTo("user:" + subjectOf(ADMIN));
	}

	@Test
	void setRolesThenAdminOpensTheConsoleAndLosesItWhenTakenAway() {
		String username = registerUser("promoted");
		AccountsTestBrowser admin = admin();

		admin.submit("/admin/users/" + username, "/admin/users/" + username + "/roles", Map.of("role", "admin"));

		assertThat(this.jdbc.queryForObject("SELECT role FROM user_role WHERE user_id = ?", String.class,
				subjectOf(username)))
			.isEqualTo("admin");
		AccountsTestBrowser promoted = signedIn(username, PASSWORD);
		assertThat(promoted.get("/admin/clients").statusCode()).isEqualTo(200);

		admin.submit("/admin/users/" + username, "/admin/users/" + username + "/roles", Map.of());
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM user_role WHERE user_id = ?", Integer.class,
				subjectOf(username)))
			.isZero();
		// a removed role ends the user's browser sign-ins (UserAdministration.setRoles):
		// back to the sign-in page
		assertThat(AccountsTestBrowser.location(promoted.get("/admin/clients"))).endsWith("/login");
		assertThat(auditCount("USER_ROLES_CHANGED", username)).isEqualTo(2);
		HttpResponse<String> unknown = admin.submit("/admin/users/" + username, "/admin/users/" + username + "/roles",
				Map.of("role", "root"));
		assertThat(AccountsTestBrowser.location(unknown)).endsWith("?unknownRole");
	}

	@Test
	void deleteUserAfterConfirmationThenAccountGoneAndAuditKeepsTheId() {
		String username = registerUser("deleted");
		String id = subjectOf(username);
		AccountsTestBrowser admin = admin();

		assertThat(admin.get("/admin/users/" + username + "/delete").body()).contains("id=\"confirm-delete\"");
		HttpResponse<String> deleted = admin.submit("/admin/users/" + username + "/delete",
				"/admin/users/" + username + "/delete", Map.of());

		assertThat(AccountsTestBrowser.location(deleted)).contains("/admin/users?deleted=" + username);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM user_account WHERE id = ?", Integer.class, id))
			.isZero();
		assertThat(this.jdbc.queryForObject(
				"SELECT client_id FROM audit_event WHERE type = 'USER_DELETED' " + "AND subject = ?", String.class, id))
			.isEqualTo("user:" + subjectOf(ADMIN));
		assertThat(AccountsTestBrowser.location(admin.get("/admin/users/" + username))).endsWith("?notFound");
	}

	@Test
	void searchUsersThenPrefixMatchesPaged() {
		String prefix = "search-" + UUID.randomUUID().toString().substring(0, 6);
		for (int i = 0; i < 22; i++) {
			registerUser(prefix + "-" + (char) ('a' + i), PASSWORD);
		}
		AccountsTestBrowser admin = admin();

		String first = admin.get("/admin/users?query=" + prefix).body();
		String second = admin.get("/admin/users?query=" + prefix + "&page=1").body();

		assertThat(count(first, "class=\"user\"")).isEqualTo(20);
		assertThat(first).contains(prefix + "-a").doesNotContain(prefix + "-v\"").contains("rel=\"next\"");
		assertThat(count(second, "class=\"user\"")).isEqualTo(2);
		assertThat(second).contains(prefix + "-u").contains(prefix + "-v").contains("rel=\"prev\"");
	}

	@Test
	void auditLogWhenFilteredThenMatchingEventsOnly() {
		String username = registerUser("audited");
		AccountsTestBrowser admin = admin();
		admin.submit("/admin/users/" + username, "/admin/users/" + username + "/unlock", Map.of());
		String actor = "user:" + subjectOf(ADMIN);

		String byUser = admin.get("/admin/audit?subject=" + username).body();
		String byTypeAndClient = admin
			.get("/admin/audit?type=USER_UNLOCKED&client=" + actor + "&subject=" + subjectOf(username))
			.body();
		String future = admin.get("/admin/audit?subject=" + username + "&from=2999-01-01T00:00").body();
		HttpResponse<String> invalid = admin.get("/admin/audit?from=yesterday");

		assertThat(byUser).contains("data-type=\"USER_REGISTERED\"").contains("data-type=\"USER_UNLOCKED\"");
		assertThat(count(byTypeAndClient, "class=\"event\"")).isEqualTo(1);
		assertThat(future).contains("id=\"no-events\"");
		assertThat(invalid.statusCode()).isEqualTo(200);
		assertThat(invalid.body()).contains("id=\"error-from\"");
	}

	@Test
	void rotateSigningKeyThenNewKeyListedAndASecondRotationIsPending() {
		AccountsTestBrowser admin = admin();
		int before = count(admin.get("/admin/keys").body(), "class=\"key\"");

		HttpResponse<String> first = admin.submit("/admin/keys", "/admin/keys/rotate", Map.of());
		HttpResponse<String> second = admin.submit("/admin/keys", "/admin/keys/rotate", Map.of());

		assertThat(AccountsTestBrowser.location(first)).matches(".*/admin/keys\\?(rotated|pending)=.*");
		assertThat(AccountsTestBrowser.location(second)).contains("/admin/keys?pending=");
		String page = admin.get(AccountsTestBrowser.location(second)).body();
		assertThat(page).contains("id=\"pending\"").contains("One rotation at a time");
		assertThat(count(page, "class=\"key\"")).isBetween(before, before + 1);
		if (AccountsTestBrowser.location(first).contains("rotated=")) {
			assertThat(this.jdbc.queryForObject(
					"SELECT COUNT(*) FROM audit_event WHERE type = 'SIGNING_KEY_ROTATED' " + "AND subject = ?",
					Integer.class, "user:" + subjectOf(ADMIN)))
				.isGreaterThanOrEqualTo(1);
		}
	}

	private AccountsTestBrowser admin() {
		return signedIn(ADMIN, ADMIN_PASSWORD);
	}

	private AccountsTestBrowser signedIn(String username, String password) {
		AccountsTestBrowser browser = newBrowser();
		assertThat(AccountsTestBrowser.location(browser.signIn(username, password))).doesNotContain("/login");
		return browser;
	}

	private String newServiceClient(AccountsTestBrowser admin) {
		String clientId = "console-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> created = admin.submit("/admin/clients/new", "/admin/clients",
				serviceClient(clientId, "notes.read"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		return clientId;
	}

	private static Map<String, String> serviceClient(String clientId, String scope) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("client_id", clientId);
		form.put("client_name", "Console service " + clientId);
		form.put("grant_types", "client_credentials");
		form.put("token_endpoint_auth_method", "client_secret_basic");
		form.put("scope", scope);
		form.put("audiences", "http://localhost:8080");
		return form;
	}

	private static String secretOf(String page) {
		Matcher matcher = SECRET.matcher(page);
		assertThat(matcher.find()).as(page).isTrue();
		return matcher.group(1).trim();
	}

	private HttpResponse<String> clientCredentials(String clientId, String secret, String scope) {
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/oauth2/token"))
					.header("Authorization", "Basic " + basic)
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers
						.ofString("grant_type=client_credentials&scope=" + AccountsTestBrowser.url(scope)))
					.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private int clientCount(String clientId) {
		Integer count = this.jdbc.queryForObject("SELECT COUNT(*) FROM client WHERE client_id = ?", Integer.class,
				clientId);
		return (count != null) ? count : 0;
	}

	private static int count(String text, String needle) {
		int count = 0;
		for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
			count++;
		}
		return count;
	}

}
