package dev.baton.auth.code;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import dev.baton.auth.audit.AuditEvent;
import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.audit.JdbcAuditEventRepository;
import dev.baton.auth.client.Client;
import dev.baton.auth.client.DatabaseRegisteredClientRepository;
import dev.baton.auth.client.JdbcClientRepository;
import dev.baton.auth.crypto.OpaqueTokens;
import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.refresh.JdbcRefreshTokenRepository;
import dev.baton.auth.refresh.JdbcTokenFamilyRepository;
import dev.baton.auth.refresh.RevocationReason;
import dev.baton.auth.refresh.TokenFamily;
import dev.baton.auth.refresh.TokenFamilyService;
import dev.baton.auth.testsupport.InMemoryDatabase;
import dev.baton.auth.testsupport.MutableClock;
import dev.baton.auth.testsupport.RegisteredClients;
import dev.baton.auth.token.TokenAttributes;
import dev.baton.auth.user.JdbcUserAccountRepository;
import dev.baton.auth.user.UserAccount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.Mockito.mock;

/**
 * The authorization storage, driven the way the framework's authorization-code provider
 * drives it: codes kept as hashes, redemption single-use, and a code used again revoking
 * the family it started (RFC 6749 §4.1.2).
 */
class HashingAuthorizationServiceTests {

