package dev.baton.auth.client;

import java.util.UUID;

import dev.baton.auth.testsupport.BatonServerTests;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.TestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code require_verified_email} setting through the admin API: stored, shown,
 * changed, handed to the authorization server, and refused when it is not a boolean. What
 * it does at the authorization endpoint is in {@code EmailVerificationHttpTests}.
 */
class RequireVerifiedEmailHttpTests extends BatonServerTests {

	private String admin;

	@Autowired
	private DatabaseRegisteredClientRepository registered;

	@BeforeEach
	void adminToken() {
		this.admin = this.http.accessToken(TestClient.ADMIN, "baton.admin");
	}

	@Test
	void createWithRequireVerifiedEmailThenStoredShownAndChangeable() {
		String clientId = "verified-only-" + UUID.randomUUID().toString().substring(0, 8);

		HttpResult created = this.http.json("POST", "/api/admin/clients", this.admin, body(clientId, "true"));

		assertThat(created.status()).as("%s", created).isEqualTo(201);
		assertThat(created.json()).containsEntry("require_verified_email", true);
		assertThat(this.jdbc.queryForObject("SELECT require_verified_email FROM client WHERE client_id = ?",
				Boolean.class, clientId))
			.isTrue();
		assertThat(ClientPolicy.requiresVerifiedEmail(this.registered.findByClientId(clientId))).isTrue();

		HttpResult updated = this.http.json("PUT", "/api/admin/clients/" + clientId, this.admin,
				body(clientId, "false"));

		assertThat(updated.status()).as("%s", updated).isEqualTo(200);
		assertThat(updated.json()).containsEntry("require_verified_email", false);
		assertThat(ClientPolicy.requiresVerifiedEmail(this.registered.findByClientId(clientId))).isFalse();
		assertThat(
				this.jdbc.queryForObject(
						"SELECT COUNT(*) FROM audit_event WHERE type = 'CLIENT_UPDATED' "
								+ "AND client_id = ? AND detail LIKE '%require_verified_email%'",
						Integer.class, clientId))
			.isEqualTo(1);
	}

	@Test
	void createWhenRequireVerifiedEmailIsNotABooleanThen400() {
		HttpResult refused = this.http.json("POST", "/api/admin/clients", this.admin,
				body("verified-bad-" + UUID.randomUUID().toString().substring(0, 8), "\"yes\""));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("require_verified_email");
	}

	private static String body(String clientId, String requireVerifiedEmail) {
		return """
				{"client_id": "%s", "client_name": "Verified only", "grant_types": ["authorization_code"],
				 "token_endpoint_auth_method": "none", "redirect_uris": ["http://127.0.0.1:8765/callback"],
				 "scope": "openid email", "require_verified_email": %s}""".formatted(clientId, requireVerifiedEmail);
	}

}
