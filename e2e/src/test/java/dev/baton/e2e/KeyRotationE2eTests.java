package dev.baton.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator rotates Baton's signing key while alice uses the API: the new key is
 * published first and signs after the publish lead; the running resource server accepts
 * tokens signed with it without a restart, and alice's older token, signed with the
 * previous key, keeps working until it expires. The rotation test moves the shared clock
 * forward, so it runs last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyRotationE2eTests {

	private static final Duration PUBLISH_LEAD = Duration.ofMinutes(2);

	private BatonApps apps;

	private BatonHttp http;

	@BeforeAll
	void start() {
		this.apps = BatonApps.start(new ShiftableClock(), "--baton.keys.publish-lead=" + PUBLISH_LEAD);
		this.http = new BatonHttp(this.apps);
	}

	@AfterAll
	void stop() {
		this.apps.close();
	}

	@Test
	@Order(2)
	void rotateWhenAdminRotatesThenNewKeyAcceptedWithoutRestartAndOldTokensWorkUntilTheyExpire() {
		BatonHttp.Tokens beforeRotation = this.http.signInAlice("openid offline_access notes.read notes.write");
		String oldKid = BatonHttp.header(beforeRotation.accessToken()).get("kid").asString();
		assertThat(this.http.api("GET", "/api/me", beforeRotation.accessToken(), null).statusCode()).isEqualTo(200);

		String adminToken = this.http.clientCredentials("demo-admin", "demo-admin-secret", "baton.admin");
		HttpResponse<String> rotation = this.http.authServer("POST", "/api/admin/signing-keys/rotations", adminToken);
		assertThat(rotation.statusCode()).as(rotation.body()).isEqualTo(201);
		JsonNode rotated = BatonHttp.json(rotation);
		String newKid = rotated.get("newKey").get("kid").asString();
		assertThat(rotated.get("newKey").get("state").asString()).isEqualTo("pending");
		assertThat(rotated.get("previousKey").get("kid").asString()).isEqualTo(oldKid);

		// Published at once, before it signs anything.
		assertThat(publishedKids()).containsExactlyInAnyOrder(oldKid, newKid);
		BatonHttp.Tokens duringLead = this.http.refresh(beforeRotation.refreshToken());
		assertThat(BatonHttp.header(duringLead.accessToken()).get("kid").asString()).isEqualTo(oldKid);

		this.apps.clock.advance(PUBLISH_LEAD);

		BatonHttp.Tokens afterActivation = this.http.refresh(duringLead.refreshToken());
		assertThat(BatonHttp.header(afterActivation.accessToken()).get("kid").asString()).isEqualTo(newKid);
		assertThat(this.http.api("GET", "/api/me", afterActivation.accessToken(), null).statusCode()).isEqualTo(200);
		assertThat(this.http.api("GET", "/api/me", beforeRotation.accessToken(), null).statusCode()).isEqualTo(200);
		assertThat(this.http.api("GET", "/api/me", duringLead.accessToken(), null).statusCode()).isEqualTo(200);
		assertThat(publishedKids()).containsExactlyInAnyOrder(oldKid, newKid);

		// The first token's five minutes (and the API's 30 s skew) are over; the newer
		// ones still run.
		this.apps.clock.advance(Duration.ofMinutes(3).plusSeconds(31));
		assertThat(this.http.api("GET", "/api/me", beforeRotation.accessToken(), null).statusCode()).isEqualTo(401);
		assertThat(this.http.api("GET", "/api/me", afterActivation.accessToken(), null).statusCode()).isEqualTo(200);

		// Once every token the old key signed has expired (30 min ID-token lifetime + 1
		// min skew), it leaves the JWKS.
		this.apps.clock.advance(Duration.ofMinutes(28));
		assertThat(publishedKids()).containsExactly(newKid);
	}

	@Test
	@Order(1)
	void rotateWhenNotAdminThen401AndNoKeyAdded() {
		String serviceToken = this.http.clientCredentials("demo-service", "demo-service-secret", "notes.read");
		List<String> before = publishedKids();

		HttpResponse<String> response = this.http.authServer("POST", "/api/admin/signing-keys/rotations", serviceToken);

		// a token for the demo API is not one for Baton's admin API at all: 401
		// invalid_token (issue 13 item 4)
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(publishedKids()).isEqualTo(before);
		assertThat(this.http.authServer("POST", "/api/admin/signing-keys/rotations", null).statusCode()).isEqualTo(401);
	}

	private List<String> publishedKids() {
		HttpResponse<String> jwks = this.http.authServer("GET", "/oauth2/jwks", null);
		assertThat(jwks.statusCode()).isEqualTo(200);
		List<String> kids = new ArrayList<>();
		BatonHttp.json(jwks).get("keys").forEach((key) -> kids.add(key.get("kid").asString()));
		return kids;
	}

}
