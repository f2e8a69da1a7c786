package dev.baton.auth.registration;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.testsupport.BatonServerTests;
import dev.baton.auth.testsupport.Form;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.TestClient;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dynamic client registration (RFC 7591) and management (RFC 7592) with
 * {@code baton.registration.enabled=true}: discovery, the initial access token, the
 * registration access token (stored hashed), validation, and a registered client at work.
 */
@TestPropertySource(properties = "baton.registration.enabled=true")
class DynamicClientRegistrationHttpTests extends BatonServerTests {

	private static final String REGISTER = "/oauth2/register";

	@Test
	void discoveryWhenEnabledThenAdvertisesRegistrationEndpoint() {
		assertThat(this.http.get("/.well-known/openid-configuration").json()).containsEntry("registration_endpoint",
				ISSUER + REGISTER);
		assertThat(this.http.get("/.well-known/oauth-authorization-server").json())
			.containsEntry("registration_endpoint", ISSUER + REGISTER);
	}

	@Test
	void registerWhenNoOrInvalidInitialAccessTokenThen401AndNothingWritten() {
		int clients = clientCount();

		HttpResult none = this.http.json("POST", REGISTER, null, service());
		HttpResult forged = this.http.json("POST", REGISTER, "not-a-token", service());
		HttpResult userToken = this.http.json("POST", REGISTER, this.http.signIn(TestClient.WEB).accessToken(),
				service());

		assertThat(none.status()).isEqualTo(401);
		assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
		assertThat(none.json()).containsEntry("error", "invalid_token");
		assertThat(forged.status()).isEqualTo(401);
		assertThat(userToken.status()).as("a user's token for the notes API is no initial access token").isEqualTo(401);
		assertThat(clientCount()).isEqualTo(clients);
	}

	@Test
	void registerWhenTokenLacksClientCreateThen403() {
		String adminOnly = this.http.accessToken(TestClient.ADMIN, "baton.admin");

		HttpResult result = this.http.json("POST", REGISTER, adminOnly, service());

		assertThat(result.status()).isEqualTo(403);
		assertThat(result.header("WWW-Authenticate")).contains("insufficient_scope").contains("client.create");
	}