	private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);

	private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

	private static final String API = "http://localhost:8080";

	private final InMemoryDatabase db = InMemoryDatabase.migrated();

	private final MutableClock clock = MutableClock.startingAtNewYear();

	private final JdbcTokenFamilyRepository families = new JdbcTokenFamilyRepository(this.db.jdbc());

	private final JdbcRefreshTokenRepository refreshTokens = new JdbcRefreshTokenRepository(this.db.jdbc());

	private final JdbcAuditEventRepository auditEvents = new JdbcAuditEventRepository(this.db.jdbc());

	private final AuditLog auditLog = new AuditLog(this.auditEvents, this.clock);

	private final DatabaseRegisteredClientRepository clients = RegisteredClients
		.of(new JdbcClientRepository(this.db.jdbc()));

	private static final String ALICE_ID = "5f0c8a4e-1d2b-4c3a-9e8f-7a6b5c4d3e2f";

	private final JdbcUserAccountRepository accounts = new JdbcUserAccountRepository(this.db.jdbc());

	private final HashingAuthorizationService service;

	private final RegisteredClient web;

	HashingAuthorizationServiceTests() {
		new JdbcClientRepository(this.db.jdbc()).insert(Client.withClientId("demo-web")
			.clientSecretHash("{sha256}unused")
			.authenticationMethods(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.grantTypes(AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN,
					AuthorizationGrantType.CLIENT_CREDENTIALS)
			.redirectUris("http://127.0.0.1:8765/callback")
			.scopes("openid", "offline_access", "notes.read")
			.audiences(API)
			.firstParty(true)
			.createdAt(this.clock.instant())
			.build());
		this.web = this.clients.findByClientId("demo-web");
		this.accounts.insert(new UserAccount(ALICE_ID, "alice", null, "Alice", "{noop}x", true, this.clock.instant()));
		TokenFamilyService familyService = this.db
			.transactional(new TokenFamilyService(this.families, this.refreshTokens, this.auditLog, this.clock));
		this.service = this.db.transactional(new HashingAuthorizationService(
				new JdbcAuthorizationCodeRepository(this.db.jdbc()), this.clients, familyService, this.families,
				this.auditLog, AuthorizationServerSettings.builder().issuer("http://localhost:9000").build(),
				this.clock, (event) -> {
				}, this.accounts));
	}

	@AfterEach
	void shutdown() {
		this.db.shutdown();
	}

	@Test
	void saveWhenCodeIssuedThenFoundByCodeButStoredOnlyAsHash() {
		String code = OpaqueTokens.generate();

		this.service.save(issued(code));

		OAuth2Authorization found = this.service.findByToken(code, CODE);
		assertThat(found.getId()).isEqualTo("authz-1");
		assertThat(found.getToken(OAuth2AuthorizationCode.class).getToken().getTokenValue()).isEqualTo(code);
		assertThat(found.getToken(OAuth2AuthorizationCode.class).isInvalidated()).isFalse();
		assertThat(this.service.findByToken(OpaqueTokens.generate(), CODE)).isNull();
		assertThat(databaseDump()).doesNotContain(code);
	}

	@Test
	void saveWhenCodeRedeemedThenConsumedAndFamilyStartedFromIt() {
		String code = OpaqueTokens.generate();
		this.service.save(issued(code));
		String refreshToken = OpaqueTokens.generate();

		this.service.save(redeemed(this.service.findByToken(code, CODE), refreshToken));

		TokenFamily family = this.families.findById("authz-1").orElseThrow();
		assertThat(family.clientId()).isEqualTo("demo-web");
		assertThat(family.subject()).isEqualTo(ALICE_ID);
		assertThat(family.scopes()).containsExactlyInAnyOrder("openid", "offline_access", "notes.read");
		assertThat(family.resources()).containsExactly(API);
		assertThat(family.authTime()).isEqualTo(this.clock.instant().minusSeconds(60));
		assertThat(this.refreshTokens.findWithFamily(TokenHash.of(refreshToken)).orElseThrow().token().generation())
			.isZero();
		assertThat(this.service.findByToken(code, CODE).getToken(OAuth2AuthorizationCode.class).isInvalidated())
			.isTrue();
		assertThat(databaseDump()).doesNotContain(code).doesNotContain(refreshToken);
	}

	@Test
	void saveWhenSameCodeRedeemedTwiceAtOnceThenSecondInvalidGrantAndOneFamily() {
		String code = OpaqueTokens.generate();
		this.service.save(issued(code));
		OAuth2Authorization first = this.service.findByToken(code, CODE);
		OAuth2Authorization second = this.service.findByToken(code, CODE);
		String secondRefreshToken = OpaqueTokens.generate();
		this.service.save(redeemed(first, OpaqueTokens.generate()));

		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.service.save(redeemed(second, secondRefreshToken)))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo(OAuth2ErrorCodes.INVALID_GRANT));
		assertThat(this.refreshTokens.findWithFamily(TokenHash.of(secondRefreshToken))).isEmpty();
		assertThat(this.db.jdbc().queryForObject("SELECT COUNT(*) FROM token_family", Integer.class)).isEqualTo(1);
	}

	@Test
	void saveWhenCodeUsedAgainThenItsFamilyRevokedAndAudited() {
		String code = OpaqueTokens.generate();
		this.service.save(issued(code));
		this.service.save(redeemed(this.service.findByToken(code, CODE), OpaqueTokens.generate()));
		OAuth2Authorization replayed = this.service.findByToken(code, CODE);

		// What the framework's code provider does when an invalidated code comes back.
		this.service.save(OAuth2Authorization.from(replayed).invalidate(replayed.getRefreshToken().getToken()).build());

		TokenFamily family = this.families.findById("authz-1").orElseThrow();
		assertThat(family.revokedReason()).isEqualTo(RevocationReason.AUTHORIZATION_CODE_REUSED);
		assertThat(this.auditEvents.findByFamilyId("authz-1")).extracting(AuditEvent::type)
			.contains(AuditEventType.AUTHORIZATION_CODE_REUSE_DETECTED, AuditEventType.TOKEN_FAMILY_REVOKED);
	}

	@Test
	void saveWhenAnotherClientPresentedTheCodeThenCodeCannotBeRedeemedAnymore() {
		String code = OpaqueTokens.generate();
		this.service.save(issued(code));
		OAuth2Authorization found = this.service.findByToken(code, CODE);
		OAuth2Authorization.Token<OAuth2AuthorizationCode> issuedCode = found.getToken(OAuth2AuthorizationCode.class);

		// What the framework's code provider does when another client presents the code.
		this.service.save(OAuth2Authorization.from(found).invalidate(issuedCode.getToken()).build());

		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.service.save(redeemed(found, OpaqueTokens.generate())));
		assertThat(this.families.findById("authz-1")).isEmpty();
	}

	@Test
	void saveWhenWaitingForConsentThenFoundByStateUntilItExpires() {
		String state = OpaqueTokens.generate();
		OAuth2Authorization consent = OAuth2Authorization.withRegisteredClient(this.web)
			.id("authz-2")
			.principalName("alice")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.attribute(OAuth2ParameterNames.STATE, state)
			.attribute(OAuth2AuthorizationRequest.class.getName(), request())
			.attribute(Principal.class.getName(), TokenAttributes.userPrincipal("alice", this.clock.instant()))
			.build();

		this.service.save(consent);

		assertThat(this.service.findByToken(state, STATE).getId()).isEqualTo("authz-2");
		assertThat(this.service.findByToken(state, CODE)).isNull();
		assertThat(databaseDump()).doesNotContain(state);
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(this.service.findByToken(state, STATE)).isNull();
	}

	@Test
	void saveWhenClientCredentialsThenRefusedAndNothingStored() {
		Instant now = this.clock.instant();
		OAuth2Authorization authorization = OAuth2Authorization.withRegisteredClient(this.web)
			.principalName("demo-web")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "jwt", now, now.plusSeconds(300)))
			.build();

		assertThatIllegalStateException().isThrownBy(() -> this.service.save(authorization));
		assertThat(this.db.jdbc().queryForObject("SELECT COUNT(*) FROM authorization_code", Integer.class)).isZero();
	}

	@Test
	void removeWhenCalledThenRowGone() {
		String code = OpaqueTokens.generate();
		OAuth2Authorization authorization = issued(code);
		this.service.save(authorization);

		this.service.remove(authorization);

		assertThat(this.service.findByToken(code, CODE)).isNull();
	}

	private OAuth2Authorization issued(String code) {
		Instant now = this.clock.instant();
		return OAuth2Authorization.withRegisteredClient(this.web)
			.id("authz-1")
			.principalName("alice")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizedScopes(Set.of("openid", "offline_access", "notes.read"))
			.attribute(OAuth2AuthorizationRequest.class.getName(), request())
			.attribute(Principal.class.getName(), TokenAttributes.userPrincipal("alice", now.minusSeconds(60)))
			.token(new OAuth2AuthorizationCode(code, now, now.plus(Duration.ofMinutes(5))))
			.build();
	}

	/** What the framework's code provider saves after issuing tokens for a code. */
	private OAuth2Authorization redeemed(OAuth2Authorization found, String refreshToken) {
		Instant now = this.clock.instant();
		return OAuth2Authorization.from(found)
			.accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "jwt", now, now.plusSeconds(300)))
			.refreshToken(new OAuth2RefreshToken(refreshToken, now, now.plus(Duration.ofDays(14))))
			.invalidate(found.getToken(OAuth2AuthorizationCode.class).getToken())
			.build();
	}

	private OAuth2AuthorizationRequest request() {
		return OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri("http://localhost:9000/oauth2/authorize")
			.clientId("demo-web")
			.redirectUri("http://127.0.0.1:8765/callback")
			.scopes(Set.of("openid", "offline_access", "notes.read"))
			.state("client-state")
			.additionalParameters(Map.of("code_challenge", "challenge", "code_challenge_method", "S256"))
			.build();
	}

	private String databaseDump() {
		return String.join("\n", this.db.jdbc().queryForList("SCRIPT", String.class));
	}

}
