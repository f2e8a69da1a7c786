package dev.baton.auth.token;

import java.util.Map;

import dev.baton.auth.client.Client;
import dev.baton.auth.client.ClientRepository;
import dev.baton.auth.client.ClientSecretEncoder;
import dev.baton.auth.testsupport.BatonHttpClient;
import dev.baton.auth.testsupport.BatonServerTests;
import dev.baton.auth.testsupport.HttpResult;
import dev.baton.auth.testsupport.Jwts;
import dev.baton.auth.testsupport.Pkce;
import dev.baton.auth.testsupport.TestClient;
import dev.baton.auth.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 8707 resource indicators over HTTP, for a client whose tokens may be for two APIs:
 * the {@code resource} of the authorization request fixes the family's audiences, a
 * {@code resource} at refresh narrows one access token, and a resource outside the grant
 * is {@code invalid_target} without consuming the refresh token.
 */
class ResourceIndicatorHttpTests extends BatonServerTests {

	private static final String API_A = "https://api-a.example";

	private static final String API_B = "https://api-b.example";

	private static final TestClient TWO_APIS = new TestClient("test-two-apis", "test-two-apis-secret");

	@Autowired
	private ClientRepository clients;

	@BeforeEach
	void registerClient() {
		if (this.clients.findByClientId(TWO_APIS.clientId()).isEmpty()) {
			this.clients.insert(Client.withClientId(TWO_APIS.clientId())
				.clientSecretHash(new ClientSecretEncoder().encode(TWO_APIS.secret()))
				.authenticationMethods(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.grantTypes(AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN)
				.redirectUris(BatonHttpClient.REDIRECT_URI)
				.scopes("openid", "offline_access", "notes.read")
				.audiences(API_A, API_B)
				.requireProofKey(true)
				.firstParty(true)
				.createdAt(this.clock.instant())
				.build());
		}
	}

	@Test
	void refreshWhenResourceNamesOneGrantedApiThenAccessTokenIsForThatApiOnly() throws Exception {
		Tokens tokens = this.http.signIn(TWO_APIS, "openid offline_access notes.read");
		assertThat(Jwts.parse(tokens.accessToken()).getJWTClaimsSet().getAudience()).containsExactlyInAnyOrder(API_A,
				API_B);

		HttpResult narrowed = this.http.refresh(TWO_APIS, tokens.refreshToken(), "resource", API_B);

		assertThat(narrowed.status()).as("%s", narrowed).isEqualTo(200);
		assertThat(Jwts.parse(narrowed.string("access_token")).getJWTClaimsSet().getAudience()).containsExactly(API_B);
		HttpResult next = this.http.refresh(TWO_APIS, narrowed.string("refresh_token"));
		assertThat(Jwts.parse(next.string("access_token")).getJWTClaimsSet().getAudience())
			.as("narrowing one token leaves the grant as it was")
			.containsExactlyInAnyOrder(API_A, API_B);
	}

	@Test
	void authorizeWhenResourceRequestedThenFamilyIsForThatApiAndOthersAreInvalidTarget() throws Exception {
		Tokens tokens = this.http.signIn(TWO_APIS, "openid offline_access notes.read", "resource", API_A);

		assertThat(Jwts.parse(tokens.accessToken()).getJWTClaimsSet().getAudience()).containsExactly(API_A);
		String familyId = this.database.familyOf(tokens.refreshToken());
		assertThat(this.jdbc.queryForObject("SELECT resources FROM token_family WHERE id = ?", String.class, familyId))
			.isEqualTo(API_A);
		HttpResult widened = this.http.refresh(TWO_APIS, tokens.refreshToken(), "resource", API_B);
		assertThat(widened.status()).isEqualTo(400);
		assertThat(widened.string("error")).isEqualTo("invalid_target");
		assertThat(this.database.isConsumed(tokens.refreshToken())).isFalse();
		HttpResult refreshed = this.http.refresh(TWO_APIS, tokens.refreshToken());
		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(Jwts.parse(refreshed.string("access_token")).getJWTClaimsSet().getAudience()).containsExactly(API_A);
	}

	@Test
	void authorizeWhenResourceNotAnAudienceOfTheClientThenInvalidTargetRedirect() {
		HttpResult response = this.http.get("/oauth2/authorize?response_type=code&client_id=test-two-apis"
				+ "&scope=openid&resource=https%3A%2F%2Fevil.example" + "&" + Pkce.RFC_7636_EXAMPLE.requestParameters()
				+ "&redirect_uri=" + dev.baton.auth.testsupport.Form.encodeValue(BatonHttpClient.REDIRECT_URI));

		assertThat(response.status()).isEqualTo(302);
		Map<String, String> parameters = BatonHttpClient.queryParameters(response.location());
		assertThat(response.location().toString()).startsWith(BatonHttpClient.REDIRECT_URI);
		assertThat(parameters).containsEntry("error", "invalid_target").doesNotContainKey("code");
	}

}
