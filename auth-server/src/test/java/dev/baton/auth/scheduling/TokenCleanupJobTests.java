package dev.baton.auth.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.audit.AuditProperties;
import dev.baton.auth.audit.AuditRetention;
import dev.baton.auth.audit.JdbcAuditEventRepository;
import dev.baton.auth.client.Client;
import dev.baton.auth.client.JdbcClientRepository;
import dev.baton.auth.code.TestAuthorizationCodes;
import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.refresh.JdbcRefreshTokenRepository;
import dev.baton.auth.refresh.JdbcTokenFamilyRepository;
import dev.baton.auth.refresh.RefreshToken;
import dev.baton.auth.refresh.TestRefreshCleanups;
import dev.baton.auth.refresh.TokenFamily;
import dev.baton.auth.scheduling.TokenCleanupJob.Result;
import dev.baton.auth.session.TestFamilyBrowsers;
import dev.baton.auth.signin.TestSignInThrottles;
import dev.baton.auth.support.RequestOrigin;
import dev.baton.auth.support.SqlTime;
import dev.baton.auth.testsupport.InMemoryDatabase;
import dev.baton.auth.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cleanup job against the real schema: what it removes, what it keeps, and its lock.
 */
class TokenCleanupJobTests {

	private static final CleanupProperties PROPERTIES = new CleanupProperties(true, Duration.ofMinutes(10),
			Duration.ofMinutes(1), 2, Duration.ofDays(7), Duration.ofHours(1));

	private static final JobProperties JOB_PROPERTIES = new JobProperties(Duration.ofMinutes(2));

	private final InMemoryDatabase db = InMemoryDatabase.migrated();

	private final MutableClock clock = MutableClock.startingAtNewYear();

	private final JdbcRefreshTokenRepository tokens = new JdbcRefreshTokenRepository(this.db.jdbc());

	private final JdbcTokenFamilyRepository families = new JdbcTokenFamilyRepository(this.db.jdbc());

	private final TokenCleanupJob job = node();

	TokenCleanupJobTests() {
		new JdbcClientRepository(this.db.jdbc())
			.insert(Client.withClientId("demo-mobile").createdAt(this.clock.instant()).build());
	}

	@AfterEach
	void shutdown() {
		this.db.shutdown();
	}

	@Test
	void cleanUpWhenGraceWindowPassedThenErasesSuccessorCiphertextOnly() {
		Instant now = this.clock.instant();
		family("family-1", now.plus(Duration.ofDays(90)));
		TokenHash passed = token("family-1", 0);
		TokenHash running = token("family-1", 1);
		this.tokens.consume(passed, now, new byte[60], now.plusSeconds(15));
		this.tokens.consume(running, now.plusSeconds(50), new byte[60], now.plusSeconds(65));
		this.clock.advance(Duration.ofMinutes(1));

		Result result = this.job.cleanUp().orElseThrow();

		assertThat(result.removed("expired successor ciphertexts")).isEqualTo(1);
		assertThat(ciphertext(passed)).isNull();
		assertThat(ciphertext(running)).isNotNull();
		assertThat(count("SELECT COUNT(*) FROM refresh_token WHERE consumed_at IS NOT NULL")).isEqualTo(2);
	}

	@Test
	void cleanUpWhenFamilyExpiredLongerThanRetentionThenDeletesItWithTokensButKeepsAudit() {
		Instant now = this.clock.instant();
		family("gone", now.minus(Duration.ofDays(8)));
		token("gone", 0);
		token("gone", 1);
		family("retained", now.minus(Duration.ofDays(6)));
		token("retained", 0);
		family("live", now.plus(Duration.ofDays(30)));
		token("live", 0);
		new AuditLog(new JdbcAuditEventRepository(this.db.jdbc()), this.clock)
			.record(AuditEventType.TOKEN_FAMILY_CREATED, "alice", "demo-mobile", "gone", null, RequestOrigin.UNKNOWN);

		Result result = this.job.cleanUp().orElseThrow();

		assertThat(result.removed("token families")).isEqualTo(1);
		assertThat(this.families.findById("gone")).isEmpty();
		assertThat(this.families.findById("retained")).isPresent();
		assertThat(this.families.findById("live")).isPresent();
		assertThat(count("SELECT COUNT(*) FROM refresh_token WHERE family_id = 'gone'")).isZero();
		assertThat(count("SELECT COUNT(*) FROM refresh_token")).isEqualTo(2);
		assertThat(count("SELECT COUNT(*) FROM audit_event WHERE family_id = 'gone'")).isEqualTo(1);
	}

