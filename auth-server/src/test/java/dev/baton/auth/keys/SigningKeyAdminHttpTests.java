package dev.baton.auth.keys;

import java.net.http.HttpRequest;

import dev.baton.auth.api.BatonApi;
import dev.baton.auth.testsupport.BatonServerTests;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.TestClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/admin/signing-keys}: listing for a {@code baton.admin} token, and errors as
 * Problem Details (RFC 9457). Rotation itself is covered by
 * {@code SigningKeyRotationTests}; it is not run here because the server is shared by
 * every HTTP test.
 */
class SigningKeyAdminHttpTests extends BatonServerTests {

	@Test
	void signingKeysWhenAdminTokenThenListsTheActiveKeyWithoutKeyMaterial() {
		HttpResult keys = this.http.send(adminRequest("/api/admin/signing-keys").GET().build());

		assertThat(keys.status()).isEqualTo(200);
		assertThat(keys.body()).contains("\"state\":\"active\"").contains("\"kid\"").doesNotContain("\"d\"");
	}

	@Test
	void rotationsWhenWrongMethodThenMethodNotAllowedWithoutInternals() {
		HttpResult result = this.http.send(adminRequest("/api/admin/signing-keys/rotations").GET().build());

		assertThat(result.status()).isEqualTo(405);
		assertThat(result.json()).containsEntry("status", 405);
		assertThat(result.body()).doesNotContain("Exception").doesNotContain("trace");
	}

	@Test
	void controllerWhenDeclaredThenErrorsGoThroughTheApiProblemAdvice() {
		assertThat(SigningKeyAdminController.class).hasAnnotation(BatonApi.class);
	}

	private HttpRequest.Builder adminRequest(String path) {
		HttpResult token = this.http.clientCredentials(TestClient.ADMIN, "baton.admin");
		assertThat(token.status()).isEqualTo(200);
		return HttpRequest.newBuilder(this.http.uri(path))
			.header("Authorization", "Bearer " + token.string("access_token"));
	}

}
