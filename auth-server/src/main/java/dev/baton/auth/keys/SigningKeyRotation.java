package dev.baton.auth.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.support.RequestOrigin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Rotates the signing key without breaking a single token:
 * <ol>
 * <li>the new key is published in the JWKS at once but signs only from
 * {@code now + publish-lead}, so resource servers have it cached before the first token
 * it signs reaches them;</li>
 * <li>the previous key keeps signing until then ({@code retires_at} = the new key's
 * {@code activates_at});</li>
 * <li>and stays published until every token it signed has expired ({@code unpublish_at} =
 * {@code retires_at} + the longest token lifetime + verifier clock skew, see
 * {@link TokenLifetimeBound}).</li>
 * </ol>
 * Exactly once, decided in the database, in one transaction that first reads the key set:
 * <ol start="4">
 * <li><b>one rotation at a time</b>: while the newest key has not begun to sign, a
 * rotation is pending and another one is refused ({@link KeyRotationOutcome.Pending}); so
 * a key always signs for a while before its successor takes over, and no key is ever set
 * to retire before (or when) it activates;</li>
 * <li><b>one winner</b>: retiring the newest key is a conditional UPDATE
 * ({@code retires_at IS NULL}) checked by its row count, and the successor's INSERT names
 * the key it succeeds under a unique index ({@code ux_signing_key_succeeds}); of any
 * number of concurrent rotations on any number of nodes, one commits and the others come
 * back {@link KeyRotationOutcome.Superseded} with nothing written;</li>
 * <li><b>a fixed schedule</b>: the scheduled rotation is due when the newest key has
 * signed for {@code rotation-period - publish-lead - rotation-check-interval}, and its
 * successor activates exactly {@code rotation-period} after it (later only when no node
 * checked in time, then {@code publish-lead} after the check), so each key signs for one
 * period and the schedule does not drift. Which period is due is read inside the
 * transaction, so a node that checks after another node's rotation committed finds the
 * new key pending and does nothing: one rotation per period across all nodes.</li>
 * </ol>
 */
@Service
public class SigningKeyRotation {

	private static final Logger logger = LoggerFactory.getLogger(SigningKeyRotation.class);

	/**
	 * Attempts when a certifying cluster (Galera) aborts the transaction at commit for a
	 * concurrent writer.
	 */
	private static final int ATTEMPTS = 3;

	private final SigningKeyRepository repository;

	private final SigningKeySet keySet;

	private final TokenLifetimeBound lifetimeBound;

	private final SigningKeyProperties properties;

	private final TransactionOperations transaction;

	private final AuditLog auditLog;

	private final Clock clock;