	@Test
	void cleanUpWhenMoreExpiredRowsThanBatchSizeThenDeletesAllInBatches() {
		Instant expired = this.clock.instant().minus(Duration.ofDays(30));
		for (int i = 0; i < 5; i++) {
			family("family-" + i, expired);
			TestAuthorizationCodes.insertCode(this.db.jdbc(), "code-" + i, "demo-mobile", expired);
		}

		Result result = this.job.cleanUp().orElseThrow();

		assertThat(result.removed("token families")).isEqualTo(5);
		assertThat(result.removed("authorization codes")).isEqualTo(5);
		assertThat(count("SELECT COUNT(*) FROM token_family")).isZero();
		assertThat(count("SELECT COUNT(*) FROM authorization_code")).isZero();
	}

	@Test
	void cleanUpWhenCodesExpiredThenDeletesOnlyThosePastRetention() {
		Instant now = this.clock.instant();
		TestAuthorizationCodes.insertCode(this.db.jdbc(), "old", "demo-mobile", now.minus(Duration.ofHours(2)));
		TestAuthorizationCodes.insertCode(this.db.jdbc(), "recent", "demo-mobile", now.minus(Duration.ofMinutes(30)));
		TestAuthorizationCodes.insertCode(this.db.jdbc(), "live", "demo-mobile", now.plus(Duration.ofMinutes(3)));

		Result result = this.job.cleanUp().orElseThrow();

		assertThat(result.removed("authorization codes")).isEqualTo(1);
		assertThat(this.db.jdbc().queryForList("SELECT id FROM authorization_code ORDER BY id", String.class))
			.containsExactly("live", "recent");
	}

	@Test
	void cleanUpWhenBrowserRecordsOutliveTheirFamilyThenDeletesOnlyThoseOlderThanRetention() {
		Instant now = this.clock.instant();
		family("kept", now.plus(Duration.ofDays(30)));
		TestFamilyBrowsers.insertBrowser(this.db.jdbc(), "kept", now.minus(Duration.ofDays(60)));
		family("expired", now.minus(Duration.ofDays(8)));
		TestFamilyBrowsers.insertBrowser(this.db.jdbc(), "expired", now.minus(Duration.ofDays(98)));
		TestFamilyBrowsers.insertBrowser(this.db.jdbc(), "never-redeemed", now.minus(Duration.ofDays(8)));
		TestFamilyBrowsers.insertBrowser(this.db.jdbc(), "code-pending", now.minus(Duration.ofMinutes(2)));

		Result result = this.job.cleanUp().orElseThrow();

		assertThat(result.removed("token families")).isEqualTo(1);
		assertThat(result.removed("browser records")).isEqualTo(2);
		assertThat(TestFamilyBrowsers.exists(this.db.jdbc(), "kept")).isTrue();
		assertThat(TestFamilyBrowsers.exists(this.db.jdbc(), "expired")).isFalse();
		assertThat(TestFamilyBrowsers.exists(this.db.jdbc(), "never-redeemed")).isFalse();
		assertThat(TestFamilyBrowsers.exists(this.db.jdbc(), "code-pending")).isTrue();
	}

	@Test
	void cleanUpWhenAuditEventsOlderThanRetentionThenDeletesThemUnderTheSameLock() {
		Instant now = this.clock.instant();
		for (String type : List.of("SIGN_IN_FAILED", "SIGN_IN_SUCCEEDED")) {
			this.db.jdbc()
				.update("INSERT INTO audit_event (type, occurred_at, subject) VALUES (?, ?, 'old')", type,
						SqlTime.of(now.minus(Duration.ofDays(91))));
		}
		this.db.jdbc()
			.update("INSERT INTO audit_event (type, occurred_at, subject) VALUES ('SIGN_IN_FAILED', ?, 'new')",
					SqlTime.of(now.minus(Duration.ofDays(89))));
		new JdbcJobLock(this.db.jdbc(), this.clock).tryAcquire(TokenCleanupJob.LOCK_NAME, Duration.ofMinutes(10));

		assertThat(this.job.cleanUp()).isEmpty();
		assertThat(count("SELECT COUNT(*) FROM audit_event")).isEqualTo(3);

		this.clock.advance(Duration.ofMinutes(11));
		Result result = this.job.cleanUp().orElseThrow();

		assertThat(result.removed("audit events")).isEqualTo(2);
		assertThat(this.db.jdbc().queryForList("SELECT subject FROM audit_event", String.class)).containsExactly("new");
	}

