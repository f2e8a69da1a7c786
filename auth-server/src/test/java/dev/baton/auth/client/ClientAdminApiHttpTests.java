package dev.baton.auth.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.baton.auth.testsupport.BatonServerTests;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.Jwts;
import dev.baton.auth.testsupport.TestClient;
import dev.baton.auth.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/admin/clients} over HTTP on the shared server (H2, and MariaDB in the
 * {@code mariadb} run): every endpoint, secret rotation with and without overlap,
 * deletion revoking families, and a client registered here going through the
 * authorization-code flow with PKCE, a refresh and a revocation. Validation rules are in
 * {@link ClientAdminApiValidationHttpTests}.
 */
class ClientAdminApiHttpTests extends BatonServerTests {

	static final String CLIENTS = "/api/admin/clients";

	private String admin;

	@BeforeEach
	void adminToken() {
		this.admin = this.http.accessToken(TestClient.ADMIN, "baton.admin");
	}

	@Test
	void createWhenConfidentialWebAppThen201WithSecretShownOnceAndStoredHashed() {
		String clientId = newClientId("web");

		HttpResult created = post(webApp(clientId));

		assertThat(created.status()).as("%s", created).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo(CLIENTS + "/" + clientId);
		assertThat(created.header("Cache-Control")).contains("no-store");
		String secret = created.string("client_secret");
		assertThat(secret).hasSize(43);
		assertThat(created.json()).containsEntry("client_id", clientId)
			.containsEntry("token_endpoint_auth_method", "client_secret_basic")
			.containsEntry("grant_types", List.of("authorization_code", "refresh_token"))
			.containsEntry("redirect_uris", List.of("http://127.0.0.1:8765/callback"))
			.containsEntry("scope", "openid offline_access notes.read")
			.containsEntry("pkce_required", true)
			.containsEntry("client_secret_expires_at", 0)
			.containsEntry("refresh_token_grace_window", "PT0S");
		assertThat(this.jdbc.queryForObject("SELECT client_secret_hash FROM client WHERE client_id = ?", String.class,
				clientId))
			.isEqualTo(new ClientSecretEncoder().encode(secret));
		HttpResult read = get(CLIENTS + "/" + clientId);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.body()).doesNotContain(secret).doesNotContain("sha256");
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_event WHERE type = 'CLIENT_CREATED' AND client_id = ? AND subject = ?",
				Integer.class, clientId, "demo-admin"))
			.isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE detail LIKE ?", Integer.class,
				"%" + secret + "%"))
			.isZero();
	}

	@Test
	void createWhenNoClientIdThenOneIsGenerated() {
		HttpResult created = post("""
				{"client_name": "Orders service", "grant_types": ["client_credentials"], "scope": "notes.read"}""");

		assertThat(created.status()).as("%s", created).isEqualTo(201);
		String clientId = created.string("client_id");
		assertThat(clientId).matches("[0-9a-f-]{36}");
		assertThat(this.http.clientCredentials(new TestClient(clientId, created.string("client_secret")), "notes.read")
			.status()).isEqualTo(200);
	}

	@Test
	void createWhenPublicClientThenNoSecretAndPkceRequired() {
		String clientId = newClientId("mobile");

		HttpResult created = post(mobileApp(clientId));

		assertThat(created.status()).as("%s", created).isEqualTo(201);
		assertThat(created.json()).doesNotContainKey("client_secret")
			.doesNotContainKey("client_secret_expires_at")
			.containsEntry("token_endpoint_auth_method", "none")
			.containsEntry("pkce_required", true);
		assertThat(this.jdbc.queryForObject("SELECT client_secret_hash FROM client WHERE client_id = ?", String.class,
				clientId))
			.isNull();
	}

	@Test
	void createWhenClientIdTakenThen409AndNothingChanged() {
		String clientId = newClientId("dup");
		assertThat(post(serviceApp(clientId)).status()).isEqualTo(201);
		int clients = count("client");

		HttpResult duplicate = post(serviceApp(clientId));

		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.header("Content-Type")).startsWith("application/problem+json");
		assertThat(count("client")).isEqualTo(clients);
		assertThat(post(serviceApp("demo-web")).status()).isEqualTo(409);
	}

	@Test
	void listWhenPagedThenClientsInOrderWithTotals() {
		HttpResult first = get(CLIENTS + "?page=0&size=2");
		HttpResult second = get(CLIENTS + "?page=1&size=2");

		assertThat(first.status()).isEqualTo(200);
		long total = ((Number) first.json().get("totalElements")).longValue();
		assertThat(total).isEqualTo(count("client"));
		assertThat(first.json()).containsEntry("page", 0).containsEntry("size", 2);
		assertThat(((Number) first.json().get("totalPages")).longValue()).isEqualTo((total + 1) / 2);
		List<?> firstPage = (List<?>) first.json().get("clients");
		List<?> secondPage = (List<?>) second.json().get("clients");
		assertThat(firstPage).hasSize(2);
		assertThat(((Map<?, ?>) firstPage.get(1)).get("client_id").toString())
			.isLessThan(((Map<?, ?>) secondPage.get(0)).get("client_id").toString());
		assertThat(first.body()).doesNotContain("client_secret\"").doesNotContain("sha256");
		assertThat(get(CLIENTS + "?size=0").status()).isEqualTo(400);
		assertThat(get(CLIENTS + "?size=201").status()).isEqualTo(400);
		assertThat(get(CLIENTS + "?page=-1").status()).isEqualTo(400);
		assertThat(get(CLIENTS + "?page=x").status()).isEqualTo(400);
	}

	@Test
	void readWhenDemoClientThenItsMetadataAsTheDemoFileSays() {
		HttpResult mobile = get(CLIENTS + "/demo-mobile");
		HttpResult service = get(CLIENTS + "/demo-service");
		HttpResult bff = get(CLIENTS + "/demo-bff");

		assertThat(mobile.json()).containsEntry("token_endpoint_auth_method", "none")
			.containsEntry("refresh_token_grace_window", "PT15S")
			.containsEntry("first_party", true)
			.containsEntry("audiences", List.of("http://localhost:8080"));
		assertThat(service.json())
			.containsEntry("additional_token_endpoint_auth_methods", List.of("client_secret_post"))
			.containsEntry("grant_types", List.of("client_credentials"));
		assertThat(bff.json()).containsEntry("token_endpoint_auth_method", "client_secret_basic")
			.containsEntry("refresh_token_grace_window", "PT0S")
			.containsEntry("redirect_uris", List.of("http://127.0.0.1:8081/login/oauth2/code/baton"))
			.containsEntry("backchannel_logout_uri", "http://127.0.0.1:8081/logout/connect/back-channel/baton")
			.containsEntry("backchannel_logout_session_required", true)
			.containsEntry("audiences", List.of("http://localhost:8080"));
		assertThat(get(CLIENTS + "/no-such-client").status()).isEqualTo(404);
	}

	@Test
	void replaceWhenFullBodyThenEveryFieldReplacedSecretKeptAndAudited() {
		String clientId = newClientId("put");
		HttpResult created = post(serviceApp(clientId));
		TestClient client = new TestClient(clientId, created.string("client_secret"));

		HttpResult replaced = put(clientId, """
				{"client_id": "%s", "client_name": "Renamed", "grant_types": ["client_credentials"],
				 "scope": "notes.read notes.write", "access_token_lifetime": "PT2M"}""".formatted(clientId));

		assertThat(replaced.status()).as("%s", replaced).isEqualTo(200);
		assertThat(replaced.json()).containsEntry("client_name", "Renamed")
			.containsEntry("scope", "notes.read notes.write")
			.containsEntry("access_token_lifetime", "PT2M")
			.doesNotContainKey("client_secret");
		assertThat(this.http.clientCredentials(client, "notes.write").status()).isEqualTo(200);
		assertThat(this.jdbc.queryForObject(
				"SELECT detail FROM audit_event WHERE type = 'CLIENT_UPDATED' AND client_id = ?", String.class,
				clientId))
			.contains("client_name")
			.contains("scope")
			.contains("access_token_lifetime");
		HttpResult again = put(clientId, replaced.body());
		assertThat(again.status()).as("a GET body sent back is a valid PUT: %s", again).isEqualTo(200);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_event WHERE type = 'CLIENT_UPDATED' AND client_id = ?", Integer.class,
				clientId))
			.as("an unchanged replace is no change")
			.isEqualTo(1);
	}

	@Test
	void replaceWhenOtherClientIdOrTypeChangeOrUnknownThenRefused() {
		String clientId = newClientId("put-bad");
		post(serviceApp(clientId));

		HttpResult otherId = put(clientId, serviceApp("other-" + clientId));
		HttpResult toPublic = put(clientId, mobileApp(clientId));
		HttpResult missing = put("no-such-client", serviceApp("no-such-client"));

		assertThat(otherId.status()).isEqualTo(400);
		assertThat(errors(otherId)).containsKey("client_id");
		assertThat(toPublic.status()).isEqualTo(400);
		assertThat(errors(toPublic)).containsKey("token_endpoint_auth_method");
		assertThat(missing.status()).isEqualTo(404);
	}

	@Test
	void rotateSecretWhenNoOverlapThenOldSecretFailsAtOnce() {
		String clientId = newClientId("rotate");
		String oldSecret = post(serviceApp(clientId)).string("client_secret");

		HttpResult rotated = this.http.json("POST", CLIENTS + "/" + clientId + "/secret", this.admin, null);

		assertThat(rotated.status()).as("%s", rotated).isEqualTo(200);
		String newSecret = rotated.string("client_secret");
		assertThat(newSecret).hasSize(43).isNotEqualTo(oldSecret);
		assertThat(rotated.json()).doesNotContainKey("previous_client_secret_valid_until");
		assertThat(this.http.clientCredentials(new TestClient(clientId, oldSecret), "notes.read").status())
			.isEqualTo(401);
		assertThat(this.http.clientCredentials(new TestClient(clientId, newSecret), "notes.read").status())
			.isEqualTo(200);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_event WHERE type = 'CLIENT_SECRET_ROTATED' AND client_id = ?",
				Integer.class, clientId))
			.isEqualTo(1);
	}

	@Test
	void rotateSecretWhenOverlapThenBothSecretsWorkUntilItEnds() {
		String clientId = newClientId("overlap");
		String oldSecret = post(serviceApp(clientId)).string("client_secret");

		HttpResult rotated = this.http.json("POST", CLIENTS + "/" + clientId + "/secret", this.admin,
				"{\"previous_secret_valid_for\": \"PT1H\"}");

		assertThat(rotated.status()).as("%s", rotated).isEqualTo(200);
		String newSecret = rotated.string("client_secret");
		assertThat(rotated.json()).containsKey("previous_client_secret_valid_until");
		assertThat(this.http.clientCredentials(new TestClient(clientId, oldSecret), "notes.read").status())
			.isEqualTo(200);
		assertThat(this.http.clientCredentials(new TestClient(clientId, newSecret), "notes.read").status())
			.isEqualTo(200);
		this.clock.advance(Duration.ofMinutes(61));
		assertThat(this.http.clientCredentials(new TestClient(clientId, oldSecret), "notes.read").status())
			.isEqualTo(401);
		assertThat(this.http.clientCredentials(new TestClient(clientId, newSecret), "notes.read").status())
			.isEqualTo(200);
	}

	@Test
	void rotateSecretWhenPublicOrUnknownOrBadOverlapThenRefused() {
		String mobile = newClientId("mobile-rotate");
		post(mobileApp(mobile));
		String service = newClientId("service-rotate");
		post(serviceApp(service));

		assertThat(this.http.json("POST", CLIENTS + "/" + mobile + "/secret", this.admin, null).status())
			.isEqualTo(400);
		assertThat(this.http.json("POST", CLIENTS + "/no-such-client/secret", this.admin, null).status())
			.isEqualTo(404);
		HttpResult negative = this.http.json("POST", CLIENTS + "/" + service + "/secret", this.admin,
				"{\"previous_secret_valid_for\": \"-PT1H\"}");
		HttpResult garbage = this.http.json("POST", CLIENTS + "/" + service + "/secret", this.admin,
				"{\"previous_secret_valid_for\": 3600, \"extra\": true}");
		assertThat(negative.status()).isEqualTo(400);
		assertThat(errors(negative)).containsKey("previous_secret_valid_for");
		assertThat(garbage.status()).isEqualTo(400);
		assertThat(errors(garbage)).containsKeys("previous_secret_valid_for", "extra");
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_event WHERE type = 'CLIENT_SECRET_ROTATED' AND client_id = ?",
				Integer.class, service))
			.isZero();
	}

	@Test
	void clientFromApiWhenCodeFlowWithPkceThenRefreshesAndRevokes() {
		String clientId = newClientId("flow");
		TestClient client = new TestClient(clientId, post(webApp(clientId)).string("client_secret"));

		Tokens tokens = this.http.signIn(client, "openid offline_access notes.read");
		HttpResult refreshed = this.http.refresh(client, tokens.refreshToken());
		HttpResult revoked = this.http.revoke(client, refreshed.string("refresh_token"));
		HttpResult afterRevocation = this.http.refresh(client, refreshed.string("refresh_token"));

		assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
		assertThat(revoked.status()).isEqualTo(200);
		assertThat(afterRevocation.status()).isEqualTo(400);
		assertThat(afterRevocation.string("error")).isEqualTo("invalid_grant");
		assertThat(this.http.isActive(refreshed.string("access_token"))).isFalse();
	}

	@Test
	void clientFromApiWhenLifetimesSetThenItsTokensFollowThem() throws Exception {
		String clientId = newClientId("lifetimes");
		String body = webApp(clientId).replace("\"first_party\": true",
				"\"first_party\": true, \"access_token_lifetime\": \"PT2M\", \"id_token_lifetime\": \"PT10M\"");
		TestClient client = new TestClient(clientId, post(body).string("client_secret"));

		Tokens tokens = this.http.signIn(client, "openid offline_access notes.read");

		var accessToken = Jwts.parse(tokens.accessToken()).getJWTClaimsSet();
		var idToken = Jwts.parse(tokens.idToken()).getJWTClaimsSet();
		assertThat(accessToken.getExpirationTime().getTime() - accessToken.getIssueTime().getTime()).isEqualTo(120_000);
		assertThat(idToken.getExpirationTime().getTime() - idToken.getIssueTime().getTime()).isEqualTo(600_000);
	}

	@Test
	void publicClientFromApiWhenCodeFlowWithPkceThenRefreshes() {
		String clientId = newClientId("mobile-flow");
		post(mobileApp(clientId));
		TestClient client = new TestClient(clientId, null);

		Tokens tokens = this.http.signIn(client, "openid offline_access notes.read");

		assertThat(this.http.refresh(client, tokens.refreshToken()).status()).isEqualTo(200);
	}

	@Test
	void deleteWhenClientHasSessionsThenFamiliesRevokedAuditedAndTokensDead() {
		String clientId = newClientId("delete");
		TestClient client = new TestClient(clientId, post(webApp(clientId)).string("client_secret"));
		Tokens first = this.http.signIn(client, "openid offline_access notes.read");
		Tokens second = this.http.signIn(client, "openid offline_access notes.read");
		assertThat(this.http.isActive(first.accessToken())).isTrue();
		String familyId = this.database.familyOf(first.refreshToken());

		HttpResult deleted = this.http.json("DELETE", CLIENTS + "/" + clientId, this.admin, null);

		assertThat(deleted.status()).as("%s", deleted).isEqualTo(200);
		assertThat(deleted.json()).containsEntry("revoked_token_families", 2);
		assertThat(this.http.isActive(first.accessToken())).isFalse();
		assertThat(this.http.isActive(second.accessToken())).isFalse();
		assertThat(this.jdbc
			.queryForObject("SELECT COUNT(*) FROM audit_event WHERE type = 'TOKEN_FAMILY_REVOKED' AND family_id = ? "
					+ "AND detail = 'CLIENT_DELETED'", Integer.class, familyId))
			.isEqualTo(1);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_event WHERE type = 'CLIENT_DELETED' AND client_id = ? AND subject = ?",
				Integer.class, clientId, "demo-admin"))
			.isEqualTo(1);
		assertThat(get(CLIENTS + "/" + clientId).status()).isEqualTo(404);
		// The client itself is gone (invalid_client); registered again under the same id,
		// its old refresh
		// tokens are still dead.
		assertThat(this.http.refresh(client, first.refreshToken()).status()).isEqualTo(401);
		TestClient again = new TestClient(clientId, post(webApp(clientId)).string("client_secret"));
		HttpResult refresh = this.http.refresh(again, second.refreshToken());
		assertThat(refresh.status()).isEqualTo(400);
		assertThat(refresh.string("error")).isEqualTo("invalid_grant");
		assertThat(this.http.json("DELETE", CLIENTS + "/no-such-client", this.admin, null).status()).isEqualTo(404);
	}

	@Test
	void adminApiWhenNoTokenOrNotAdminThenRefused() {
		String service = this.http.accessToken(TestClient.SERVICE, "notes.read");

		assertThat(this.http.json("GET", CLIENTS, null, null).status()).isEqualTo(401);
		// demo-service's tokens are for the notes API, not for Baton: refused as no token
		// for Baton (issue 13 item 4).
		assertThat(this.http.json("GET", CLIENTS, service, null).status()).isEqualTo(401);
		assertThat(this.http.json("POST", CLIENTS, service, serviceApp(newClientId("x"))).status()).isEqualTo(401);
	}

	@Test
	void discoveryWhenRegistrationOffThenNoRegistrationEndpoint() {
		assertThat(this.http.get("/.well-known/openid-configuration").json())
			.doesNotContainKey("registration_endpoint");
		assertThat(this.http.get("/.well-known/oauth-authorization-server").json())
			.doesNotContainKey("registration_endpoint");
	}

	static String newClientId(String prefix) {
		return "test-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void createWhenRequireMfaThenStoredShownAndChangeable() {
		String clientId = "mfa-app-" + java.util.UUID.randomUUID().toString().substring(0, 8);

		HttpResult created = post(
				webApp(clientId).replace("\"first_party\": true", "\"first_party\": true, \"require_mfa\": true"));

		assertThat(created.status()).as("%s", created).isEqualTo(201);
		assertThat(created.json()).containsEntry("require_mfa", true);
		assertThat(get(CLIENTS + "/" + clientId).json()).containsEntry("require_mfa", true);
		assertThat(
				this.jdbc.queryForObject("SELECT require_mfa FROM client WHERE client_id = ?", Boolean.class, clientId))
			.isTrue();
		HttpResult changed = put(clientId, webApp(clientId));
		assertThat(changed.status()).as("%s", changed).isEqualTo(200);
		assertThat(changed.json()).containsEntry("require_mfa", false);
		assertThat(post(webApp(clientId + "-x").replace("\"first_party\": true", "\"require_mfa\": \"yes\"")).status())
			.isEqualTo(400);
	}

	static String webApp(String clientId) {
		return """
				{"client_id": "%s", "client_name": "Test web app", "token_endpoint_auth_method": "client_secret_basic",
				 "grant_types": ["authorization_code", "refresh_token"],
				 "redirect_uris": ["http://127.0.0.1:8765/callback"], "scope": "openid offline_access notes.read",
				 "audiences": ["http://localhost:8080"], "first_party": true, "refresh_token_grace_window": "PT0S"}"""
			.formatted(clientId);
	}

	static String mobileApp(String clientId) {
		return """
				{"client_id": "%s", "token_endpoint_auth_method": "none",
				 "grant_types": ["authorization_code", "refresh_token"],
				 "redirect_uris": ["http://127.0.0.1:8765/callback"], "scope": "openid offline_access notes.read",
				 "first_party": true, "refresh_token_grace_window": "PT15S"}""".formatted(clientId);
	}

	static String serviceApp(String clientId) {
		return """
				{"client_id": "%s", "grant_types": ["client_credentials"], "scope": "notes.read",
				 "audiences": ["http://localhost:8080"]}""".formatted(clientId);
	}

	private HttpResult post(String body) {
		return this.http.json("POST", CLIENTS, this.admin, body);
	}

	private HttpResult put(String clientId, String body) {
		return this.http.json("PUT", CLIENTS + "/" + clientId, this.admin, body);
	}

	private HttpResult get(String path) {
		return this.http.json("GET", path, this.admin, null);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> errors(HttpResult result) {
		return (Map<String, Object>) result.json().get("errors");
	}

	private int count(String table) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
	}

}
