package dev.baton.auth.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

import dev.baton.auth.audit.AuditRetention;
import dev.baton.auth.code.AuthorizationCodeCleanup;
import dev.baton.auth.refresh.RefreshTokenRepository;
import dev.baton.auth.refresh.TokenFamilyRepository;
import dev.baton.auth.session.FamilyBrowserCleanup;
import dev.baton.auth.signin.SignInThrottleCleanup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes what no longer serves a purpose, on one node at a time ({@link JobLock}):
 * <ul>
 * <li>the encrypted successors of consumed refresh tokens whose grace window has passed (DESIGN rule 3: kept
 * only for the window);
 * <li>authorization requests and codes expired more than {@code code-retention} ago;
 * <li>token families past their absolute expiry by more than {@code family-retention}, with their refresh tokens.
 * Audit events stay: they name the family but do not depend on it;
 * <li>the browser records ({@code family_browser}, no foreign key) of families that no longer exist, once older
 * than both retentions (so a code still waiting to be redeemed keeps its record);
 * <li>sign-in throttle counters that lock nothing any more (last failure older than
 * {@code baton.sign-in.reset-after}).
 * </ul>
 * Deletes go in batches of {@code batch-size} through the expiry indexes, at most {@value #MAX_BATCHES} batches
 * per table and run; what is left waits for the next run.
 */
@Component
@ConditionalOnBooleanProperty(name = "baton.cleanup.enabled", matchIfMissing = true)
public class TokenCleanupJob {

	static final String LOCK_NAME = "token-cleanup";

	static final int MAX_BATCHES = 100;

	private static final Logger logger = LoggerFactory.getLogger(TokenCleanupJob.class);

	private final JobLock lock;

	private final RefreshTokenRepository refreshTokens;

	private final TokenFamilyRepository families;

	private final AuthorizationCodeCleanup codes;

	private final FamilyBrowserCleanup browsers;

	private final SignInThrottleCleanup throttleCounters;

	private final AuditRetention auditEvents;

	private final CleanupProperties properties;

	private final Clock clock;

	public TokenCleanupJob(JobLock lock, RefreshTokenRepository refreshTokens, TokenFamilyRepository families,
			AuthorizationCodeCleanup codes, FamilyBrowserCleanup browsers, SignInThrottleCleanup throttleCounters,
			AuditRetention auditEvents, CleanupProperties properties, Clock clock) {
		this.lock = lock;
		this.refreshTokens = refreshTokens;
		this.families = families;
		this.codes = codes;
		this.browsers = browsers;
		this.throttleCounters = throttleCounters;
		this.auditEvents = auditEvents;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${baton.cleanup.interval:PT10M}",
			initialDelayString = "${baton.cleanup.initial-delay:PT1M}")
	public void scheduledRun() {
		cleanUp();
	}

	/**
	 * Runs the cleanup if no other node is running it or ran it within the last half interval.
	 * @return what was removed, or empty when another node holds the lock
	 */
	public Optional<Result> cleanUp() {
		Instant startedAt = this.clock.instant();
		if (!this.lock.tryLock(LOCK_NAME, this.properties.interval())) {
			logger.debug("Token cleanup skipped: another node is running it or ran it less than half an interval ago");
			return Optional.empty();
		}
		try {
			int successors = this.refreshTokens.eraseExpiredSuccessors(startedAt);
			Instant codesBefore = startedAt.minus(this.properties.codeRetention());
			int codes = inBatches((limit) -> this.codes.deleteExpired(codesBefore, limit));
			Instant familiesBefore = startedAt.minus(this.properties.familyRetention());
			int families = inBatches((limit) -> this.families.deleteExpired(familiesBefore, limit));
			Instant browsersBefore = startedAt.minus(max(this.properties.familyRetention(),
					this.properties.codeRetention()));
			int browsers = inBatches((limit) -> this.browsers.deleteOrphaned(browsersBefore, limit));
			int throttleCounters = this.throttleCounters.deleteStale(startedAt);
			int auditEvents = inBatches((limit) -> this.auditEvents.deleteExpired(startedAt, limit));
			Result result = new Result(successors, codes, families, browsers, throttleCounters, auditEvents);
			if (result.total() > 0) {
				logger.info("Token cleanup: erased {} expired successor ciphertexts, deleted {} authorization codes, "
						+ "{} token families, {} browser records, {} sign-in throttle counters and {} audit events "
						+ "past their retention", successors, codes, families, browsers, throttleCounters,
						auditEvents);
			}
			else {
				logger.debug("Token cleanup: nothing to remove");
			}
			return Optional.of(result);
		}
		finally {
			// Keeps the other nodes, whose schedules run at other moments, from repeating the run right away.
			this.lock.unlock(LOCK_NAME, startedAt.plus(this.properties.interval().dividedBy(2)));
		}
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	private int inBatches(IntUnaryOperator deleteBatch) {
		int batchSize = this.properties.batchSize();
		int total = 0;
		for (int batch = 0; batch < MAX_BATCHES; batch++) {
			int deleted = deleteBatch.applyAsInt(batchSize);
			total += deleted;
			if (deleted < batchSize) {
				break;
			}
		}
		return total;
	}

	/** What one run removed. */
	public record Result(int successorsErased, int codesDeleted, int familiesDeleted, int browsersDeleted,
			int throttleCountersDeleted, int auditEventsDeleted) {

		int total() {
			return this.successorsErased + this.codesDeleted + this.familiesDeleted + this.browsersDeleted
					+ this.throttleCountersDeleted + this.auditEventsDeleted;
		}

	}

}