	@Test
	void cleanUpWhenThrottleCountersOlderThanResetAfterThenDeletesThemUnderTheSameLock() {
		Instant now = this.clock.instant();
		TestSignInThrottles.insertCounter(this.db.jdbc(), "account:stale", now.minus(Duration.ofHours(2)));
		TestSignInThrottles.insertCounter(this.db.jdbc(), "ip:203.0.113.9", now.minus(Duration.ofMinutes(10)));
		new JdbcJobLock(this.db.jdbc(), this.clock).tryAcquire(TokenCleanupJob.LOCK_NAME, Duration.ofMinutes(10));

		assertThat(this.job.cleanUp()).isEmpty();
		assertThat(count("SELECT COUNT(*) FROM sign_in_throttle")).isEqualTo(2);

		this.clock.advance(Duration.ofMinutes(11));
		Result result = this.job.cleanUp().orElseThrow();

		assertThat(result.removed("sign-in throttle counters")).isEqualTo(1);
		assertThat(this.db.jdbc().queryForList("SELECT throttle_key FROM sign_in_throttle", String.class))
			.containsExactly("ip:203.0.113.9");
	}

	@Test
	void cleanUpWhenAnotherNodeHoldsTheLockThenSkipsAndDeletesNothing() {
		family("gone", this.clock.instant().minus(Duration.ofDays(8)));
		new JdbcJobLock(this.db.jdbc(), this.clock).tryAcquire(TokenCleanupJob.LOCK_NAME, Duration.ofMinutes(10));

		assertThat(this.job.cleanUp()).isEmpty();
		assertThat(this.families.findById("gone")).isPresent();
	}

	@Test
	void cleanUpWhenAnotherNodeRanWithinHalfIntervalThenSkipsUntilThen() {
		TokenCleanupJob otherNode = node();
		assertThat(this.job.cleanUp()).isPresent();

		this.clock.advance(Duration.ofMinutes(5).minusSeconds(1));
		assertThat(otherNode.cleanUp()).isEmpty();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(otherNode.cleanUp()).isPresent();
	}

	@Test
	void cleanUpWhenNothingToDoThenEmptyResult() {
		family("live", this.clock.instant().plus(Duration.ofDays(1)));

		assertThat(this.job.cleanUp()).hasValueSatisfying((result) -> {
			assertThat(result.removed()).containsOnlyKeys("expired successor ciphertexts", "authorization codes",
					"token families", "browser records", "sign-in throttle counters", "audit events");
			assertThat(result.removed().values()).containsOnly(0);
		});
	}

	@Test
	void cleanUpWhenARunOutlastsItsLeaseThenRenewsItAtCheckpointsAndNoOtherNodeStartsMeanwhile() {
		JdbcJobLock otherLock = new JdbcJobLock(this.db.jdbc(), this.clock);
		List<Boolean> otherNodeGotTheLock = new ArrayList<>();
		CleanupTask slow = task("slow", (batch) -> {
			// Each batch takes most of a lease; between batches the job renews it.
			this.clock.advance(JOB_PROPERTIES.lease().minusSeconds(10));
			otherNodeGotTheLock
				.add(otherLock.tryAcquire(TokenCleanupJob.LOCK_NAME, JOB_PROPERTIES.lease()).isPresent());
			return (batch < 4) ? PROPERTIES.batchSize() : 0;
		});

		Optional<Result> result = node(slow).cleanUp();

		assertThat(result).isPresent();
		assertThat(otherNodeGotTheLock).hasSize(5).containsOnly(false);
	}

