package dev.baton.auth.refresh;

import java.time.Instant;

import dev.baton.auth.crypto.TokenHash;

/**
 * A token response whose successor refresh token was written to the client: its consumed
 * token no longer needs the successor kept for recovery (DESIGN rule 7).
 *
 * @param consumedToken the hash of the token the request presented
 * @param keepCiphertextUntil the end of the client's grace window (DESIGN rule 3), until
 * when the encrypted successor stays for grace retries; {@code null} for a strict client,
 * whose ciphertext is erased at once
 */
record DeliveredSuccessor(TokenHash consumedToken, Instant keepCiphertextUntil) {
}
