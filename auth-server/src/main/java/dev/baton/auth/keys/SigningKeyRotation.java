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

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Rotates the signing key without breaking a single token:
 * <ol>
 * <li>the new key is published in the JWKS at once but signs only from {@code now + publish-lead}, so resource
 * servers have it cached before the first token it signs reaches them;</li>
 * <li>the previous key keeps signing until then ({@code retires_at} = the new key's {@code activates_at});</li>
 * <li>and stays published until every token it signed has expired ({@code unpublish_at} = {@code retires_at} + the
 * longest token lifetime + verifier clock skew, see {@link TokenLifetimeBound}).</li>
 * </ol>
 * Any number of nodes may ask at once: retiring the newest key is a conditional UPDATE ({@code retires_at IS NULL})
 * checked by its row count, in the same transaction as the insert of its successor, so exactly one rotation wins
 * and the others come back {@link KeyRotationOutcome.Superseded}. This also makes the scheduled rotation run on one
 * node only, without a separate job lock.
 */
@Service
public class SigningKeyRotation {

	private static final Logger logger = LoggerFactory.getLogger(SigningKeyRotation.class);

	private final SigningKeyRepository repository;

	private final SigningKeySet keySet;

	private final TokenLifetimeBound lifetimeBound;

	private final SigningKeyRotationProperties properties;

	private final TransactionOperations transaction;

	private final AuditLog auditLog;

	private final Clock clock;

	SigningKeyRotation(SigningKeyRepository repository, SigningKeySet keySet, TokenLifetimeBound lifetimeBound,
			SigningKeyRotationProperties properties, TransactionOperations transaction, AuditLog auditLog,
			Clock clock) {
		this.repository = repository;
		this.keySet = keySet;
		this.lifetimeBound = lifetimeBound;
		this.properties = properties;
		this.transaction = transaction;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	/**
	 * Rotates now.
	 * @param actor who asked: the admin client's id, or {@code scheduler}
	 */
	public KeyRotationOutcome rotate(String actor, RequestOrigin origin) {
		KeyRotationOutcome outcome = this.transaction.execute((status) -> rotateInTransaction());
		if (outcome instanceof KeyRotationOutcome.Rotated rotated) {
			this.keySet.reload();
			String previousKid = (rotated.previousKey() != null) ? rotated.previousKey().kid() : "none";
			logger.info("Rotated signing key: {} ({}) publishes now and signs from {}; {} signs until then and stays "
					+ "published until {} (asked by {})", rotated.newKey().kid(), rotated.newKey().algorithm(),
					rotated.newKey().activatesAt(), previousKid, rotated.previousUnpublishAt(), actor);
			this.auditLog.record(AuditEventType.SIGNING_KEY_ROTATED, actor, null, null,
					"kid=" + rotated.newKey().kid() + " previous=" + previousKid, origin);
		}
		else {
			logger.info("Signing key rotation asked by {} superseded by a concurrent rotation", actor);
		}
		return outcome;
	}

	/**
	 * The scheduled rotation: rotates when the newest key has been signing (or been due to sign) for the rotation
	 * period. Empty when not due or when the schedule is off ({@code rotation-period} zero).
	 */
	public Optional<KeyRotationOutcome> rotateIfDue() {
		Duration period = this.properties.rotationPeriod();
		if (period.isZero() || period.isNegative()) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		boolean due = this.repository.findPublished(now)
			.stream()
			.filter((key) -> key.retiresAt() == null)
			.findFirst()
			.map((newest) -> !newest.activatesAt().plus(period).isAfter(now))
			.orElse(false);
		return due ? Optional.of(rotate("scheduler", RequestOrigin.UNKNOWN)) : Optional.empty();
	}

	private KeyRotationOutcome rotateInTransaction() {
		// The database keeps microseconds; so does the answer.
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Instant activatesAt = now.plus(this.properties.publishLead());
		SigningKey newKey = this.keySet.generate(activatesAt);
		// Newest activation first: the first key without a retirement is the one the new key succeeds.
		SigningKey newest = this.repository.findPublished(now)
			.stream()
			.filter((key) -> key.retiresAt() == null)
			.findFirst()
			.orElse(null);
		Instant unpublishAt = null;
		if (newest != null) {
			unpublishAt = activatesAt.plus(this.lifetimeBound.maxTokenLifetime());
			if (!this.repository.retire(newest.kid(), activatesAt, unpublishAt)) {
				return new KeyRotationOutcome.Superseded();
			}
		}
		this.repository.insert(newKey);
		SigningKey previous = (newest != null) ? new SigningKey(newest.kid(), newest.algorithm(), newest.jwk(),
				newest.createdAt(), newest.activatesAt(), activatesAt, unpublishAt) : null;
		return new KeyRotationOutcome.Rotated(newKey, previous, unpublishAt);
	}

}
