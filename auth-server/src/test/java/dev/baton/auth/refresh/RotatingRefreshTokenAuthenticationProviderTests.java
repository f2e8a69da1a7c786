package dev.baton.auth.refresh;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.client.DatabaseRegisteredClientRepository;
import dev.baton.auth.database.DatabaseProperties;
import dev.baton.auth.database.TransactionRetry;
import dev.baton.auth.refresh.RefreshFixture.Started;
import dev.baton.auth.testsupport.RegisteredClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

import static dev.baton.auth.refresh.RefreshFixture.GRACE;
import static dev.baton.auth.refresh.RefreshFixture.MOBILE;
import static dev.baton.auth.refresh.RefreshFixture.OTHER_API;
import static dev.baton.auth.refresh.RefreshFixture.SERVICE;
import static dev.baton.auth.refresh.RefreshFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The refresh grant as the token endpoint runs it: the rotation's outcome becomes a token
 * response or a generic OAuth error, after the rotation's transaction has committed.
 */
class RotatingRefreshTokenAuthenticationProviderTests {

	private final RefreshFixture fixture = new RefreshFixture();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final AtomicReference<OAuth2TokenContext> generated = new AtomicReference<>();

	private final DatabaseRegisteredClientRepository registeredClients = RegisteredClients.of(this.fixture.clients);

	private RotatingRefreshTokenAuthenticationProvider provider;