	@Test
	void cleanUpWhenItsLeaseWasTakenOverDuringTheRunThenStopsAtTheNextCheckpoint() {
		JdbcJobLock otherLock = new JdbcJobLock(this.db.jdbc(), this.clock);
		List<Integer> batchesRun = new ArrayList<>();
		CleanupTask stalled = task("stalled", (batch) -> {
			batchesRun.add(batch);
			// A pause longer than the lease (a stalled database, a suspended VM): another
			// node takes over.
			this.clock.advance(JOB_PROPERTIES.lease().plusSeconds(1));
			assertThat(otherLock.tryAcquire(TokenCleanupJob.LOCK_NAME, JOB_PROPERTIES.lease())).isPresent();
			return PROPERTIES.batchSize();
		});
		List<Integer> laterTaskBatches = new ArrayList<>();
		CleanupTask later = task("later", (batch) -> {
			laterTaskBatches.add(batch);
			return 0;
		});

		Optional<Result> result = node(stalled, later).cleanUp();

		assertThat(result).isEmpty();
		assertThat(batchesRun).containsExactly(0);
		assertThat(laterTaskBatches).isEmpty();
		assertThat(this.db.jdbc()
			.queryForObject("SELECT locked_by FROM job_lock WHERE name = ?", String.class, TokenCleanupJob.LOCK_NAME))
			.as("the new holder's lease is untouched")
			.isEqualTo(otherLock.owner());
	}

	private TokenCleanupJob node(CleanupTask... tasks) {
		return new TokenCleanupJob(
				new JobRunner(new JdbcJobLock(this.db.jdbc(), this.clock), JOB_PROPERTIES, this.clock), List.of(tasks),
				PROPERTIES, dev.baton.auth.support.BatonMeters.discarding());
	}

	/**
	 * A task whose batch {@code n} (from 0) does what {@code batch} says and removes what
	 * it returns.
	 */
	private static CleanupTask task(String name, java.util.function.IntUnaryOperator batch) {
		return new CleanupTask() {

			private int batches;

			@Override
			public String name() {
				return name;
			}

			@Override
			public int cleanUp(Instant now, int limit) {
				return batch.applyAsInt(this.batches++);
			}

		};
	}

	private TokenCleanupJob node() {
		List<CleanupTask> tasks = new ArrayList<>(TestRefreshCleanups.tasks(this.db.jdbc(), PROPERTIES));
		tasks.add(1, TestAuthorizationCodes.cleanup(this.db.jdbc(), PROPERTIES));
		tasks.add(TestFamilyBrowsers.cleanup(this.db.jdbc(), PROPERTIES));
		tasks.add(TestSignInThrottles.cleanup(this.db.jdbc()));
		tasks.add(AuditRetention.of(new JdbcAuditEventRepository(this.db.jdbc()),
				new AuditProperties(Duration.ofDays(90))));
		return new TokenCleanupJob(
				new JobRunner(new JdbcJobLock(this.db.jdbc(), this.clock), JOB_PROPERTIES, this.clock), tasks,
				PROPERTIES, dev.baton.auth.support.BatonMeters.discarding());
	}

	private void family(String id, Instant absoluteExpiresAt) {
		Instant createdAt = absoluteExpiresAt.minus(Duration.ofDays(90));
		this.families.insert(new TokenFamily(id, "demo-mobile", "alice", Set.of("openid"), Set.of(), createdAt,
				createdAt, absoluteExpiresAt, null, null));
	}

	private TokenHash token(String familyId, int generation) {
		TokenHash hash = TokenHash.of(familyId + "/" + generation);
		Instant issuedAt = this.clock.instant();
		this.tokens.insert(
				new RefreshToken(hash, familyId, generation, issuedAt, issuedAt.plus(Duration.ofDays(14)), null, null),
				RequestOrigin.UNKNOWN);
		return hash;
	}

	private byte[] ciphertext(TokenHash hash) {
		return this.db.jdbc()
			.queryForObject("SELECT successor_ciphertext FROM refresh_token WHERE token_hash = ?", byte[].class,
					(Object) hash.bytes());
	}

	private int count(String sql) {
		return this.db.jdbc().queryForObject(sql, Integer.class);
	}

}
