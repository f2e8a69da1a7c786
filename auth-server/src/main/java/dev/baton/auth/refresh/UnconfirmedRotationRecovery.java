package dev.baton.auth.refresh;

import java.time.Duration;
import java.time.Instant;

import dev.baton.auth.crypto.TokenHash;

import org.springframework.stereotype.Component;

/**
 * DESIGN rule 7, unconfirmed rotation recovery: a rotation that committed but whose
 * response never reached the client (the database failed during COMMIT, the node died
 * after it, the response could not be written) must not cost the session. Every rotation
 * keeps its successor encrypted under a key derived from the consumed token, as the grace
 * window does (rule 3), until the response is confirmed as written
 * ({@link SuccessorDeliveries}); a replay of the consumed token then gets the same
 * successor back instead of revoking the family, when all hold:
 * <ul>
 * <li>the successor's delivery was never confirmed: its ciphertext is still there and its
 * lifetime was not cut to the grace window, and no response carrying it is in flight or
 * awaiting confirmation on this node;</li>
 * <li>the token was consumed at least {@code recovery-delay} ago: replays racing the
 * winning request (which arrive within milliseconds) stay reuse, so a strict client's
 * parallel replay still ends in one success and a revoked family (rule 2);</li>
 * <li>and at most {@code recovery-window} ago;</li>
 * <li>the successor is unused and unexpired (checked by the rotator, as for rule 3): the
 * first use of the successor, by anyone, turns every later replay of the consumed token
 * into reuse.</li>
 * </ul>
 * What a thief holding a consumed token gains: only while the legitimate response was
 * never confirmed, only the same successor the client would get, and whichever of the two
 * uses it second causes a reuse detection that revokes the family (RFC 9700 §4.14.2: the
 * family still ends at the first double use). A confirmed rotation, the normal case, is
 * exactly as strict as before.
 */
@Component
public final class UnconfirmedRotationRecovery {

	private final RefreshTokenProperties properties;

	private final SuccessorDeliveries deliveries;

	public UnconfirmedRotationRecovery(RefreshTokenProperties properties, SuccessorDeliveries deliveries) {
		this.properties = properties;
		this.deliveries = deliveries;
	}

	/**
	 * Until when a rotation at {@code now} keeps the encrypted successor: the longer of
	 * the grace window and the recovery window; {@code null} when both are off.
	 */
	Instant ciphertextExpiry(Instant now, RefreshPolicy policy) {
		Duration keep = this.properties.recoveryWindow();
		if (policy.hasGraceWindow() && policy.graceWindow().compareTo(keep) > 0) {
			keep = policy.graceWindow();
		}
		return keep.isZero() ? null : now.plus(keep);
	}

	/**
	 * Whether this node has a response carrying the successor of {@code presented} in
	 * flight or awaiting its confirmation. A rotation asks this <em>before</em> it reads
	 * the token's row: a confirmation written after the question is then seen in the row,
	 * and one written before it was still known here when asked, so a replay never falls
	 * between the two and takes a delivered rotation for an unconfirmed one.
	 */
	boolean isPendingHere(TokenHash presented) {
		return this.deliveries.isPending(presented);
	}

	/**
	 * Whether a replay at {@code now} of this consumed token may get its successor back
	 * (the rule above).
	 * @param pendingHere {@link #isPendingHere} as asked before the row was read
	 */
	boolean isRecoverable(RefreshToken consumed, Instant now, boolean pendingHere) {
		if (!this.properties.isRecoveryEnabled() || consumed.successorCiphertext() == null
				|| consumed.successorExpiresAt() == null || !now.isBefore(consumed.successorExpiresAt())) {
			return false;
		}
		Instant consumedAt = consumed.consumedAt();
		if (now.isBefore(consumedAt.plus(this.properties.recoveryDelay()))
				|| !now.isBefore(consumedAt.plus(this.properties.recoveryWindow()))) {
			return false;
		}
		return !pendingHere;
	}

	/**
	 * Registers a successor handed out for {@code presented} as in flight, to be
	 * confirmed once written: a grace client's ciphertext is then kept until its grace
	 * window ends, a strict client's is erased.
	 */
	void sending(TokenHash presented, IssuedRefreshToken successor, RefreshPolicy policy) {
		Instant keepUntil = policy.hasGraceWindow() ? successor.issuedAt().plus(policy.graceWindow()) : null;
		this.deliveries.sending(new DeliveredSuccessor(presented, keepUntil));
	}

}
