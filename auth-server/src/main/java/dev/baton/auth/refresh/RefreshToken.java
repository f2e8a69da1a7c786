package dev.baton.auth.refresh;

import java.time.Instant;

import dev.baton.auth.crypto.TokenHash;

/**
 * A stored refresh token: its hash and its place in the family chain, never its value.
 * @param successorCiphertext the successor, encrypted under a key derived from this token, kept only during the
 * client's grace window
 */
public record RefreshToken(TokenHash tokenHash, String familyId, int generation, Instant issuedAt,
		Instant expiresAt, Instant consumedAt, byte[] successorCiphertext) {

	public boolean isConsumed() {
		return this.consumedAt != null;
	}

	public boolean isExpiredAt(Instant now) {
		return !now.isBefore(this.expiresAt);
	}

}
