package dev.baton.auth.refresh;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.baton.auth.audit.AuditEventType;
import dev.baton.auth.audit.AuditLog;
import dev.baton.auth.crypto.OpaqueTokens;
import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.refresh.RefreshTokenRepository.TokenWithFamily;
import dev.baton.auth.refresh.RotationOutcome.ClientMismatch;
import dev.baton.auth.refresh.RotationOutcome.Expired;
import dev.baton.auth.refresh.RotationOutcome.FamilyRevoked;
import dev.baton.auth.refresh.RotationOutcome.RecoveredUnconfirmed;
import dev.baton.auth.refresh.RotationOutcome.ResourceNotGranted;
import dev.baton.auth.refresh.RotationOutcome.RetriedWithinGrace;
import dev.baton.auth.refresh.RotationOutcome.ReuseDetected;
import dev.baton.auth.refresh.RotationOutcome.Rotated;
import dev.baton.auth.refresh.RotationOutcome.ScopeExceeded;
import dev.baton.auth.refresh.RotationOutcome.Unknown;
import dev.baton.auth.refresh.RotationOutcome.UserDisabled;
import dev.baton.auth.token.ResourceIndicators;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands the baton on: consumes a refresh token and issues its successor, or recognises a
 * lost-response retry, or revokes the family of a token that comes back (RFC 6749 §6, RFC
 * 9700 §4.14.2, OAuth 2.1 §4.3.1).
 * <p>
 * Nothing here relies on a JVM lock: the one conditional UPDATE of
 * {@link RefreshTokenRepository#consume} decides which of any number of concurrent
 * requests, on any number of nodes, wins a token. Every result is returned as a
 * {@link RotationOutcome}, so a revocation commits even though its request fails.
 */
@Service
public class RefreshTokenRotator {

	private static final Logger logger = LoggerFactory.getLogger(RefreshTokenRotator.class);

	private final RefreshTokenRepository tokens;

	private final TokenFamilyService families;

	private final AuditLog auditLog;

	private final UnconfirmedRotationRecovery recovery;

	private final Clock clock;

	public RefreshTokenRotator(RefreshTokenRepository tokens, TokenFamilyService families, AuditLog auditLog,
			UnconfirmedRotationRecovery recovery, Clock clock) {
		this.tokens = tokens;
		this.families = families;
		this.auditLog = auditLog;
		this.recovery = recovery;
		this.clock = clock;
	}

	/**
	 * Applies the refresh rules of DESIGN.md to a presented token, in this order:
	 * unknown, another client's (not consumed, rule 5), revoked family, a disabled or
	 * deleted user (read in the same statement as the token, so a change made in the
	 * database or by another node holds at once; RFC 6749 §6: the grant must still be
	 * valid for the resource owner), consumed (grace retry, rule 3, recovery of an
	 * unconfirmed rotation, rule 7, or reuse, rule 2), expired (rule 4), scopes and
	 * resources beyond the grant (not consumed, rule 5), and only then consumption (rule
	 * 1).
	 */
	@Transactional
	public RotationOutcome rotate(RefreshRequest request) {
		Instant now = this.clock.instant();
		TokenHash hash = TokenHash.of(request.presentedToken());
		// Asked before the row is read (rule 7): see
		// UnconfirmedRotationRecovery.isPendingHere.
		boolean pendingHere = this.recovery.isPendingHere(hash);
		Optional<TokenWithFamily> found = this.tokens.findWithFamily(hash);
		if (found.isEmpty()) {
			return new Unknown();
		}
		RefreshToken token = found.get().token();
		TokenFamily family = found.get().family();
		if (!family.clientId().equals(request.clientId())) {
			return new ClientMismatch(family);
		}
		if (family.isRevoked()) {
			return new FamilyRevoked(family);
		}
		if (!found.get().userEnabled()) {
			return new UserDisabled(family);
		}
		if (token.isConsumed()) {
			return onConsumed(token, family, request, now, pendingHere);
		}
		if (token.isExpiredAt(now) || family.isExpiredAt(now)) {
			return new Expired(family);
		}
		RotationOutcome invalidRequest = checkNarrowing(family, request);
		if (invalidRequest != null) {
			return invalidRequest;
		}
		return consume(token, family, request, now, pendingHere);
	}

	private RotationOutcome consume(RefreshToken token, TokenFamily family, RefreshRequest request, Instant now,
			boolean pendingHere) {
		RefreshPolicy policy = request.policy();
		String successor = OpaqueTokens.generate();
		byte[] successorCiphertext = null;
		// Kept for the grace window (rule 3) and, until its delivery is confirmed, the
		// recovery window (rule 7).
		Instant successorCiphertextExpiresAt = this.recovery.ciphertextExpiry(now, policy);
		if (successorCiphertextExpiresAt != null) {
			successorCiphertext = SuccessorCipher.encrypt(request.presentedToken(), successor, family.id(),
					token.generation());
		}
		if (!this.tokens.consume(token.tokenHash(), now, successorCiphertext, successorCiphertextExpiresAt)) {
			// Another request consumed it between our read and our update: decide on the
			// committed row.
			RefreshToken consumed = this.tokens.findForUpdate(token.tokenHash())
				.orElseThrow(() -> new IllegalStateException("Refresh token vanished while being consumed"));
			return onConsumed(consumed, family, request, now, pendingHere);
		}
		Instant expiresAt = policy.tokenExpiry(now, family.absoluteExpiresAt());
		this.tokens.insert(new RefreshToken(TokenHash.of(successor), family.id(), token.generation() + 1, now,
				expiresAt, null, null), request.origin());
		IssuedRefreshToken issued = new IssuedRefreshToken(successor, now, expiresAt);
		this.recovery.sending(token.tokenHash(), issued, policy);
		return new Rotated(family, issued);
	}

	private RotationOutcome onConsumed(RefreshToken token, TokenFamily family, RefreshRequest request, Instant now,
			boolean pendingHere) {
		Optional<RotationOutcome> sameSuccessor = sameSuccessorAgain(token, family, request, now, pendingHere);
		if (sameSuccessor.isPresent()) {
			return sameSuccessor.get();
		}
		this.families.revoke(family, RevocationReason.REUSE_DETECTED, request.origin());
		this.auditLog.record(AuditEventType.REFRESH_TOKEN_REUSE_DETECTED, family.subject(), family.clientId(),
				family.id(), "generation " + token.generation(), request.origin());
		logger.warn("Refresh token reuse detected: client {}, family {}; the family is revoked", family.clientId(),
				family.id());
		return new ReuseDetected(family);
	}

	/**
	 * The same successor again for a consumed token: a retry within the grace window
	 * (rule 3), or a retry of a rotation whose response was never confirmed as delivered
	 * (rule 7); empty when neither applies (reuse).
	 */
	private Optional<RotationOutcome> sameSuccessorAgain(RefreshToken token, TokenFamily family, RefreshRequest request,
			Instant now, boolean pendingHere) {
		Optional<IssuedRefreshToken> withinGrace = successorForRetry(token, family, request, now);
		boolean recovering = withinGrace.isEmpty() && this.recovery.isRecoverable(token, now, pendingHere);
		Optional<IssuedRefreshToken> successor = recovering ? unusedSuccessor(token, family, request, now)
				: withinGrace;
		if (successor.isEmpty()) {
			return Optional.empty();
		}
		RotationOutcome invalidRequest = checkNarrowing(family, request);
		if (invalidRequest != null) {
			return Optional.of(invalidRequest);
		}
		this.recovery.sending(token.tokenHash(), successor.get(), request.policy());
		if (recovering) {
			logger.info("Refresh of an unconfirmed rotation retried: client {}, family {}; same successor again",
					family.clientId(), family.id());
			return Optional.of(new RecoveredUnconfirmed(family, successor.get()));
		}
		return Optional.of(new RetriedWithinGrace(family, successor.get()));
	}

	/**
	 * A consumed token is a lost-response retry, not theft, while the client's grace
	 * window runs and its successor is unused (DESIGN rule 3); then the successor is
	 * decrypted with a key derived from the presented token.
	 */
	private Optional<IssuedRefreshToken> successorForRetry(RefreshToken token, TokenFamily family,
			RefreshRequest request, Instant now) {
		RefreshPolicy policy = request.policy();
		if (!policy.hasGraceWindow() || token.successorCiphertext() == null
				|| !now.isBefore(token.consumedAt().plus(policy.graceWindow()))) {
			return Optional.empty();
		}
		return unusedSuccessor(token, family, request, now);
	}

	/**
	 * The successor of a consumed token, decrypted with a key derived from the presented
	 * token, if unused.
	 */
	private Optional<IssuedRefreshToken> unusedSuccessor(RefreshToken token, TokenFamily family, RefreshRequest request,
			Instant now) {
		Optional<RefreshToken> stored = this.tokens.findByFamilyAndGeneration(family.id(), token.generation() + 1);
		if (stored.isEmpty() || stored.get().isConsumed() || stored.get().isExpiredAt(now)) {
			return Optional.empty();
		}
		RefreshToken successor = stored.get();
		return SuccessorCipher
			.decrypt(request.presentedToken(), token.successorCiphertext(), family.id(), token.generation())
			.filter((value) -> TokenHash.of(value).matches(successor.tokenHash()))
			.map((value) -> new IssuedRefreshToken(value, successor.issuedAt(), successor.expiresAt()));
	}

	/** Scopes and resources may only narrow the grant (RFC 6749 §6, RFC 8707 §2.2). */
	private static RotationOutcome checkNarrowing(TokenFamily family, RefreshRequest request) {
		if (!family.scopes().containsAll(request.requestedScopes())) {
			return new ScopeExceeded(family);
		}
		if (!ResourceIndicators.allowed(request.requestedResources(), family.resources())) {
			return new ResourceNotGranted(family);
		}
		return null;
	}

}
