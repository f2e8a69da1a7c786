package dev.baton.auth.refresh;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.audit.JdbcAuditEventRepository;
import dev.baton.auth.client.Client;
import dev.baton.auth.client.JdbcClientRepository;
import dev.baton.auth.crypto.OpaqueTokens;
import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.refresh.TokenFamilyService.NewFamily;
import dev.baton.auth.support.RequestOrigin;
import dev.baton.auth.support.SqlTime;
import dev.baton.auth.testsupport.InMemoryDatabase;
import dev.baton.auth.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The refresh feature wired as in production (JDBC repositories, {@code @Transactional}
 * proxies) on a fresh in-memory database with a movable clock, plus helpers to start
 * families and read the stored state.
 */
final class RefreshFixture {

	static final String MOBILE = "demo-mobile";

	static final String WEB = "demo-web";

	static final String SERVICE = "demo-service";

	static final String API = "http://localhost:8080";

	/** The account id of alice, the subject of the families started here. */
	static final String USER = "alice";

	static final String OTHER_API = "http://localhost:8081";

	static final Set<String> SCOPES = Set.of("openid", "offline_access", "notes.read", "notes.write");

	static final RequestOrigin ORIGIN = new RequestOrigin("203.0.113.7", "Baton unit test");

	static final RefreshPolicy STRICT = new RefreshPolicy(Duration.ofDays(14), Duration.ofDays(90), Duration.ZERO);

	static final RefreshPolicy GRACE = new RefreshPolicy(Duration.ofDays(14), Duration.ofDays(90),
			Duration.ofSeconds(15));

	/**
	 * The defaults: recovery from 2 s to 5 min after an unconfirmed rotation (DESIGN rule
	 * 7).
	 */
	static final RefreshTokenProperties RECOVERY = new RefreshTokenProperties(Duration.ofDays(14), Duration.ofDays(90),
			Duration.ZERO, Duration.ofSeconds(2), Duration.ofMinutes(5));

	final InMemoryDatabase db = InMemoryDatabase.migrated();

	final MutableClock clock = MutableClock.startingAtNewYear();

	final JdbcRefreshTokenRepository tokens = new JdbcRefreshTokenRepository(this.db.jdbc());

	final JdbcTokenFamilyRepository familyRepository = new JdbcTokenFamilyRepository(this.db.jdbc());

	final JdbcAuditEventRepository auditEvents = new JdbcAuditEventRepository(this.db.jdbc());

	final AuditLog auditLog = new AuditLog(this.auditEvents, this.clock);

	final JdbcClientRepository clients;

	final TokenFamilyService familyService;

	final SuccessorDeliveries deliveries;

	final RefreshTokenRotator rotator;

	private int families;

	RefreshFixture() {
		this(null);
	}

	/**
	 * @param tokens makes the repository the rotator uses; {@code null} for the plain
	 * JDBC one
	 */
	RefreshFixture(Function<JdbcTemplate, RefreshTokenRepository> tokens) {
		this(tokens, RECOVERY);
	}

