package dev.baton.auth.refresh;

import java.time.Instant;

import dev.baton.auth.client.DatabaseRegisteredClientRepository;
import dev.baton.auth.refresh.RefreshFixture.Started;
import dev.baton.auth.testsupport.RegisteredClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static dev.baton.auth.refresh.RefreshFixture.GRACE;
import static dev.baton.auth.refresh.RefreshFixture.MOBILE;
import static dev.baton.auth.refresh.RefreshFixture.SERVICE;
import static dev.baton.auth.refresh.RefreshFixture.STRICT;
import static dev.baton.auth.refresh.RefreshFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** DESIGN rule 6 at the revocation endpoint (RFC 7009). */
class FamilyRevokingTokenRevocationAuthenticationProviderTests {

	private final RefreshFixture fixture = new RefreshFixture();

	private final DatabaseRegisteredClientRepository registeredClients = RegisteredClients.of(this.fixture.clients);

	/**
	 * Access tokens in these tests are "jwt.<client>.<sid>"; the decoder reads them back.
	 */
	private final JwtDecoder accessTokens = (token) -> {
		String[] parts = token.split("\\.");
		if (parts.length != 3 || !parts[0].equals("jwt")) {
			throw new JwtException("not a test token");
		}
		Instant now = this.fixture.clock.instant();
		Jwt.Builder jwt = Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.claim("client_id", parts[1])
			.issuedAt(now)
			.expiresAt(now.plusSeconds(300));
		if (!parts[2].equals("none")) {
			jwt.claim("sid", parts[2]);
		}
		return jwt.build();
	};

	private final FamilyRevokingTokenRevocationAuthenticationProvider provider = new FamilyRevokingTokenRevocationAuthenticationProvider(
			this.fixture.tokens, this.fixture.familyRepository, this.fixture.familyService, this.accessTokens);

	@AfterEach
	void shutdown() {
		this.fixture.db.shutdown();
	}

	@Test
	void authenticateWhenAnyRefreshTokenOfFamilyRevokedThenWholeFamilyRevoked() {
		Started started = this.fixture.start(GRACE);
		RotationOutcome.Rotated rotated = (RotationOutcome.Rotated) this.fixture.rotator
			.rotate(RefreshFixture.request(started.token(), GRACE));

		// The consumed first token is presented for revocation: the family ends, the live
		// successor with it.
		this.provider.authenticate(revocation(MOBILE, started.token()));

		assertThat(this.fixture.family(started.family().id()).revokedReason())
			.isEqualTo(RevocationReason.TOKEN_REVOKED);
		assertThat(this.fixture.rotator.rotate(RefreshFixture.request(rotated.successor().value(), GRACE)))
			.isInstanceOf(RotationOutcome.FamilyRevoked.class);
	}

	@Test
	void authenticateWhenTokenOfAnotherClientThenInvalidGrantAndNoEffect() {
		Started started = this.fixture.start(STRICT);

		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.provider.authenticate(revocation(WEB, started.token())))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_grant"));
		assertThat(this.fixture.family(started.family().id()).isRevoked()).isFalse();
	}

	@Test
	void authenticateWhenUnknownTokenThenSucceedsWithoutEffect() {
		Started started = this.fixture.start(STRICT);

		// RFC 7009 §2.2: the same 200 answer as for a revoked token.
		assertThat(this.provider.authenticate(revocation(MOBILE, "unknown-token"))).isNotNull();
		assertThat(this.fixture.family(started.family().id()).isRevoked()).isFalse();
	}

	@Test
	void authenticateWhenUserAccessTokenThenItsFamilyRevoked() {
		Started started = this.fixture.start(STRICT);

		this.provider.authenticate(revocation(MOBILE, "jwt." + MOBILE + "." + started.family().id()));

		assertThat(this.fixture.family(started.family().id()).revokedReason())
			.isEqualTo(RevocationReason.TOKEN_REVOKED);
	}

	@Test
	void authenticateWhenAccessTokenOfAnotherClientThenInvalidGrantAndNoEffect() {
		Started started = this.fixture.start(STRICT);

		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(
					() -> this.provider.authenticate(revocation(WEB, "jwt." + MOBILE + "." + started.family().id())))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_grant"));
		assertThat(this.fixture.family(started.family().id()).isRevoked()).isFalse();
	}

	@Test
	void authenticateWhenClientCredentialsAccessTokenThenUnsupportedTokenType() {
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.provider.authenticate(revocation(SERVICE, "jwt." + SERVICE + ".none")))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("unsupported_token_type"));
	}

	private OAuth2TokenRevocationAuthenticationToken revocation(String clientId, String token) {
		RegisteredClient client = this.registeredClients.findByClientId(clientId);
		ClientAuthenticationMethod method = client.getClientAuthenticationMethods().iterator().next();
		return new OAuth2TokenRevocationAuthenticationToken(token,
				new OAuth2ClientAuthenticationToken(client, method, null), null);
	}

}
