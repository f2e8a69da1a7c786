package dev.baton.auth.session;

import java.net.URI;
import java.net.http.HttpRequest;

import dev.baton.auth.testsupport.BatonServerTests;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.TestClient;
import dev.baton.auth.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code DELETE /api/admin/users/{username}/sessions}: an administrator revokes every
 * family of a user.
 */
class AdminSessionsHttpTests extends BatonServerTests {

	@Test
	void revokeAllWhenAdminTokenThenEveryFamilyOfTheUserIsRevoked() {
		Tokens web = this.http.signIn(TestClient.WEB);
		Tokens mobile = this.http.signIn(TestClient.MOBILE);
		String adminToken = this.http.clientCredentials(TestClient.ADMIN, "baton.admin").string("access_token");

		HttpResult response = delete("/api/admin/users/alice/sessions", adminToken);

		assertThat(response.status()).isEqualTo(200);
		assertThat(((Number) response.json().get("revoked")).intValue()).isGreaterThanOrEqualTo(2);
		assertThat(this.http.refresh(TestClient.WEB, web.refreshToken()).string("error")).isEqualTo("invalid_grant");
		assertThat(this.http.refresh(TestClient.MOBILE, mobile.refreshToken()).string("error"))
			.isEqualTo("invalid_grant");
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM token_family WHERE subject = ? AND revoked_at IS NULL",
						Integer.class, aliceSubject()))
			.isZero();
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_event WHERE type = 'TOKEN_FAMILY_REVOKED' AND detail = 'ADMIN_REVOKED'",
				Integer.class))
			.isGreaterThanOrEqualTo(2);
	}

	@Test
	void revokeAllWhenTokenLacksAdminScopeThenForbiddenAndNothingRevoked() {
		Tokens web = this.http.signIn(TestClient.WEB);
		String serviceToken = this.http.clientCredentials(TestClient.SERVICE, "notes.read").string("access_token");

		HttpResult response = delete("/api/admin/users/alice/sessions", serviceToken);

		// not even a token for Baton's admin API: its audience is the demo API (issue 13
		// item 4)
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
		assertThat(this.http.refresh(TestClient.WEB, web.refreshToken()).status()).isEqualTo(200);
	}

	@Test
	void revokeAllWhenNoTokenThenUnauthorized() {
		assertThat(delete("/api/admin/users/alice/sessions", null).status()).isEqualTo(401);
	}

	private HttpResult delete(String path, String bearerToken) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.http.baseUrl() + path)).DELETE();
		if (bearerToken != null) {
			request.header("Authorization", "Bearer " + bearerToken);
		}
		return this.http.send(request.build());
	}

}
