package dev.baton.auth.code;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.token.TokenAttributes;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mapping between the framework's authorization and the hashed
 * {@code authorization_code} row.
 */
class StoredAuthorizationsTests {

	private static final Instant AUTH_TIME = Instant.parse("2026-01-01T00:00:00Z");

	private static final Instant ISSUED_AT = AUTH_TIME.plusSeconds(5);

	private static final Instant EXPIRES_AT = ISSUED_AT.plus(Duration.ofMinutes(5));

	private static final String REDIRECT_URI = "http://127.0.0.1:8765/callback";

	private static final String AUTHORIZATION_URI = "http://localhost:9000/oauth2/authorize";

	private final RegisteredClient client = RegisteredClient.withId("client-1")
		.clientId("demo-mobile")
		.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.redirectUri(REDIRECT_URI)
		.scope("openid")
		.scope("notes.read")
		.build();

	@Test
	void toRowWhenCodeIssuedThenKeepsParametersAndOnlyTheCodeHash() {
		AuthorizationCode row = StoredAuthorizations.toRow(issued(), "demo-mobile", TokenHash.of("code-value"), null,
				ISSUED_AT, EXPIRES_AT);

		assertThat(row.id()).isEqualTo("authz-1");
		assertThat(row.codeHash()).isEqualTo(TokenHash.of("code-value"));
		assertThat(row.consentStateHash()).isNull();
		assertThat(row.subject()).isEqualTo("alice");
		assertThat(row.authTime()).isEqualTo(AUTH_TIME);
		assertThat(row.scopes()).containsExactlyInAnyOrder("openid", "notes.read");
		assertThat(row.redirectUri()).isEqualTo(REDIRECT_URI);
		assertThat(row.clientState()).isEqualTo("client-state");
		assertThat(row.codeChallenge()).isEqualTo("challenge");
		assertThat(row.codeChallengeMethod()).isEqualTo("S256");
		assertThat(row.nonce()).isEqualTo("nonce-1");
		assertThat(row.resources()).containsExactly("http://localhost:8080");
		assertThat(row.expiresAt()).isEqualTo(EXPIRES_AT);
		assertThat(row.toString()).doesNotContain("code-value");
	}

	@Test
	void fromRowWhenCodeUnusedThenAuthorizationTheCodeProviderExpects() {
		AuthorizationCode row = StoredAuthorizations.toRow(issued(), "demo-mobile", TokenHash.of("code-value"), null,
				ISSUED_AT, EXPIRES_AT);

		OAuth2Authorization authorization = StoredAuthorizations.fromRow(row, this.client, "code-value",
				AUTHORIZATION_URI);

		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
		assertThat(code.getToken().getTokenValue()).isEqualTo("code-value");
		assertThat(code.getToken().getExpiresAt()).isEqualTo(EXPIRES_AT);
		assertThat(code.isInvalidated()).isFalse();
		assertThat(authorization.getRefreshToken()).isNull();
		assertThat(authorization.getId()).isEqualTo("authz-1");
		assertThat(authorization.getPrincipalName()).isEqualTo("alice");
		assertThat(authorization.getAuthorizedScopes()).containsExactlyInAnyOrder("openid", "notes.read");
		assertThat(authorization.<Set<String>>getAttribute(TokenAttributes.RESOURCES))
			.containsExactly("http://localhost:8080");
		OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
		assertThat(request.getRedirectUri()).isEqualTo(REDIRECT_URI);
		assertThat(request.getState()).isEqualTo("client-state");
		assertThat(request.getAdditionalParameters()).containsEntry("code_challenge", "challenge")
			.containsEntry("code_challenge_method", "S256")
			.containsEntry("nonce", "nonce-1");
		Authentication principal = authorization.getAttribute(Principal.class.getName());
		assertThat(TokenAttributes.authenticationTime(principal)).contains(AUTH_TIME);
	}

	@Test
	void fromRowWhenCodeConsumedThenInvalidatedWithTokensToRevoke() {
		AuthorizationCode row = StoredAuthorizations.toRow(issued(), "demo-mobile", TokenHash.of("code-value"), null,
				ISSUED_AT, EXPIRES_AT);
		AuthorizationCode consumed = new AuthorizationCode(row.id(), row.codeHash(), null, row.clientId(),
				row.subject(), row.authTime(), row.scopes(), row.redirectUri(), row.clientState(), row.codeChallenge(),
				row.codeChallengeMethod(), row.nonce(), row.resources(), row.issuedAt(), row.expiresAt(),
				ISSUED_AT.plusSeconds(1));

		OAuth2Authorization authorization = StoredAuthorizations.fromRow(consumed, this.client, "code-value",
				AUTHORIZATION_URI);

		assertThat(authorization.getToken(OAuth2AuthorizationCode.class).isInvalidated()).isTrue();
		assertThat(authorization.getRefreshToken().getToken().getTokenValue())
			.isEqualTo(StoredAuthorizations.REDEEMED_CODE_MARKER);
	}

	@Test
	void fromRowWhenWaitingForConsentThenCarriesStateAndNoCode() {
		AuthorizationCode row = StoredAuthorizations.toRow(issued(), "demo-mobile", null, TokenHash.of("consent-state"),
				ISSUED_AT, EXPIRES_AT);

		OAuth2Authorization authorization = StoredAuthorizations.fromRow(row, this.client, "consent-state",
				AUTHORIZATION_URI);

		assertThat(authorization.getToken(OAuth2AuthorizationCode.class)).isNull();
		assertThat(authorization.<String>getAttribute(OAuth2ParameterNames.STATE)).isEqualTo("consent-state");
		assertThat(row.scopes()).containsExactlyInAnyOrder("openid", "notes.read", "profile");
	}

	private OAuth2Authorization issued() {
		OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri(AUTHORIZATION_URI)
			.clientId("demo-mobile")
			.redirectUri(REDIRECT_URI)
			.scopes(Set.of("openid", "notes.read", "profile"))
			.state("client-state")
			.additionalParameters(Map.of("code_challenge", "challenge", "code_challenge_method", "S256", "nonce",
					"nonce-1", "resource", new String[] { "http://localhost:8080" }))
			.build();
		return OAuth2Authorization.withRegisteredClient(this.client)
			.id("authz-1")
			.principalName("alice")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizedScopes(Set.of("openid", "notes.read"))
			.attribute(OAuth2AuthorizationRequest.class.getName(), request)
			.attribute(Principal.class.getName(), TokenAttributes.userPrincipal("alice", AUTH_TIME))
			.token(new OAuth2AuthorizationCode("code-value", ISSUED_AT, EXPIRES_AT))
			.build();
	}

}
