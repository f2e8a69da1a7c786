package dev.baton.auth.refresh;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.audit.JdbcAuditEventRepository;
import dev.baton.auth.client.Client;
import dev.baton.auth.client.DatabaseRegisteredClientRepository;
import dev.baton.auth.client.JdbcClientRepository;
import dev.baton.auth.crypto.OpaqueTokens;
import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.refresh.TokenFamilyService.NewFamily;
import dev.baton.auth.support.RequestOrigin;
import dev.baton.auth.testsupport.InMemoryDatabase;
import dev.baton.auth.testsupport.MutableClock;
import dev.baton.auth.testsupport.RegisteredClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Introspection (RFC 7662) without stored access tokens: a user's access token is active
 * only while its family stands (DESIGN rule 2: after reuse, "introspection reports its
 * access tokens inactive"), and only to the token's own client or a resource server of
 * its audience (RFC 7662 §4).
 */
class FamilyAwareTokenIntrospectionAuthenticationProviderTests {

	private final InMemoryDatabase db = InMemoryDatabase.migrated();

	private final MutableClock clock = MutableClock.startingAtNewYear();

	private final JdbcRefreshTokenRepository refreshTokens = new JdbcRefreshTokenRepository(this.db.jdbc());

	private final TokenFamilyService families = this.db
		.transactional(new TokenFamilyService(new JdbcTokenFamilyRepository(this.db.jdbc()), this.refreshTokens,
				new AuditLog(new JdbcAuditEventRepository(this.db.jdbc()), this.clock), this.clock));

	/**
	 * Access tokens in these tests are "jwt.<sid or none>.signature"; anything else does
	 * not verify.
	 */
	private final JwtDecoder decoder = (token) -> {
		if (!token.startsWith("jwt.") || token.chars().filter((c) -> c == '.').count() != 2) {
			throw new JwtException("bad signature");
		}
		String sid = token.split("\\.")[1];
		Instant now = this.clock.instant();
		Jwt.Builder jwt = Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.header("typ", "at+jwt")
			.issuer("http://localhost:9000")
			.subject(sid.equals("none") ? "demo-web" : "alice")
			.audience(List.of("http://localhost:8080"))
			.claim("client_id", "demo-web")
			.claim("scope", "openid notes.read")
			.jti("jti-1")
			.issuedAt(now)
			.expiresAt(now.plusSeconds(300));
		if (!sid.equals("none")) {
			jwt.claim("sid", sid);
		}
		return jwt.build();
	};

	private final JdbcClientRepository clients = new JdbcClientRepository(this.db.jdbc());

	private final DatabaseRegisteredClientRepository registeredClients = RegisteredClients.of(this.clients, this.clock);

	private final FamilyAwareTokenIntrospectionAuthenticationProvider provider = new FamilyAwareTokenIntrospectionAuthenticationProvider(
			this.decoder, this.refreshTokens, this.families, this.registeredClients, this.clock);

	FamilyAwareTokenIntrospectionAuthenticationProviderTests() {
		Instant registered = this.clock.instant().minusSeconds(60);
		this.clients.insert(client("demo-web").createdAt(registered).build());
		this.clients.insert(client("demo-mobile").createdAt(registered).build());
		this.clients.insert(client("other-app").createdAt(registered).build());
		this.clients.insert(client("notes-api").resourceServerAudiences(List.of("http://localhost:8080"))
			.createdAt(registered)
			.build());
		this.clients.insert(client("orders-api").resourceServerAudiences(List.of("https://orders.example.com"))
			.createdAt(registered)
			.build());
		this.db.jdbc()
			.update("INSERT INTO user_account (id, username, display_name, password_hash, enabled, "
					+ "created_at) VALUES ('alice', 'alice', 'Alice', '{noop}unused', TRUE, ?)",
					dev.baton.auth.support.SqlTime.of(this.clock.instant()));
	}

	@Test
	void introspectWhenUserDisabledOrDeletedInTheDatabaseThenAccessAndRefreshTokensInactive() {
		String refreshToken = OpaqueTokens.generate();
		TokenFamily family = start(refreshToken);
		String accessToken = "jwt." + family.id() + ".signature";
		assertThat(introspect("demo-web", accessToken).isActive()).isTrue();

		this.db.jdbc().update("UPDATE user_account SET enabled = FALSE WHERE id = 'alice'");

		assertThat(introspect("demo-web", accessToken).isActive()).isFalse();
		assertThat(introspect("demo-web", refreshToken).isActive()).isFalse();

		this.db.jdbc().update("UPDATE user_account SET enabled = TRUE WHERE id = 'alice'");
		assertThat(introspect("demo-web", accessToken).isActive()).isTrue();
		this.db.jdbc().update("DELETE FROM user_account WHERE id = 'alice'");

		assertThat(introspect("demo-web", accessToken).isActive()).isFalse();
		assertThat(introspect("demo-web", refreshToken).isActive()).isFalse();
	}

	@AfterEach
	void shutdown() {
		this.db.shutdown();
	}

	@Test
	void introspectWhenAccessTokenOfStandingFamilyThenActive() {
		TokenFamily family = start(OpaqueTokens.generate());

		OAuth2TokenIntrospection claims = introspect("demo-web", "jwt." + family.id() + ".signature");

		assertThat(claims.isActive()).isTrue();
		assertThat(claims.getTokenType()).isEqualTo("Bearer");
		assertThat(claims.getClientId()).isEqualTo("demo-web");
		assertThat(claims.getSubject()).isEqualTo("alice");
		assertThat(claims.getUsername()).as("the account's username, read with the family").isEqualTo("alice");
		assertThat(claims.getScopes()).containsExactlyInAnyOrder("openid", "notes.read");
		assertThat(claims.getAudience()).containsExactly("http://localhost:8080");
	}

	@Test
	void introspectWhenFamilyRevokedThenItsAccessTokenInactiveAtOnce() {
		TokenFamily family = start(OpaqueTokens.generate());

		this.families.revoke(family, RevocationReason.REUSE_DETECTED, RequestOrigin.UNKNOWN);

		OAuth2TokenIntrospection claims = introspect("demo-web", "jwt." + family.id() + ".signature");
		assertThat(claims.isActive()).isFalse();
		assertThat(claims.getClaims()).containsOnlyKeys("active");
	}

	@Test
	void introspectWhenClientCredentialsAccessTokenThenActiveWithoutFamily() {
		OAuth2TokenIntrospection claims = introspect("demo-web", "jwt.none.signature");

		assertThat(claims.isActive()).isTrue();
		assertThat(claims.getUsername()).isNull();
	}

	@Test
	void introspectWhenSignatureInvalidThenInactive() {
		assertThat(introspect("demo-web", "forged.token.value").isActive()).isFalse();
	}

	@Test
	void introspectWhenRefreshTokenUnusedThenActiveForItsOwnClientOnly() {
		String token = OpaqueTokens.generate();
		start(token);

		OAuth2TokenIntrospection own = introspect("demo-web", token);
		OAuth2TokenIntrospection foreign = introspect("demo-mobile", token);

		assertThat(own.isActive()).isTrue();
		assertThat(own.getTokenType()).isNull();
		assertThat(own.getClaims()).doesNotContainKey("token_type");
		assertThat(own.getSubject()).isEqualTo("alice");
		assertThat(own.getScopes()).containsExactlyInAnyOrder("openid", "notes.read");
		assertThat(foreign.isActive()).isFalse();
	}

	@Test
	void introspectWhenRefreshTokenConsumedOrExpiredOrFamilyRevokedThenInactive() {
		String consumed = OpaqueTokens.generate();
		start(consumed);
		this.refreshTokens.consume(TokenHash.of(consumed), this.clock.instant(), null, null);
		String revoked = OpaqueTokens.generate();
		this.families.revoke(start(revoked), RevocationReason.SIGNED_OUT, RequestOrigin.UNKNOWN);
		String expiring = OpaqueTokens.generate();
		start(expiring);

		assertThat(introspect("demo-web", consumed).isActive()).isFalse();
		assertThat(introspect("demo-web", revoked).isActive()).isFalse();
		assertThat(introspect("demo-web", expiring).isActive()).isTrue();
		this.clock.advance(Duration.ofDays(14));
		assertThat(introspect("demo-web", expiring).isActive()).isFalse();
	}

	@Test
	void introspectWhenAccessTokenOfAnotherClientThenInactive() {
		TokenFamily family = start(OpaqueTokens.generate());

		OAuth2TokenIntrospection claims = introspect("other-app", "jwt." + family.id() + ".signature");

		assertThat(claims.isActive()).isFalse();
		assertThat(claims.getClaims()).containsOnlyKeys("active");
		assertThat(introspect("other-app", "jwt.none.signature").isActive()).isFalse();
	}

	@Test
	void introspectWhenResourceServerOfTheTokensAudienceThenActive() {
		TokenFamily family = start(OpaqueTokens.generate());

		OAuth2TokenIntrospection claims = introspect("notes-api", "jwt." + family.id() + ".signature");

		assertThat(claims.isActive()).isTrue();
		assertThat(claims.getClientId()).isEqualTo("demo-web");
	}

	@Test
	void introspectWhenResourceServerOfAnotherAudienceThenInactive() {
		TokenFamily family = start(OpaqueTokens.generate());

		assertThat(introspect("orders-api", "jwt." + family.id() + ".signature").isActive()).isFalse();
	}

	@Test
	void introspectWhenTokensClientDeletedThenInactive() {
		assertThat(introspect("demo-web", "jwt.none.signature").isActive()).isTrue();

		this.clients.delete("demo-web");
		this.clients.insert(client("demo-web").createdAt(this.clock.instant().plusSeconds(1)).build());

		assertThat(introspect("demo-web", "jwt.none.signature").isActive()).isFalse();
		assertThat(introspect("notes-api", "jwt.none.signature").isActive()).isFalse();
	}

	@Test
	void introspectWhenRefreshTokenAskedByResourceServerThenInactive() {
		String token = OpaqueTokens.generate();
		start(token);

		assertThat(introspect("notes-api", token).isActive()).isFalse();
	}

	private static Client.Builder client(String clientId) {
		return Client.withClientId(clientId)
			.authenticationMethods(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.grantTypes(AuthorizationGrantType.CLIENT_CREDENTIALS);
	}

	private TokenFamily start(String firstToken) {
		return this.families.start(
				new NewFamily(java.util.UUID.randomUUID().toString(), "demo-web", "alice",
						Set.of("openid", "notes.read"), Set.of("http://localhost:8080"), this.clock.instant(),
						new RefreshPolicy(Duration.ofDays(14), Duration.ofDays(90), Duration.ZERO)),
				firstToken, RequestOrigin.UNKNOWN);
	}

	private OAuth2TokenIntrospection introspect(String clientId, String token) {
		RegisteredClient client = this.registeredClients.findByClientId(clientId);
		OAuth2ClientAuthenticationToken principal = new OAuth2ClientAuthenticationToken(client,
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC, null);
		OAuth2TokenIntrospectionAuthenticationToken result = (OAuth2TokenIntrospectionAuthenticationToken) this.provider
			.authenticate(new OAuth2TokenIntrospectionAuthenticationToken(token, principal, null, null));
		return result.getTokenClaims();
	}

}
