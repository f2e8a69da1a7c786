package dev.baton.auth.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.baton.auth.client.Client;
import dev.baton.auth.client.ClientRepository;
import dev.baton.auth.client.DatabaseRegisteredClientRepository;
import dev.baton.auth.testsupport.RegisteredClients;
import dev.baton.auth.user.UserAccount;
import dev.baton.auth.user.UserAccountRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Access tokens as RFC 9068 JWTs, produced by the framework's {@link JwtGenerator} with
 * Baton's customizer, as the token endpoint produces them.
 */
class AccessTokenClaimsCustomizerTests {

	private final UserAccountRepository accounts = mock(UserAccountRepository.class);

	private static final String API = "http://localhost:8080";

	private static final String OTHER_API = "http://localhost:8081";

	private static final String ALICE_ID = "0b7e7f1c-8d1e-4f8e-9a43-4a9d2b6c1e55";

	private static final Instant AUTH_TIME = Instant.parse("2026-01-01T00:00:00Z");

	private static final AuthorizationServerSettings SETTINGS = AuthorizationServerSettings.builder()
		.issuer("http://localhost:9000")
		.build();

	private static final RSAKey SIGNING_KEY = signingKey();

	private final ClientRepository clients = mock(ClientRepository.class);

	private final JwtGenerator generator = new JwtGenerator(
			new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(SIGNING_KEY))));

	private RegisteredClient web;

	private RegisteredClient service;

	@BeforeEach
	void setUp() {
		given(this.clients.findByClientId("demo-web")).willReturn(Optional.of(Client.withClientId("demo-web")
			.clientSecretHash("{sha256}unused")
			.authenticationMethods(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.grantTypes(AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris("http://127.0.0.1:8765/callback")
			.scopes("openid", "profile", "offline_access", "notes.read", "notes.write")
			.audiences(API, OTHER_API)
			.accessTokenTtl(Duration.ofMinutes(2))
			.createdAt(AUTH_TIME)
			.build()));
		given(this.clients.findByClientId("demo-service")).willReturn(Optional.of(Client.withClientId("demo-service")
			.clientSecretHash("{sha256}unused")
			.authenticationMethods(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.grantTypes(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scopes("notes.read")
			.createdAt(AUTH_TIME)
			.build()));
		DatabaseRegisteredClientRepository registered = RegisteredClients.of(this.clients);
		this.web = registered.findByClientId("demo-web");
		this.service = registered.findByClientId("demo-service");
		this.generator.setJwtCustomizer(new AccessTokenClaimsCustomizer(
				new TokenProperties(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(30)),
				this.accounts));
	}

	@Test
	void customizeWhenUserAccessTokenThenRfc9068HeaderAndClaims() {
		Jwt jwt = userAccessToken(codeGrant(Map.of()), Set.of("openid", "notes.read"));

		assertThat(jwt.getHeaders()).containsEntry("typ", "at+jwt");
		assertThat(jwt.getClaimAsString("iss")).isEqualTo("http://localhost:9000");
		assertThat(jwt.getSubject()).isEqualTo(ALICE_ID);
		assertThat(jwt.getClaims()).doesNotContainKey("preferred_username");
		assertThat(jwt.getClaimAsString("client_id")).isEqualTo("demo-web");
		assertThat(jwt.getClaims().get("scope")).isInstanceOf(String.class);
		assertThat(Arrays.asList(jwt.getClaimAsString("scope").split(" "))).containsExactlyInAnyOrder("openid",
				"notes.read");
		assertThat(jwt.getId()).isNotBlank();
		assertThat(jwt.getClaimAsString("sid")).isEqualTo("family-1");
		assertThat(jwt.getClaimAsInstant("auth_time")).isEqualTo(AUTH_TIME);
		assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(2));
	}

	@Test
	void customizeWhenNoResourceRequestedThenAudienceIsTheGrantedApis() {
		Jwt jwt = userAccessToken(codeGrant(Map.of()), Set.of("notes.read"));

		assertThat(jwt.getAudience()).containsExactly(API);
	}

	@Test
	void customizeWhenClientHasSeveralApisAndNoGrantNarrowingThenAllOfThem() {
		Jwt jwt = generate(context(this.web, null,
				new OAuth2ClientCredentialsAuthenticationToken(principal(this.web), Set.of("notes.read"), Map.of()),
				AuthorizationGrantType.CLIENT_CREDENTIALS, Set.of("notes.read")));

		assertThat(jwt.getAudience()).containsExactly(API, OTHER_API);
	}

	@Test
	void customizeWhenResourceWithinGrantRequestedThenAudienceNarrowed() {
		OAuth2Authorization authorization = authorization(Set.of(API, OTHER_API));

		Jwt jwt = generate(context(this.web, authorization, refreshGrant(Map.of("resource", OTHER_API)),
				AuthorizationGrantType.REFRESH_TOKEN, Set.of("notes.read")));

		assertThat(jwt.getAudience()).containsExactly(OTHER_API);
	}

	@Test
	void customizeWhenResourceOutsideGrantRequestedThenInvalidTarget() {
		OAuth2Authorization authorization = authorization(Set.of(API));

		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> generate(context(this.web, authorization, refreshGrant(Map.of("resource", OTHER_API)),
					AuthorizationGrantType.REFRESH_TOKEN, Set.of("notes.read"))))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_target"));
	}

	@Test
	void customizeWhenResourceIsNotAnAbsoluteUriThenInvalidTarget() {
		// demo-service has no configured API: its tokens are for its own client_id, which
		// is no resource URI.
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> generate(context(this.service, null,
					new OAuth2ClientCredentialsAuthenticationToken(principal(this.service), Set.of("notes.read"),
							Map.of("resource", "demo-service")),
					AuthorizationGrantType.CLIENT_CREDENTIALS, Set.of("notes.read"))))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_target"));
	}

	@Test
	void customizeWhenClientCredentialsThenNoUserClaims() {
		Jwt jwt = generate(context(this.service, null,
				new OAuth2ClientCredentialsAuthenticationToken(principal(this.service), Set.of("notes.read"), Map.of()),
				AuthorizationGrantType.CLIENT_CREDENTIALS, Set.of("notes.read")));

		assertThat(jwt.getHeaders()).containsEntry("typ", "at+jwt");
		assertThat(jwt.getSubject()).isEqualTo("demo-service");
		assertThat(jwt.getClaimAsString("client_id")).isEqualTo("demo-service");
		assertThat(jwt.getClaimAsString("scope")).isEqualTo("notes.read");
		assertThat(jwt.getAudience()).containsExactly("demo-service");
		assertThat(jwt.getClaims()).doesNotContainKeys("sid", "auth_time");
	}

	@Test
	void customizeWhenNoScopeAuthorizedThenNoScopeClaim() {
		Jwt jwt = generate(context(this.service, null,
				new OAuth2ClientCredentialsAuthenticationToken(principal(this.service), Set.of(), Map.of()),
				AuthorizationGrantType.CLIENT_CREDENTIALS, Set.of()));

		assertThat(jwt.getClaims()).doesNotContainKey("scope");
	}

	@Test
	void customizeWhenIdTokenThenIdTokenLifetimeAndNoAccessTokenType() {
		OAuth2Authorization authorization = authorization(Set.of(API));
		Jwt idToken = generate(DefaultOAuth2TokenContext.builder()
			.registeredClient(this.web)
			.principal(TokenAttributes.userPrincipal("alice", AUTH_TIME))
			.authorizationServerContext(serverContext())
			.authorization(authorization)
			.authorizedScopes(Set.of(OidcScopes.OPENID))
			.tokenType(new OAuth2TokenType("id_token"))
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrant(codeGrant(Map.of()))
			.build());

		assertThat(idToken.getHeaders().get("typ")).isNotEqualTo("at+jwt");
		assertThat(Duration.between(idToken.getIssuedAt(), idToken.getExpiresAt())).isEqualTo(Duration.ofMinutes(30));
		assertThat(idToken.getAudience()).containsExactly("demo-web");
		assertThat(idToken.getSubject()).isEqualTo(ALICE_ID);
		assertThat(idToken.getClaims()).doesNotContainKey("preferred_username");
	}

	@Test
	void customizeWhenIdTokenWithProfileScopeThenPreferredUsernameBesideTheStableSubject() {
		Jwt idToken = generate(DefaultOAuth2TokenContext.builder()
			.registeredClient(this.web)
			.principal(TokenAttributes.userPrincipal("alice", AUTH_TIME))
			.authorizationServerContext(serverContext())
			.authorization(authorization(Set.of(API)))
			.authorizedScopes(Set.of(OidcScopes.OPENID, OidcScopes.PROFILE))
			.tokenType(new OAuth2TokenType("id_token"))
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrant(codeGrant(Map.of()))
			.build());

		assertThat(idToken.getSubject()).isEqualTo(ALICE_ID);
		assertThat(idToken.getClaimAsString("preferred_username")).isEqualTo("alice");
	}

	@Test
	void customizeWhenIdTokenWithEmailScopeThenTheAccountsAddressAndWhetherItIsVerified() {
		given(this.accounts.findById(ALICE_ID)).willReturn(Optional
			.of(new UserAccount(ALICE_ID, "alice", "alice@example.com", false, "Alice", "{noop}x", true, AUTH_TIME)));

		Jwt unverified = idToken(Set.of(OidcScopes.OPENID, OidcScopes.EMAIL));
		given(this.accounts.findById(ALICE_ID)).willReturn(Optional
			.of(new UserAccount(ALICE_ID, "alice", "alice@example.com", true, "Alice", "{noop}x", true, AUTH_TIME)));
		Jwt verified = idToken(Set.of(OidcScopes.OPENID, OidcScopes.EMAIL));
		Jwt withoutScope = idToken(Set.of(OidcScopes.OPENID));

		assertThat(unverified.getClaimAsString("email")).isEqualTo("alice@example.com");
		assertThat(unverified.getClaimAsBoolean("email_verified")).isFalse();
		assertThat(verified.getClaimAsBoolean("email_verified")).isTrue();
		assertThat(withoutScope.getClaims()).doesNotContainKeys("email", "email_verified");
	}

	private Jwt idToken(Set<String> scopes) {
		return generate(DefaultOAuth2TokenContext.builder()
			.registeredClient(this.web)
			.principal(TokenAttributes.userPrincipal("alice", AUTH_TIME))
			.authorizationServerContext(serverContext())
			.authorization(authorization(Set.of(API)))
			.authorizedScopes(scopes)
			.tokenType(new OAuth2TokenType("id_token"))
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrant(codeGrant(Map.of()))
			.build());
	}

	@Test
	void customizeWhenUserTokenWithoutSubjectIdThenRefusedRatherThanNamedByUsername() {
		OAuth2Authorization authorization = OAuth2Authorization.from(authorization(Set.of(API)))
			.attributes((attributes) -> attributes.remove(TokenAttributes.SUBJECT))
			.build();

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> generate(context(this.web,
				authorization, codeGrant(Map.of()), AuthorizationGrantType.AUTHORIZATION_CODE, Set.of("openid"))));
	}

	private Jwt userAccessToken(OAuth2AuthorizationGrantAuthenticationToken grant, Set<String> scopes) {
		return generate(context(this.web, authorization(Set.of(API)), grant, AuthorizationGrantType.AUTHORIZATION_CODE,
				scopes));
	}

	private Jwt generate(DefaultOAuth2TokenContext context) {
		return this.generator.generate(context);
	}

	private DefaultOAuth2TokenContext context(RegisteredClient client, OAuth2Authorization authorization,
			OAuth2AuthorizationGrantAuthenticationToken grant, AuthorizationGrantType grantType, Set<String> scopes) {
		Authentication principal = (authorization != null) ? TokenAttributes.userPrincipal("alice", AUTH_TIME)
				: principal(client);
		DefaultOAuth2TokenContext.Builder builder = DefaultOAuth2TokenContext.builder()
			.registeredClient(client)
			.principal(principal)
			.authorizationServerContext(serverContext())
			.authorizedScopes(scopes)
			.tokenType(OAuth2TokenType.ACCESS_TOKEN)
			.authorizationGrantType(grantType)
			.authorizationGrant(grant);
		if (authorization != null) {
			builder.authorization(authorization);
		}
		return builder.build();
	}

	private OAuth2Authorization authorization(Set<String> resources) {
		return OAuth2Authorization.withRegisteredClient(this.web)
			.id("family-1")
			.principalName("alice")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizedScopes(Set.of("openid", "notes.read"))
			.attribute(TokenAttributes.RESOURCES, resources)
			.attribute(TokenAttributes.SUBJECT, ALICE_ID)
			.attribute(OAuth2AuthorizationRequest.class.getName(),
					OAuth2AuthorizationRequest.authorizationCode()
						.authorizationUri("http://localhost:9000/oauth2/authorize")
						.clientId("demo-web")
						.redirectUri("http://127.0.0.1:8765/callback")
						.scopes(Set.of("openid", "notes.read"))
						.build())
			.build();
	}

	private OAuth2AuthorizationCodeAuthenticationToken codeGrant(Map<String, Object> parameters) {
		return new OAuth2AuthorizationCodeAuthenticationToken("code", principal(this.web),
				"http://127.0.0.1:8765/callback", parameters);
	}

	private OAuth2RefreshTokenAuthenticationToken refreshGrant(Map<String, Object> parameters) {
		return new OAuth2RefreshTokenAuthenticationToken("refresh-token", principal(this.web), Set.of(), parameters);
	}

	private static OAuth2ClientAuthenticationToken principal(RegisteredClient client) {
		return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.CLIENT_SECRET_BASIC, null);
	}

	private static AuthorizationServerContext serverContext() {
		return new AuthorizationServerContext() {

			@Override
			public String getIssuer() {
				return SETTINGS.getIssuer();
			}

			@Override
			public AuthorizationServerSettings getAuthorizationServerSettings() {
				return SETTINGS;
			}

		};
	}

	/**
	 * RS256, the algorithm the framework's generator asks for; Baton's own encoder uses
	 * the active key's.
	 */
	private static RSAKey signingKey() {
		try {
			return new RSAKeyGenerator(2048).keyID("test-key").generate();
		}
		catch (com.nimbusds.jose.JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
