package dev.baton.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole flow over real HTTP: alice signs in at the demo web app through Baton's login
 * form (authorization code with PKCE), the app calls the demo API with her access token,
 * refreshes and calls again; and every kind of bad token gets the RFC 6750 answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInAndCallApiE2eTests {

	private static final String USER_SCOPES = "openid offline_access notes.read notes.write";

	private BatonApps apps;

	private BatonHttp http;

	@BeforeAll
	void start() {
		this.apps = BatonApps.start(new ShiftableClock());
		this.http = new BatonHttp(this.apps);
	}

	@AfterAll
	void stop() {
		this.apps.close();
	}

	@Test
	void aliceWhenSignedInThenCallsApiRefreshesAndCallsAgain() {
		BatonHttp.Tokens tokens = this.http.signInAlice(USER_SCOPES);
		assertThat(BatonHttp.header(tokens.accessToken()).get("typ").asString()).isEqualTo("at+jwt");

		HttpResponse<String> me = this.http.api("GET", "/api/me", tokens.accessToken(), null);
		assertThat(me.statusCode()).isEqualTo(200);
		JsonNode caller = BatonHttp.json(me);
		assertThat(caller.get("subject").asString()).isEqualTo(this.apps.subjectOf("alice")).isNotEqualTo("alice");
		assertThat(caller.get("clientId").asString()).isEqualTo("demo-web");
		assertThat(caller.get("scopes").toString()).contains("\"notes.read\"", "\"notes.write\"");
		assertThat(caller.get("audience").toString()).isEqualTo("[\"" + BatonApps.API_AUDIENCE + "\"]");

		assertThat(
				this.http.api("POST", "/api/notes", tokens.accessToken(), "{\"text\":\"relay practice\"}").statusCode())
			.isEqualTo(201);
		HttpResponse<String> notes = this.http.api("GET", "/api/notes", tokens.accessToken(), null);
		assertThat(notes.statusCode()).isEqualTo(200);
		assertThat(BatonHttp.json(notes).get(0).get("text").asString()).isEqualTo("relay practice");

		BatonHttp.Tokens refreshed = this.http.refresh(tokens.refreshToken());
		assertThat(refreshed.accessToken()).isNotEqualTo(tokens.accessToken());
		assertThat(refreshed.refreshToken()).isNotEqualTo(tokens.refreshToken());
		HttpResponse<String> notesAfterRefresh = this.http.api("GET", "/api/notes", refreshed.accessToken(), null);
		assertThat(notesAfterRefresh.statusCode()).isEqualTo(200);
		assertThat(BatonHttp.json(notesAfterRefresh).size()).isEqualTo(BatonHttp.json(notes).size());
		assertThat(this.http.api("GET", "/api/me", refreshed.accessToken(), null).statusCode()).isEqualTo(200);
	}

	@Test
	void apiWhenNoTokenThen401BearerChallengeWithoutErrorCode() {
		HttpResponse<String> response = this.http.api("GET", "/api/me", null, null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(BatonHttp.json(response).get("status").asInt()).isEqualTo(401);
	}

	@Test
	void apiWhenTokenResignedWithForeignKeyThen401InvalidToken() {
		String genuine = this.http.signInAlice(USER_SCOPES).accessToken();

		assertInvalidToken(this.http.api("GET", "/api/me", Forgeries.resignedWithForeignKey(genuine), null));
	}

	@Test
	void apiWhenAlgNoneThen401InvalidToken() {
		String genuine = this.http.signInAlice(USER_SCOPES).accessToken();

		assertInvalidToken(this.http.api("GET", "/api/me", Forgeries.algNone(genuine), null));
	}

	@Test
	void apiWhenPayloadTamperedThen401InvalidToken() {
		String genuine = this.http.signInAlice(USER_SCOPES).accessToken();

		assertInvalidToken(this.http.api("GET", "/api/me", Forgeries.tamperedSubject(genuine, "mallory"), null));
	}

	@Test
	void apiWhenTokenExpiredThen401InvalidToken() {
		String token = this.http.signInAlice(USER_SCOPES).accessToken();
		assertThat(this.http.api("GET", "/api/me", token, null).statusCode()).isEqualTo(200);

		// Baton's default access-token lifetime (5 minutes) and the API's clock skew (30
		// seconds) have passed.
		this.apps.clock.advance(Duration.ofMinutes(5).plusSeconds(31));

		assertInvalidToken(this.http.api("GET", "/api/me", token, null));
	}

	@Test
	void apiWhenTokenIsForAnotherAudienceThen401InvalidToken() {
		// demo-admin's tokens are for Baton's admin API (aud http://localhost:9000), not
		// for the demo API.
		String adminToken = this.http.clientCredentials("demo-admin", "demo-admin-secret", "baton.admin");

		assertInvalidToken(this.http.api("GET", "/api/me", adminToken, null));
	}

	@Test
	void apiWhenScopeMissingThen403InsufficientScopeNamingIt() {
		String serviceToken = this.http.clientCredentials("demo-service", "demo-service-secret", "notes.read");
		assertThat(this.http.api("GET", "/api/notes", serviceToken, null).statusCode()).isEqualTo(200);

		HttpResponse<String> response = this.http.api("POST", "/api/notes", serviceToken, "{\"text\":\"x\"}");

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer error=\"insufficient_scope\"")
				.contains("scope=\"notes.write\""));
		assertThat(BatonHttp.json(response).get("status").asInt()).isEqualTo(403);
	}

	@Test
	void apiWhenUserGrantedReadOnlyThenWriteIs403() {
		String readOnly = this.http.signInAlice("openid notes.read").accessToken();

		assertThat(this.http.api("GET", "/api/notes", readOnly, null).statusCode()).isEqualTo(200);
		assertThat(this.http.api("POST", "/api/notes", readOnly, "{\"text\":\"x\"}").statusCode()).isEqualTo(403);
	}

	private static void assertInvalidToken(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\""));
		assertThat(BatonHttp.json(response).get("status").asInt()).isEqualTo(401);
		assertThat(response.body()).doesNotContain("Exception");
	}

}
