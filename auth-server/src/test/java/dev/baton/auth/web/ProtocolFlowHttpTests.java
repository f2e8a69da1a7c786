package dev.baton.auth.web;

import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.baton.auth.testsupport.BatonHttpClient;
import dev.baton.auth.testsupport.BatonServerTests;
import dev.baton.auth.testsupport.Form;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.Jwts;
import dev.baton.auth.testsupport.Pkce;
import dev.baton.auth.testsupport.TestClient;
import dev.baton.auth.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The protocol endpoints over real HTTP: the authorization-code flow with PKCE for a
 * confidential and a public client, client credentials, discovery, JWKS, the RFC 9068
 * access token, userinfo, introspection, revocation and RP-initiated logout. Each test
 * checks the status, the body and what the database holds afterwards.
 */
class ProtocolFlowHttpTests extends BatonServerTests {

	@Test
	void authorizationCodeWhenConfidentialClientWithPkceThenIssuesTokensAndStartsFamily() throws Exception {
		int codesBefore = this.database.rowCounts().get("authorization_code");
		BatonHttpClient.AuthorizationCode code = this.http.authorize(TestClient.WEB, BatonHttpClient.USER_SCOPES);

		HttpResult response = this.http.exchange(code);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Cache-Control")).contains("no-store");
		Map<String, Object> body = response.json();
		assertThat(body).containsKeys("access_token", "refresh_token", "id_token", "expires_in");
		assertThat(body.get("token_type")).isEqualTo("Bearer");
		assertThat(body.get("refresh_token").toString()).matches("[A-Za-z0-9_-]{43}");
		String familyId = this.database.familyOf(body.get("refresh_token").toString());
		assertThat(this.jdbc.queryForMap(
				"SELECT client_id, subject, scopes, resources, revoked_at FROM token_family " + "WHERE id = ?",
				familyId))
			.containsEntry("client_id", "demo-web")
			.containsEntry("subject", aliceSubject())
			.containsEntry("resources", "http://localhost:8080")
			.containsEntry("revoked_at", null);
		assertThat(this.database.tokenCount(familyId)).isEqualTo(1);
		assertThat(this.database.auditEvents(familyId, "TOKEN_FAMILY_CREATED")).isEqualTo(1);
		assertThat(this.database.rowCounts().get("authorization_code")).isEqualTo(codesBefore + 1);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM authorization_code WHERE id = ? " + "AND consumed_at IS NOT NULL", Integer.class,
				familyId))
			.isEqualTo(1);
		JWTClaimsSet idToken = Jwts.parse(body.get("id_token").toString()).getJWTClaimsSet();
		assertThat(idToken.getAudience()).containsExactly("demo-web");
		assertThat(idToken.getSubject()).isEqualTo(aliceSubject());
		assertThat(idToken.getStringClaim("preferred_username")).isEqualTo("alice");
	}

	@Test
	void authorizationCodeWhenPublicClientWithPkceThenIssuesTokens() {
		Tokens tokens = this.http.signIn(TestClient.MOBILE);

		assertThat(tokens.accessToken()).isNotBlank();
		assertThat(tokens.refreshToken()).isNotBlank();
		String familyId = this.database.familyOf(tokens.refreshToken());
		assertThat(this.jdbc.queryForObject("SELECT client_id FROM token_family WHERE id = ?", String.class, familyId))
			.isEqualTo("demo-mobile");
		assertThat(Jwts.parse(tokens.accessToken()).getPayload().toJSONObject()).containsEntry("sid", familyId);
	}

	@Test
	void authorizationCodeWhenCodeRedeemedTwiceThenSecondFailsAndFamilyRevoked() {
		BatonHttpClient.AuthorizationCode code = this.http.authorize(TestClient.WEB, BatonHttpClient.USER_SCOPES);
		HttpResult first = this.http.exchange(code);
		assertThat(first.status()).isEqualTo(200);

		HttpResult second = this.http.exchange(code);

		assertThat(second.status()).isEqualTo(400);
		assertThat(second.string("error")).isEqualTo("invalid_grant");
		String familyId = this.database.familyOf(Tokens.of(first).refreshToken());
		assertThat(this.database.revokedReason(familyId)).isEqualTo("AUTHORIZATION_CODE_REUSED");
		assertThat(this.http.refresh(TestClient.WEB, Tokens.of(first).refreshToken()).status()).isEqualTo(400);
	}

	@Test
	void clientCredentialsWhenServiceClientThenIssuesAccessTokenOnlyAndStoresNothing() throws Exception {
		Map<String, Integer> before = this.database.rowCounts();

		HttpResult response = this.http.clientCredentials(TestClient.SERVICE, "notes.read");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Cache-Control")).contains("no-store");
		assertThat(response.json()).containsKey("access_token").doesNotContainKey("refresh_token");
		JWTClaimsSet claims = Jwts.parse(response.string("access_token")).getJWTClaimsSet();
		assertThat(claims.getSubject()).isEqualTo("demo-service");
		assertThat(claims.getStringClaim("scope")).isEqualTo("notes.read");
		assertThat(claims.getStringClaim("client_id")).isEqualTo("demo-service");
		assertThat(claims.getAudience()).containsExactly("http://localhost:8080");
		assertThat(claims.getClaims()).doesNotContainKeys("sid", "auth_time");
		assertThat(this.database.rowCounts()).isEqualTo(before);
	}

	@Test
	void clientCredentialsWhenScopeNotRegisteredThenInvalidScope() {
		HttpResult response = this.http.clientCredentials(TestClient.SERVICE, "notes.write");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.string("error")).isEqualTo("invalid_scope");
	}

	@Test
	void discoveryWhenBothWellKnownDocumentsThenAdvertiseBatonEndpoints() {
		for (String path : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
			HttpResult response = this.http.get(path);

			assertThat(response.status()).as(path).isEqualTo(200);
			Map<String, Object> metadata = response.json();
			assertThat(metadata).as(path)
				.containsEntry("issuer", ISSUER)
				.containsEntry("token_endpoint", ISSUER + "/oauth2/token")
				.containsEntry("jwks_uri", ISSUER + "/oauth2/jwks")
				.containsEntry("revocation_endpoint", ISSUER + "/oauth2/revoke")
				.containsEntry("introspection_endpoint", ISSUER + "/oauth2/introspect")
				.containsEntry("code_challenge_methods_supported", List.of("S256"))
				.containsEntry("grant_types_supported",
						List.of("authorization_code", "refresh_token", "client_credentials"))
				.containsEntry("authorization_response_iss_parameter_supported", true)
				.doesNotContainKeys("device_authorization_endpoint", "pushed_authorization_request_endpoint");
		}
		Map<String, Object> oidc = this.http.get("/.well-known/openid-configuration").json();
		assertThat(oidc).containsEntry("userinfo_endpoint", ISSUER + "/userinfo")
			.containsEntry("end_session_endpoint", ISSUER + "/connect/logout");
		@SuppressWarnings("unchecked")
		List<String> claims = (List<String>) oidc.get("claims_supported");
		assertThat(claims).contains("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "sid", "name",
				"preferred_username", "email");
	}

	/**
	 * RFC 9207 §2: the authorization response names its issuer, on success and on error.
	 */
	@Test
	void authorizeWhenCodeOrErrorGoesBackToClientThenCarriesIss() {
		this.http.signIn(TestClient.WEB);
		String request = "/oauth2/authorize?response_type=code&client_id=demo-web&state=s%201&redirect_uri="
				+ Form.encodeValue(BatonHttpClient.REDIRECT_URI) + "&" + Pkce.RFC_7636_EXAMPLE.requestParameters()
				+ "&scope=";

		HttpResult success = this.http.get(request + "openid");
		HttpResult error = this.http.get(request + "not-a-scope");

		assertThat(success.status()).isEqualTo(302);
		Map<String, String> code = BatonHttpClient.queryParameters(success.location());
		assertThat(code).containsEntry("iss", ISSUER).containsEntry("state", "s 1").containsKey("code");
		assertThat(error.status()).isEqualTo(302);
		assertThat(BatonHttpClient.queryParameters(error.location())).containsEntry("iss", ISSUER)
			.containsEntry("error", "invalid_scope")
			.containsEntry("state", "s 1");
	}

	@Test
	void jwksWhenFetchedThenPublicSigningKeysWithKidUseAndAlgOnly() throws Exception {
		HttpResult response = this.http.get("/oauth2/jwks");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type")).isEqualToIgnoringCase("application/json;charset=UTF-8");
		// cacheable, and for less than the publish lead of a new key (PT10M) minus
		// Baton's own key cache (PT1M)
		assertThat(response.header("Cache-Control")).isEqualTo("public, max-age=270");
		assertThat(response.header("Pragma")).isNull();
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> keys = (List<Map<String, Object>>) response.json().get("keys");
		assertThat(keys).isNotEmpty();
		for (Map<String, Object> key : keys) {
			assertThat(key).containsKeys("kid", "alg", "kty").containsEntry("use", "sig");
			assertThat(key).doesNotContainKeys("d", "p", "q", "dp", "dq", "qi", "oth", "k");
		}
		assertThat(this.jdbc.queryForList("SELECT kid FROM signing_key", String.class))
			.containsAll(keys.stream().map((key) -> key.get("kid").toString()).toList());
	}

	@Test
	void accessTokenWhenIssuedForUserThenIsRfc9068JwtVerifiableWithJwks() throws Exception {
		Tokens tokens = this.http.signIn(TestClient.WEB);

		SignedJWT jwt = Jwts.parse(tokens.accessToken());
		assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
		JWK key = JWKSet.parse(this.http.get("/oauth2/jwks").body()).getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(key).isNotNull();
		assertThat(jwt
			.verify(new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(), key.toRSAKey().toPublicKey())))
			.isTrue();
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(ISSUER);
		assertThat(claims.getSubject()).isEqualTo(aliceSubject()).isNotEqualTo("alice");
		assertThat(claims.getAudience()).containsExactly("http://localhost:8080");
		assertThat(claims.getClaim("scope")).isInstanceOf(String.class);
		assertThat(claims.getStringClaim("scope").split(" ")).containsExactlyInAnyOrder("openid", "profile",
				"offline_access", "notes.read", "notes.write");
		assertThat(claims.getStringClaim("client_id")).isEqualTo("demo-web");
		assertThat(claims.getStringClaim("sid")).isEqualTo(this.database.familyOf(tokens.refreshToken()));
		assertThat(claims.getClaim("auth_time")).isNotNull();
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(claims.getIssueTime()).isNotNull();
		assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(300_000);
	}

	@Test
	void accessTokenWhenResourceNarrowsAtRefreshThenAudienceIsThatResource() throws Exception {
		Tokens tokens = this.http.signIn(TestClient.WEB);

		HttpResult response = this.http.refresh(TestClient.WEB, tokens.refreshToken(), "resource",
				"http://localhost:8080");

		assertThat(response.status()).as("%s", response).isEqualTo(200);
		assertThat(Jwts.parse(response.string("access_token")).getJWTClaimsSet().getAudience())
			.containsExactly("http://localhost:8080");
		HttpResult foreign = this.http.refresh(TestClient.WEB, response.string("refresh_token"), "resource",
				"https://elsewhere.example");
		assertThat(foreign.status()).isEqualTo(400);
		assertThat(foreign.string("error")).isEqualTo("invalid_target");
		assertThat(this.database.isConsumed(response.string("refresh_token"))).isFalse();
	}

	@Test
	void userInfoWhenAccessTokenOfStandingFamilyThenReturnsClaimsAndAfterRevocationInvalidToken() {
		Tokens tokens = this.http.signIn(TestClient.WEB);

		HttpResult response = this.http.get("/userinfo", "Authorization", "Bearer " + tokens.accessToken());

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).containsEntry("sub", aliceSubject())
			.containsEntry("preferred_username", "alice")
			.containsEntry("name", "Alice Example");
		this.http.revoke(TestClient.WEB, tokens.refreshToken());
		HttpResult revoked = this.http.get("/userinfo", "Authorization", "Bearer " + tokens.accessToken());
		assertThat(revoked.status()).isEqualTo(401);
		assertThat(revoked.header("WWW-Authenticate")).contains("invalid_token");
	}

	@Test
	void introspectWhenActiveAccessTokenThenActiveWithClaimsAndUnknownTokenInactive() {
		Tokens tokens = this.http.signIn(TestClient.WEB);

		HttpResult response = this.http.introspect(TestClient.WEB, tokens.accessToken());

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).containsEntry("active", true)
			.containsEntry("client_id", "demo-web")
			.containsEntry("sub", aliceSubject())
			.containsEntry("token_type", "Bearer");
		assertThat(response.string("scope")).contains("notes.read");
		HttpResult refresh = this.http.introspect(TestClient.WEB, tokens.refreshToken());
		assertThat(refresh.json()).containsEntry("active", true).containsEntry("client_id", "demo-web");
		// RFC 7662 §2.2: token_type values are access token types (RFC 6749 §7.1); a
		// refresh token has none
		assertThat(refresh.json()).doesNotContainKey("token_type");
		HttpResult unknown = this.http.introspect(TestClient.WEB, "no-such-token");
		assertThat(unknown.status()).isEqualTo(200);
		assertThat(unknown.json()).isEqualTo(Map.of("active", false));
	}

	@Test
	void introspectWhenRefreshTokenOfAnotherClientThenInactiveAndNotConsumed() {
		Tokens tokens = this.http.signIn(TestClient.MOBILE);

		HttpResult response = this.http.introspect(TestClient.WEB, tokens.refreshToken());

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).isEqualTo(Map.of("active", false));
		assertThat(this.database.isConsumed(tokens.refreshToken())).isFalse();
		assertThat(this.http.refresh(TestClient.MOBILE, tokens.refreshToken()).status()).isEqualTo(200);
	}

	@Test
	void revokeWhenRefreshTokenThenWholeFamilyRevokedAndAccessTokenInactive() {
		Tokens tokens = this.http.signIn(TestClient.WEB);
		HttpResult rotated = this.http.refresh(TestClient.WEB, tokens.refreshToken());
		String successor = rotated.string("refresh_token");
		String accessToken = rotated.string("access_token");
		assertThat(this.http.isActive(accessToken)).isTrue();

		HttpResult response = this.http.revoke(TestClient.WEB, successor);

		assertThat(response.status()).isEqualTo(200);
		String familyId = this.database.familyOf(successor);
		assertThat(this.database.revokedReason(familyId)).isEqualTo("TOKEN_REVOKED");
		assertThat(this.database.auditEvents(familyId, "TOKEN_FAMILY_REVOKED")).isEqualTo(1);
		assertThat(this.http.isActive(accessToken)).isFalse();
		assertThat(this.http.isActive(tokens.accessToken())).isFalse();
		HttpResult refresh = this.http.refresh(TestClient.WEB, successor);
		assertThat(refresh.status()).isEqualTo(400);
		assertThat(refresh.string("error")).isEqualTo("invalid_grant");
	}

	/**
	 * RFC 7009 §2.1: the request is refused with an error (§2.2.1), and nothing is
	 * revoked.
	 */
	@Test
	void revokeWhenTokenIssuedToAnotherClientThenInvalidGrantAndNothingRevoked() {
		Tokens tokens = this.http.signIn(TestClient.MOBILE);
		String familyId = this.database.familyOf(tokens.refreshToken());

		HttpResult refreshToken = this.http.revoke(TestClient.WEB, tokens.refreshToken());
		HttpResult accessToken = this.http.revoke(TestClient.WEB, tokens.accessToken());

		for (HttpResult response : List.of(refreshToken, accessToken)) {
			assertThat(response.status()).as("%s", response).isEqualTo(400);
			assertThat(response.header("Content-Type")).startsWith("application/json");
			assertThat(response.string("error")).isEqualTo("invalid_grant");
		}
		assertThat(this.database.isRevoked(familyId)).isFalse();
		assertThat(this.http.refresh(TestClient.MOBILE, tokens.refreshToken()).status()).isEqualTo(200);
	}

	@Test
	void revokeWhenPublicClientRevokesOwnTokenThenFamilyRevoked() {
		Tokens tokens = this.http.signIn(TestClient.MOBILE);

		HttpResult response = this.http.revoke(TestClient.MOBILE, tokens.refreshToken());

		assertThat(response.status()).isEqualTo(200);
		assertThat(this.database.isRevoked(this.database.familyOf(tokens.refreshToken()))).isTrue();
	}

	@Test
	void logoutWhenIdTokenHintAndRegisteredPostLogoutRedirectThenRedirectsAndRevokesFamilies() {
		Tokens tokens = this.http.signIn(TestClient.WEB);
		String familyId = this.database.familyOf(tokens.refreshToken());
		BatonHttpClient otherDevice = new BatonHttpClient(this.http.baseUrl());
		Tokens mobile = otherDevice.signIn(TestClient.MOBILE);

		HttpResult response = this.http.get("/connect/logout?id_token_hint=" + tokens.idToken()
				+ "&post_logout_redirect_uri=" + Form.encodeValue("http://127.0.0.1:8765/") + "&state=bye");

		assertThat(response.status()).as("%s", response).isEqualTo(302);
		assertThat(response.location().toString()).isEqualTo("http://127.0.0.1:8765/?state=bye");
		assertThat(this.database.revokedReason(familyId)).isEqualTo("LOGGED_OUT");
		assertThat(this.http.refresh(TestClient.WEB, tokens.refreshToken()).status()).isEqualTo(400);
		assertThat(this.database.isRevoked(this.database.familyOf(mobile.refreshToken()))).isFalse();
		HttpResult again = this.http.get("/oauth2/authorize?response_type=code&client_id=demo-web&scope=openid" + "&"
				+ Pkce.RFC_7636_EXAMPLE.requestParameters() + "&redirect_uri="
				+ Form.encodeValue(BatonHttpClient.REDIRECT_URI));
		assertThat(again.status()).as("signed out of the browser session").isEqualTo(302);
		assertThat(again.location().getPath()).isEqualTo("/login");
	}

	@Test
	void logoutWhenPostLogoutRedirectNotRegisteredThenErrorWithoutRedirect() {
		Tokens tokens = this.http.signIn(TestClient.WEB);

		HttpResult response = this.http.get("/connect/logout?id_token_hint=" + tokens.idToken()
				+ "&post_logout_redirect_uri=" + Form.encodeValue("https://evil.example/"));

		assertThat(response.status()).isEqualTo(400);
		assertThat(this.database.isRevoked(this.database.familyOf(tokens.refreshToken()))).isFalse();
	}

	@Test
	void tokenWhenCodeVerifierWrongThenInvalidGrantAndNoFamily() {
		BatonHttpClient.AuthorizationCode code = this.http.authorize(TestClient.MOBILE, BatonHttpClient.USER_SCOPES);
		java.util.Map<String, Integer> before = this.database.rowCounts();

		HttpResult response = this.http
			.exchange(new BatonHttpClient.AuthorizationCode(code.code(), "x".repeat(43), code.client()));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.string("error")).isEqualTo("invalid_grant");
		assertThat(this.database.rowCounts()).isEqualTo(before);
	}

	@Test
	void tokenWhenCodeRedeemedByAnotherClientThenInvalidGrantAndNoFamily() {
		BatonHttpClient.AuthorizationCode code = this.http.authorize(TestClient.MOBILE, BatonHttpClient.USER_SCOPES);
		int families = this.database.rowCounts().get("token_family");

		HttpResult response = this.http
			.exchange(new BatonHttpClient.AuthorizationCode(code.code(), code.verifier(), TestClient.WEB));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.string("error")).isEqualTo("invalid_grant");
		assertThat(this.database.rowCounts().get("token_family")).isEqualTo(families);
	}

	@Test
	void introspectWhenAccessTokenOfAnotherClientThenInactiveUnlessResourceServerOfItsAudience() {
		Tokens tokens = this.http.signIn(TestClient.WEB);

		HttpResult other = this.http.introspect(TestClient.SERVICE, tokens.accessToken());
		HttpResult resourceServer = this.http.introspect(TestClient.RESOURCE_SERVER, tokens.accessToken());

		assertThat(other.status()).isEqualTo(200);
		assertThat(other.json()).isEqualTo(Map.of("active", false));
		assertThat(resourceServer.json()).containsEntry("active", true)
			.containsEntry("client_id", "demo-web")
			.containsEntry("username", "alice")
			.doesNotContainEntry("sub", "alice");
	}

	@Test
	void revokeWhenUserAccessTokenThenItsFamilyRevoked() {
		Tokens tokens = this.http.signIn(TestClient.WEB);

		HttpResult response = this.http.revoke(TestClient.WEB, tokens.accessToken());

		assertThat(response.status()).isEqualTo(200);
		assertThat(this.database.revokedReason(this.database.familyOf(tokens.refreshToken())))
			.isEqualTo("TOKEN_REVOKED");
		assertThat(this.http.isActive(tokens.accessToken())).isFalse();
	}

	@Test
	void revokeWhenClientCredentialsAccessTokenThenUnsupportedTokenType() {
		String accessToken = this.http.clientCredentials(TestClient.SERVICE, "notes.read").string("access_token");

		HttpResult response = this.http.revoke(TestClient.SERVICE, accessToken);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.string("error")).isEqualTo("unsupported_token_type");
	}

}