	SigningKeyRotation(SigningKeyRepository repository, SigningKeySet keySet, TokenLifetimeBound lifetimeBound,
			SigningKeyProperties properties, TransactionOperations transaction, AuditLog auditLog, Clock clock) {
		this.repository = repository;
		this.keySet = keySet;
		this.lifetimeBound = lifetimeBound;
		this.properties = properties;
		this.transaction = transaction;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	/**
	 * Rotates now, unless a rotation is pending (rule 4) or a concurrent one wins (rule
	 * 5).
	 * @param actor who asked: the admin client's id
	 */
	public KeyRotationOutcome rotate(String actor, RequestOrigin origin) {
		return rotate(actor, origin, false).orElseThrow();
	}

	/**
	 * The scheduled rotation (rule 6). Empty when not due or when the schedule is off
	 * ({@code rotation-period} zero).
	 */
	public Optional<KeyRotationOutcome> rotateIfDue() {
		Duration period = this.properties.rotationPeriod();
		if (period.isZero() || period.isNegative()) {
			return Optional.empty();
		}
		return rotate("scheduler", RequestOrigin.UNKNOWN, true);
	}

	private Optional<KeyRotationOutcome> rotate(String actor, RequestOrigin origin, boolean scheduled) {
		Optional<KeyRotationOutcome> outcome = inTransaction(scheduled);
		if (outcome.isEmpty()) {
			return outcome;
		}
		if (outcome.get() instanceof KeyRotationOutcome.Rotated rotated) {
			this.keySet.reload();
			String previousKid = (rotated.previousKey() != null) ? rotated.previousKey().kid() : "none";
			logger.info(
					"Rotated signing key: {} ({}) publishes now and signs from {}; {} signs until then and stays "
							+ "published until {} (asked by {})",
					rotated.newKey().kid(), rotated.newKey().algorithm(), rotated.newKey().activatesAt(), previousKid,
					rotated.previousUnpublishAt(), actor);
			this.auditLog.record(AuditEventType.SIGNING_KEY_ROTATED, actor, null, null,
					"kid=" + rotated.newKey().kid() + " previous=" + previousKid, origin);
		}
		else if (outcome.get() instanceof KeyRotationOutcome.Pending pending) {
			logger.info("Signing key rotation asked by {} refused: key {} is pending, it signs from {}", actor,
					pending.pendingKey().kid(), pending.pendingKey().activatesAt());
		}
		else {
			logger.info("Signing key rotation asked by {} superseded by a concurrent rotation", actor);
		}
		return outcome;
	}

	private Optional<KeyRotationOutcome> inTransaction(boolean scheduled) {
		for (int attempt = 1;; attempt++) {
			try {
				return this.transaction.execute((status) -> {
					Optional<KeyRotationOutcome> outcome = rotateInTransaction(scheduled);
					if (outcome.isPresent() && !(outcome.get() instanceof KeyRotationOutcome.Rotated)) {
						status.setRollbackOnly();
					}
					return outcome;
				});
			}
			catch (DataIntegrityViolationException ex) {
				// ux_signing_key_succeeds: a concurrent rotation inserted the successor
				// first.
				return Optional.of(new KeyRotationOutcome.Superseded());
			}
			catch (ConcurrencyFailureException ex) {
				if (attempt == ATTEMPTS) {
					return Optional.of(new KeyRotationOutcome.Superseded());
				}
				// Galera's certification (or a deadlock) aborted it: decide again on what
				// committed meanwhile.
			}
		}
	}

	private Optional<KeyRotationOutcome> rotateInTransaction(boolean scheduled) {
		// The database keeps microseconds; so does the answer. Read the clock before the
		// key set, so that a
		// rotation committed meanwhile by another node is seen as pending rather than
		// retired too early.
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		// Newest activation first: the first key without a retirement is the one the new
		// key succeeds.
		SigningKey newest = this.repository.findPublished(now)
			.stream()
			.filter((key) -> key.retiresAt() == null)
			.findFirst()
			.orElse(null);
		Instant activatesAt = now.plus(this.properties.publishLead());
		if (newest != null) {
			if (scheduled) {
				Instant due = newest.activatesAt().plus(this.properties.rotationPeriod());
				// Checked every rotation-check-interval: the check before the due time
				// publishes the successor.
				if (now.isBefore(
						due.minus(this.properties.publishLead()).minus(this.properties.rotationCheckInterval()))) {
					return Optional.empty();
				}
				activatesAt = latest(activatesAt, due);
			}
			if (newest.activatesAt().isAfter(now) || !activatesAt.isAfter(newest.activatesAt())) {
				return scheduled ? Optional.empty() : Optional.of(new KeyRotationOutcome.Pending(newest));
			}
		}
		Instant unpublishAt = null;
		if (newest != null) {
			unpublishAt = activatesAt.plus(this.lifetimeBound.maxTokenLifetime());
			if (!this.repository.retire(newest.kid(), activatesAt, unpublishAt)) {
				return Optional.of(new KeyRotationOutcome.Superseded());
			}
		}
		SigningKey newKey = this.keySet.generate(activatesAt);
		String succeeds = (newest != null) ? newest.kid() : SigningKeyRepository.FIRST_KEY;
		if (!this.repository.insert(newKey, succeeds)) {
			return Optional.of(new KeyRotationOutcome.Superseded());
		}
		SigningKey previous = (newest != null) ? new SigningKey(newest.kid(), newest.algorithm(), newest.jwk(),
				newest.createdAt(), newest.activatesAt(), activatesAt, unpublishAt) : null;
		return Optional.of(new KeyRotationOutcome.Rotated(newKey, previous, unpublishAt));
	}

	private static Instant latest(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

}