	/**
	 * @param recovery the recovery settings of DESIGN rule 7
	 */
	RefreshFixture(Function<JdbcTemplate, RefreshTokenRepository> tokens, RefreshTokenProperties recovery) {
		RefreshTokenRepository rotatorTokens = (tokens != null) ? tokens.apply(this.db.jdbc()) : this.tokens;
		JdbcClientRepository clients = new JdbcClientRepository(this.db.jdbc());
		clients.insert(Client.withClientId(MOBILE)
			.authenticationMethods(ClientAuthenticationMethod.NONE)
			.grantTypes(AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris("http://127.0.0.1:8765/callback")
			.scopes(SCOPES.toArray(String[]::new))
			.audiences(API)
			.requireProofKey(true)
			.refreshGraceWindow(GRACE.graceWindow())
			.createdAt(this.clock.instant())
			.build());
		clients.insert(Client.withClientId(WEB)
			.clientSecretHash("{sha256}unused")
			.authenticationMethods(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.grantTypes(AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris("http://127.0.0.1:8765/callback")
			.scopes(SCOPES.toArray(String[]::new))
			.audiences(API)
			.createdAt(this.clock.instant())
			.build());
		clients.insert(Client.withClientId(SERVICE)
			.clientSecretHash("{sha256}unused")
			.authenticationMethods(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.grantTypes(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scopes("notes.read")
			.createdAt(this.clock.instant())
			.build());
		this.clients = clients;
		// The families' subject is an account id (the sub of the user's tokens); the
		// refresh grant reads the
		// account's enabled flag with every token.
		this.db.jdbc()
			.update("INSERT INTO user_account (id, username, display_name, password_hash, enabled, "
					+ "created_at) VALUES (?, 'alice', 'Alice', '{noop}unused', TRUE, ?)", USER,
					SqlTime.of(this.clock.instant()));
		this.familyService = this.db
			.transactional(new TokenFamilyService(this.familyRepository, rotatorTokens, this.auditLog, this.clock));
		this.deliveries = new SuccessorDeliveries(this.tokens, recovery, new SimpleMeterRegistry(), this.clock);
		this.rotator = this.db.transactional(new RefreshTokenRotator(rotatorTokens, this.familyService, this.auditLog,
				new UnconfirmedRotationRecovery(recovery, this.deliveries), this.clock));
	}

	/**
	 * Starts a family of {@link #MOBILE} for alice and returns its first refresh token.
	 */
	Started start(RefreshPolicy policy) {
		return start(MOBILE, policy);
	}

	Started start(String clientId, RefreshPolicy policy) {
		String firstToken = OpaqueTokens.generate();
		String familyId = "family-" + (++this.families);
		TokenFamily family = this.familyService.start(new NewFamily(familyId, clientId, USER, SCOPES, Set.of(API),
				this.clock.instant().minusSeconds(30), policy), firstToken, ORIGIN);
		return new Started(family, firstToken);
	}

	static RefreshRequest request(String token, RefreshPolicy policy) {
		return request(token, MOBILE, policy);
	}

	static RefreshRequest request(String token, String clientId, RefreshPolicy policy) {
		return new RefreshRequest(token, clientId, policy, Set.of(), Set.of(), ORIGIN);
	}

	/**
	 * What the token endpoint does once the response carrying the successor of
	 * {@code presented} was written: confirms its delivery (DESIGN rule 7).
	 */
	void delivered(String presented, RefreshPolicy policy) {
		Instant consumedAt = consumedAt(presented);
		this.tokens.confirmDelivered(List.of(new DeliveredSuccessor(TokenHash.of(presented),
				policy.hasGraceWindow() ? consumedAt.plus(policy.graceWindow()) : null)));
	}

	TokenFamily family(String familyId) {
		return this.familyRepository.findById(familyId).orElseThrow();
	}

	RefreshToken token(String value) {
		return this.tokens.findWithFamily(TokenHash.of(value)).orElseThrow().token();
	}

	Instant consumedAt(String value) {
		LocalDateTime consumedAt = this.db.jdbc()
			.queryForObject("SELECT consumed_at FROM refresh_token WHERE token_hash = ?", LocalDateTime.class,
					(Object) TokenHash.of(value).bytes());
		return (consumedAt != null) ? consumedAt.toInstant(ZoneOffset.UTC) : null;
	}

	int tokenCount(String familyId) {
		return this.db.jdbc()
			.queryForObject("SELECT COUNT(*) FROM refresh_token WHERE family_id = ?", Integer.class, familyId);
	}

	List<AuditEventType> auditTypes(String familyId) {
		return this.auditEvents.findByFamilyId(familyId).stream().map((event) -> event.type()).toList();
	}

	record Started(TokenFamily family, String token) {
	}

}
