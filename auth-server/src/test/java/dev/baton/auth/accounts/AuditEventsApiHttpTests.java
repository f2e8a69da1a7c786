package dev.baton.auth.accounts;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.baton.auth.client.Client;
import dev.baton.auth.client.ClientSecretEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/admin/audit-events}: client-credentials token with scope
 * {@code baton.admin} only.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuditEventsApiHttpTests extends AccountsHttpTestSupport {

	private String clientToken(AccountsTestBrowser browser, String clientId, String secret, String scope) {
		java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
		try {
			String basic = java.util.Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes());
			HttpResponse<String> token = http
				.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(browser.base() + "/oauth2/token"))
					.header("Authorization", "Basic " + basic)
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(java.net.http.HttpRequest.BodyPublishers
						.ofString("grant_type=client_credentials&scope=" + AccountsTestBrowser.url(scope)))
					.build(), HttpResponse.BodyHandlers.ofString());
			return field(token.body(), "access_token");
		}
		catch (java.io.IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void auditEventsWhenAdminTokenThenFilteredPagedNewestFirst() {
		String username = registerUser("audited");
		AccountsTestBrowser browser = newBrowser();
		browser.signIn(username, "wrong password");
		browser.signIn(username, PASSWORD);
		Map<String, String> admin = Map.of("Authorization",
				"Bearer " + clientToken(browser, "demo-admin", "demo-admin-secret", "baton.admin"));
		String subject = subjectOf(username);
		HttpResponse<String> all = browser.json("GET", "/api/admin/audit-events?subject=" + subject, null, admin);
		assertThat(all.statusCode()).isEqualTo(200);
		assertThat(all.body()).contains("\"totalElements\":3");
		assertThat(all.body().indexOf("SIGN_IN_SUCCEEDED")).isLessThan(all.body().indexOf("SIGN_IN_FAILED"));
		assertThat(all.body().indexOf("SIGN_IN_FAILED")).isLessThan(all.body().indexOf("USER_REGISTERED"));
		HttpResponse<String> failed = browser.json("GET",
				"/api/admin/audit-events?subject=" + subject + "&type=SIGN_IN_FAILED&from=2000-01-01T00:00:00Z", null,
				admin);
		assertThat(failed.body()).contains("\"totalElements\":1").contains("\"detail\":\"BAD_CREDENTIALS\"");
		HttpResponse<String> paged = browser.json("GET",
				"/api/admin/audit-events?subject=" + subject + "&size=2&page=1", null, admin);
		assertThat(paged.body()).contains("\"page\":1").contains("\"totalPages\":2").contains("USER_REGISTERED");
		HttpResponse<String> future = browser.json("GET",
				"/api/admin/audit-events?subject=" + subject + "&from=2999-01-01T00:00:00Z", null, admin);
		assertThat(future.body()).contains("\"totalElements\":0");
	}

	@Test
	void auditEventsWhenParameterInvalidThenProblemDetails() {
		AccountsTestBrowser browser = newBrowser();
		Map<String, String> admin = Map.of("Authorization",
				"Bearer " + clientToken(browser, "demo-admin", "demo-admin-secret", "baton.admin"));
		for (String query : new String[] { "type=NOT_A_TYPE", "from=yesterday", "size=0", "size=1000", "page=-1",
				"page=abc" }) {
			HttpResponse<String> response = browser.json("GET", "/api/admin/audit-events?" + query, null, admin);
			assertThat(response.statusCode()).as(query).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type").orElse("")).as(query)
				.startsWith("application/problem+json");
			assertThat(response.body()).as(query).contains("\"errors\"");
		}
	}

	/**
	 * RFC 9068 §4: a baton.admin token whose audience is another API is not for Baton's
	 * admin API.
	 */
	@Test
	void auditEventsWhenAdminScopeButAnotherAudienceThenInvalidToken() {
		if (this.clients.findByClientId("audit-foreign-admin").isEmpty()) {
			this.clients.insert(Client.withClientId("audit-foreign-admin")
				.clientName("Admin scope for another API")
				.clientSecretHash(new ClientSecretEncoder().encode(APP_SECRET))
				.authenticationMethods(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.grantTypes(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.scopes("baton.admin")
				.audiences("http://localhost:8080")
				.firstParty(true)
				.createdAt(this.clock.instant())
				.build());
		}
		AccountsTestBrowser browser = newBrowser();
		Map<String, String> foreign = Map.of("Authorization",
				"Bearer " + clientToken(browser, "audit-foreign-admin", APP_SECRET, "baton.admin"));

		HttpResponse<String> response = browser.json("GET", "/api/admin/audit-events", null, foreign);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
	}

	/**
	 * Issue 13 item 9: bytes that are not UTF-8 in a filter are a 400 Problem Details,
	 * never a 500.
	 */
	@Test
	void auditEventsWhenSubjectNotUtf8ThenBadRequestWithoutErrorLog(CapturedOutput output) {
		AccountsTestBrowser browser = newBrowser();
		Map<String, String> admin = Map.of("Authorization",
				"Bearer " + clientToken(browser, "demo-admin", "demo-admin-secret", "baton.admin"));
		int logged = output.length();

		for (String query : new String[] { "subject=%FF", "subject=%C3%28", "type=%ED%A0%80" }) {
			HttpResponse<String> response = browser.json("GET", "/api/admin/audit-events?" + query, null, admin);
			assertThat(response.statusCode()).as(query).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type").orElse("")).as(query)
				.startsWith("application/problem+json");
		}
		assertThat(output.toString().substring(logged)).doesNotContain(" ERROR ").doesNotContain("\tat ");
	}

	@Test
	void auditEventsWhenNoAdminScopeThenRefused() {
		AccountsTestBrowser browser = newBrowser();
		assertThat(browser.json("GET", "/api/admin/audit-events", null, Map.of()).statusCode()).isEqualTo(401);
		Map<String, String> service = Map.of("Authorization",
				"Bearer " + clientToken(browser, "demo-service", "demo-service-secret", "notes.read"));
		// a token for another API (aud: the demo API) is not for Baton's admin API at all
		assertThat(browser.json("GET", "/api/admin/audit-events", null, service).statusCode()).isEqualTo(401);
	}

}
