package dev.baton.auth.web;

import dev.baton.auth.client.Client;
import dev.baton.auth.client.ClientRepository;
import dev.baton.auth.client.ClientSecretEncoder;
import dev.baton.auth.testsupport.BatonServerTests;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.TestClient;
import dev.baton.auth.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator: health and its probes are public; metrics and Prometheus need a
 * {@code baton.metrics} token for Baton's own audience, and a signed-in browser never
 * opens them.
 */
class ActuatorHttpTests extends BatonServerTests {

	/** A scraper's client: scope baton.metrics, tokens for Baton itself (the issuer). */
	static final TestClient SCRAPER = new TestClient("actuator-test-scraper", "actuator-test-scraper-secret");

	/** The same scope, but tokens for the demo API: not Baton's audience. */
	static final TestClient FOREIGN_SCRAPER = new TestClient("actuator-test-foreign", "actuator-test-foreign-secret");

	@Autowired
	ClientRepository clients;

	@BeforeEach
	void registerScrapers() {
		insertIfMissing(SCRAPER, ISSUER);
		insertIfMissing(FOREIGN_SCRAPER, "http://localhost:8080");
	}

	@Test
	void healthWhenAnonymousThenUpWithLivenessAndReadiness() {
		assertThat(this.http.get("/actuator/health").status()).isEqualTo(200);
		assertThat(this.http.get("/actuator/health/liveness").body()).contains("UP");
		assertThat(this.http.get("/actuator/health/readiness").body()).contains("UP");
	}

	@Test
	void prometheusWhenMetricsTokenThenBatonMetersWithDescriptions() {
		Tokens tokens = this.http.signIn(TestClient.WEB);
		assertThat(this.http.refresh(TestClient.WEB, tokens.refreshToken()).status()).isEqualTo(200);
		assertThat(this.http.refresh(TestClient.WEB, tokens.refreshToken()).status()).isEqualTo(400);

		HttpResult scrape = this.http.get("/actuator/prometheus", "Authorization", "Bearer " + token(SCRAPER));

		assertThat(scrape.status()).isEqualTo(200);
		assertThat(scrape.body()).contains("# HELP baton_refresh_requests_total Refresh-token grant requests")
			.contains("baton_refresh_requests_total{outcome=\"rotated\"")
			.contains("baton_refresh_reuse_events_total")
			.contains("baton_token_family_revocations_total{reason=\"reuse_detected\"")
			.doesNotContain(tokens.refreshToken());
		assertThat(this.http.get("/actuator/metrics", "Authorization", "Bearer " + token(SCRAPER)).status())
			.isEqualTo(200);
	}

	@Test
	void prometheusWhenNoTokenOrSignedInBrowserThenUnauthorized() {
		assertThat(this.http.get("/actuator/prometheus").status()).isEqualTo(401);
		this.http.signIn(TestClient.WEB);

		// The same client (cookie jar) now holds alice's signed-in browser session.
		assertThat(this.http.get("/account").status()).isEqualTo(200);
		assertThat(this.http.get("/actuator/prometheus").status()).isEqualTo(401);
		assertThat(this.http.get("/actuator/metrics").status()).isEqualTo(401);
		assertThat(this.http.get("/actuator/env").status()).isIn(401, 404);
	}

	@Test
	void prometheusWhenTokenLacksScopeOrIsForAnotherAudienceThenForbidden() {
		String admin = this.http.clientCredentials(TestClient.ADMIN, "baton.admin").string("access_token");
		Tokens user = this.http.signIn(TestClient.WEB);

		assertThat(this.http.get("/actuator/prometheus", "Authorization", "Bearer " + admin).status()).isEqualTo(403);
		assertThat(this.http.get("/actuator/prometheus", "Authorization", "Bearer " + token(FOREIGN_SCRAPER)).status())
			.isEqualTo(403);
		assertThat(this.http.get("/actuator/prometheus", "Authorization", "Bearer " + user.accessToken()).status())
			.isEqualTo(403);
	}

	private String token(TestClient client) {
		HttpResult response = this.http.clientCredentials(client, "baton.metrics");
		assertThat(response.status()).as("%s", response).isEqualTo(200);
		return response.string("access_token");
	}

	private void insertIfMissing(TestClient client, String audience) {
		if (this.clients.findByClientId(client.clientId()).isPresent()) {
			return;
		}
		this.clients.insert(Client.withClientId(client.clientId())
			.clientName("Actuator test " + client.clientId())
			.clientSecretHash(new ClientSecretEncoder().encode(client.secret()))
			.authenticationMethods(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.grantTypes(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scopes("baton.metrics")
			.audiences(audience)
			.firstParty(true)
			.createdAt(this.clock.instant())
			.build());
	}

}