	@Test
	void registerWhenValidInitialAccessTokenThenClientWithRegistrationTokenStoredHashed() {
		HttpResult registered = register(service());

		assertThat(registered.status()).as("%s", registered).isEqualTo(201);
		String clientId = registered.string("client_id");
		String secret = registered.string("client_secret");
		String registrationToken = registered.string("registration_access_token");
		assertThat(registered.json()).containsEntry("registration_client_uri", ISSUER + REGISTER + "/" + clientId)
			.containsEntry("client_secret_expires_at", 0)
			.containsKey("client_id_issued_at");
		assertThat(registered.header("Cache-Control")).contains("no-store");
		assertThat(registrationToken).hasSize(43);
		assertThat(this.jdbc.queryForObject("SELECT registration_access_token_hash FROM client WHERE client_id = ?",
				byte[].class, clientId))
			.isEqualTo(TokenHash.of(registrationToken).bytes());
		assertThat(this.http.clientCredentials(new TestClient(clientId, secret), "notes.read").status()).isEqualTo(200);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_event WHERE type = 'CLIENT_CREATED' AND client_id = ? AND subject = ?",
				Integer.class, clientId, "demo-admin"))
			.isEqualTo(1);
	}

	@Test
	void registrationClientUriWhenRegistrationTokenThenReadUpdateDelete() {
		HttpResult registered = register(service());
		String clientId = registered.string("client_id");
		String token = registered.string("registration_access_token");
		String uri = REGISTER + "/" + clientId;

		HttpResult read = this.http.json("GET", uri, token, null);
		HttpResult wrongToken = this.http.json("GET", uri, token + "x", null);
		HttpResult otherClientsUri = this.http.json("GET", REGISTER + "/demo-web", token, null);
		HttpResult updated = this.http.json("PUT", uri, token, """
				{"client_id": "%s", "client_name": "Renamed", "grant_types": ["client_credentials"],
				 "scope": "notes.read notes.write"}""".formatted(clientId));
		HttpResult wrongSecret = this.http.json("PUT", uri, token, """
				{"client_id": "%s", "client_secret": "not-the-secret", "grant_types": ["client_credentials"]}"""
			.formatted(clientId));
		HttpResult rightSecret = this.http.json("PUT", uri, token,
				"""
						{"client_id": "%s", "client_secret": "%s", "grant_types": ["client_credentials"], "scope": "notes.read"}"""
					.formatted(clientId, registered.string("client_secret")));
		HttpResult deleted = this.http.json("DELETE", uri, token, null);
		HttpResult afterDelete = this.http.json("GET", uri, token, null);

		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json()).containsEntry("client_id", clientId)
			.doesNotContainKey("client_secret")
			.doesNotContainKey("registration_access_token");
		assertThat(wrongToken.status()).isEqualTo(401);
		assertThat(otherClientsUri.status()).isEqualTo(401);
		assertThat(updated.status()).as("%s", updated).isEqualTo(200);
		assertThat(updated.json()).containsEntry("client_name", "Renamed")
			.containsEntry("scope", "notes.read notes.write");
		assertThat(wrongSecret.status()).isEqualTo(400);
		assertThat(errors(wrongSecret)).containsKey("client_secret");
		assertThat(rightSecret.status()).as("%s", rightSecret).isEqualTo(200);
		assertThat(deleted.status()).isEqualTo(204);
		assertThat(afterDelete.status()).isEqualTo(401);
		assertThat(clientExists(clientId)).isFalse();
	}

	@Test
	void registerWhenMetadataInvalidThenRfc7591ErrorsNamingEveryFieldAndNothingWritten() {
		int clients = clientCount();

		HttpResult redirect = register("""
				{"redirect_uris": ["http://evil.example.com/cb"], "scope": "openid"}""");
		HttpResult several = register("""
				{"redirect_uris": ["https://app.example.com/cb#f"], "grant_types": ["password"], "scope": "nope",
				 "first_party": true, "resource_server_audiences": ["http://localhost:8080"]}""");
		HttpResult admin = register("""
				{"grant_types": ["client_credentials"], "scope": "baton.admin"}""");
		HttpResult malformed = register("{\"redirect_uris\": ");
		HttpResult garbageType = this.http.send(java.net.http.HttpRequest.newBuilder(this.http.uri(REGISTER))
			.header("Authorization", "Bearer " + this.http.accessToken(TestClient.ADMIN, "client.create"))
			.header("Content-Type", "json;;;==")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(service()))
			.build());
		HttpResult huge = register("{\"client_name\": \"" + "x".repeat(100_000) + "\"}");

		assertThat(redirect.status()).isEqualTo(400);
		assertThat(redirect.json()).containsEntry("error", "invalid_redirect_uri");
		assertThat(several.status()).isEqualTo(400);
		assertThat(several.json()).containsEntry("error", "invalid_client_metadata");
		assertThat(errors(several)).containsKeys("redirect_uris", "grant_types", "scope", "first_party",
				"resource_server_audiences");
		assertThat(admin.status()).isEqualTo(400);
		assertThat(errors(admin)).containsKey("scope");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.json()).containsEntry("error", "invalid_client_metadata");
		assertThat(garbageType.status()).isEqualTo(400);
		assertThat(huge.status()).isEqualTo(413);
		assertThat(clientCount()).isEqualTo(clients);
	}

	@Test
	void registerWhenUnknownMetadataThenIgnoredAsRfc7591Says() {
		HttpResult registered = register("""
				{"grant_types": ["client_credentials"], "scope": "notes.read",
				 "logo_uri": "https://example.com/logo.png", "contacts": ["ops@example.com"]}""");

		assertThat(registered.status()).as("%s", registered).isEqualTo(201);
		assertThat(registered.json()).doesNotContainKey("logo_uri");
	}

	@Test
	void registerWhenWebAppThenNeverFirstPartySoUsersAreAskedForConsent() {
		HttpResult registered = register(
				"""
						{"client_name": "Third-party web app", "redirect_uris": ["http://127.0.0.1:8765/callback"],
						 "grant_types": ["authorization_code", "refresh_token"], "scope": "openid offline_access notes.read"}""");
		assertThat(registered.status()).as("%s", registered).isEqualTo(201);
		assertThat(registered.json()).containsEntry("first_party", false);
	}

	@Test
	void registerWhenBrowserAppWithCorsOriginsThenStoredAndHonouredAtTheTokenEndpoint() {
		String origin = "https://registered-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
		HttpResult registered = register("""
				{"client_name": "Browser app", "redirect_uris": ["http://127.0.0.1:8765/callback"],
				 "token_endpoint_auth_method": "none", "grant_types": ["authorization_code", "refresh_token"],
				 "scope": "openid offline_access", "allowed_cors_origins": ["%s"]}""".formatted(origin));
		HttpResult invalid = register(
				"""
						{"redirect_uris": ["http://127.0.0.1:8765/callback"], "allowed_cors_origins": ["https://*.example"]}""");

		assertThat(registered.status()).as("%s", registered).isEqualTo(201);
		assertThat(registered.json()).containsEntry("allowed_cors_origins", List.of(origin));
		HttpResult token = this.http.post(
				"/oauth2/token", Form
					.of("grant_type", "refresh_token", "refresh_token", "not-a-token", "client_id",
							registered.string("client_id"))
					.header("Origin", origin));
		assertThat(token.status()).isEqualTo(400);
		assertThat(token.header("Access-Control-Allow-Origin")).isEqualTo(origin);
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.json()).containsEntry("error", "invalid_client_metadata");
		assertThat(errors(invalid)).containsKey("allowed_cors_origins");
	}

	private HttpResult register(String body) {
		return this.http.json("POST", REGISTER, this.http.accessToken(TestClient.ADMIN, "client.create"), body);
	}

	private static String service() {
		return "{\"client_name\": \"Registered service\", \"grant_types\": [\"client_credentials\"], "
				+ "\"scope\": \"notes.read\"}";
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> errors(HttpResult result) {
		return (Map<String, Object>) result.json().get("errors");
	}

	private int clientCount() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM client", Integer.class);
	}

	private boolean clientExists(String clientId) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM client WHERE client_id = ?", Integer.class,
				clientId) == 1;
	}

}