	@BeforeEach
	void setUp() {
		OAuth2TokenGenerator<OAuth2Token> generator = (context) -> {
			this.generated.set(context);
			Instant now = this.fixture.clock.instant();
			return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "signed-access-token", now,
					now.plus(Duration.ofMinutes(5)));
		};
		this.provider = new RotatingRefreshTokenAuthenticationProvider(this.fixture.rotator, generator,
				new dev.baton.auth.support.BatonMeters(this.meters),
				new TransactionRetry(
						new DatabaseProperties(new DatabaseProperties.Retry(3, Duration.ZERO, Duration.ZERO),
								Duration.ofSeconds(5), Duration.ZERO),
						this.meters));
		AuthorizationServerSettings settings = AuthorizationServerSettings.builder()
			.issuer("http://localhost:9000")
			.build();
		AuthorizationServerContextHolder.setContext(new AuthorizationServerContext() {

			@Override
			public String getIssuer() {
				return settings.getIssuer();
			}

			@Override
			public AuthorizationServerSettings getAuthorizationServerSettings() {
				return settings;
			}

		});
	}

	@AfterEach
	void tearDown() {
		AuthorizationServerContextHolder.resetContext();
		this.fixture.db.shutdown();
	}

	@Test
	void authenticateWhenTokenValidThenReturnsAccessTokenAndSuccessor() {
		Started started = this.fixture.start(GRACE);

		OAuth2AccessTokenAuthenticationToken response = (OAuth2AccessTokenAuthenticationToken) this.provider
			.authenticate(grant(MOBILE, started.token(), Set.of("notes.read"), Map.of()));

		assertThat(response.getAccessToken().getTokenValue()).isEqualTo("signed-access-token");
		assertThat(response.getAccessToken().getScopes()).containsExactly("notes.read");
		assertThat(response.getRefreshToken().getTokenValue()).hasSize(43).isNotEqualTo(started.token());
		assertThat(this.generated.get().getAuthorizedScopes()).containsExactly("notes.read");
		assertThat(this.generated.get().getAuthorization().getId()).isEqualTo(started.family().id());
		assertThat(this.generated.get().getPrincipal().getName()).isEqualTo("alice");
		assertThat(outcomeCount("rotated")).isEqualTo(1);
	}

	@Test
	void authenticateWhenRetriedWithinGraceThenReturnsSameRefreshToken() {
		Started started = this.fixture.start(GRACE);
		OAuth2AccessTokenAuthenticationToken first = (OAuth2AccessTokenAuthenticationToken) this.provider
			.authenticate(grant(MOBILE, started.token(), Set.of(), Map.of()));

		OAuth2AccessTokenAuthenticationToken retry = (OAuth2AccessTokenAuthenticationToken) this.provider
			.authenticate(grant(MOBILE, started.token(), Set.of(), Map.of()));

		assertThat(retry.getRefreshToken().getTokenValue()).isEqualTo(first.getRefreshToken().getTokenValue());
		assertThat(retry.getAccessToken().getScopes()).isEqualTo(RefreshFixture.SCOPES);
		assertThat(outcomeCount("retried_within_grace")).isEqualTo(1);
	}

	@Test
	void authenticateWhenReuseDetectedThenInvalidGrantAndRevocationCommitted() {
		Started started = this.fixture.start(WEB, RefreshFixture.STRICT);
		this.provider.authenticate(grant(WEB, started.token(), Set.of(), Map.of()));

		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.provider.authenticate(grant(WEB, started.token(), Set.of(), Map.of())))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo(OAuth2ErrorCodes.INVALID_GRANT))
			.satisfies((ex) -> assertThat(ex.getError().getDescription()).isNull());

		// The request failed, yet the revocation and its audit trail are in the database.
		assertThat(this.fixture.family(started.family().id()).revokedReason())
			.isEqualTo(RevocationReason.REUSE_DETECTED);
		assertThat(this.fixture.auditTypes(started.family().id()))
			.contains(AuditEventType.REFRESH_TOKEN_REUSE_DETECTED);
		assertThat(outcomeCount("reuse_detected")).isEqualTo(1);
	}

	@Test
	void authenticateWhenTokenOfAnotherClientThenInvalidGrant() {
		Started started = this.fixture.start(GRACE);

		assertErrorCode(grant(WEB, started.token(), Set.of(), Map.of()), OAuth2ErrorCodes.INVALID_GRANT);
		assertThat(outcomeCount("client_mismatch")).isEqualTo(1);
	}

	@Test
	void authenticateWhenTokenUnknownThenInvalidGrant() {
		assertErrorCode(grant(MOBILE, "unknown-token", Set.of(), Map.of()), OAuth2ErrorCodes.INVALID_GRANT);
	}

	@Test
	void authenticateWhenScopeWidenedThenInvalidScope() {
		Started started = this.fixture.start(GRACE);

		assertErrorCode(grant(MOBILE, started.token(), Set.of("notes.read", "baton.admin"), Map.of()),
				OAuth2ErrorCodes.INVALID_SCOPE);
	}

	@Test
	void authenticateWhenResourceOutsideGrantThenInvalidTarget() {
		Started started = this.fixture.start(GRACE);

		assertErrorCode(grant(MOBILE, started.token(), Set.of(), Map.of("resource", OTHER_API)), "invalid_target");
	}

	@Test
	void authenticateWhenClientLacksRefreshGrantThenUnauthorizedClient() {
		Started started = this.fixture.start(GRACE);

		assertErrorCode(grant(SERVICE, started.token(), Set.of(), Map.of()), OAuth2ErrorCodes.UNAUTHORIZED_CLIENT);
		assertThat(this.fixture.consumedAt(started.token())).isNull();
	}

	private void assertErrorCode(OAuth2RefreshTokenAuthenticationToken grant, String errorCode) {
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.provider.authenticate(grant))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo(errorCode));
	}

	private OAuth2RefreshTokenAuthenticationToken grant(String clientId, String refreshToken, Set<String> scopes,
			Map<String, Object> parameters) {
		RegisteredClient client = this.registeredClients.findByClientId(clientId);
		ClientAuthenticationMethod method = client.getClientAuthenticationMethods().iterator().next();
		OAuth2ClientAuthenticationToken principal = new OAuth2ClientAuthenticationToken(client, method, null);
		return new OAuth2RefreshTokenAuthenticationToken(refreshToken, principal, scopes, parameters);
	}

	private double outcomeCount(String outcome) {
		return this.meters.counter("baton.refresh.requests", "outcome", outcome).count();
	}

}
