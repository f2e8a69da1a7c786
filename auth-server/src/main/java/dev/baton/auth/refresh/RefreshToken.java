package dev.baton.auth.refresh;

import java.time.Instant;

import dev.baton.auth.crypto.TokenHash;

/**
 * A stored refresh token: its hash and its place in the family chain, never its value.
 *
 * @param successorCiphertext the successor, encrypted under a key derived from this
 * token, kept only during the client's grace window (DESIGN rule 3) or, until its
 * delivery is confirmed, the recovery window (rule 7)
 * @param successorExpiresAt until when the ciphertext may be used
 */
public record RefreshToken(TokenHash tokenHash, String familyId, int generation, Instant issuedAt, Instant expiresAt,
		Instant consumedAt, byte[] successorCiphertext, Instant successorExpiresAt) {

	/** A token as stored without a successor ciphertext lifetime. */
	public RefreshToken(TokenHash tokenHash, String familyId, int generation, Instant issuedAt, Instant expiresAt,
			Instant consumedAt, byte[] successorCiphertext) {
		this(tokenHash, familyId, generation, issuedAt, expiresAt, consumedAt, successorCiphertext, null);
	}

	public boolean isConsumed() {
		return this.consumedAt != null;
	}

	public boolean isExpiredAt(Instant now) {
		return !now.isBefore(this.expiresAt);
	}

}
