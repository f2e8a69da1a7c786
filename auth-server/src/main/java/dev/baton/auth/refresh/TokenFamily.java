package dev.baton.auth.refresh;

import java.time.Instant;
import java.util.Set;

/**
 * One sign-in of one user on one client: the chain of refresh tokens handed on from that
 * sign-in.
 *
 * @param id also the {@code sid} claim of the family's access tokens
 * @param clientId the {@code client_id} of the client it was issued to
 * @param subject the user ({@code sub})
 * @param scopes the scopes granted at sign-in; refreshes may only narrow them
 * @param resources the audiences granted at sign-in (RFC 8707)
 * @param absoluteExpiresAt the end of the family, never extended by rotation
 */
public record TokenFamily(String id, String clientId, String subject, Set<String> scopes, Set<String> resources,
		Instant authTime, Instant createdAt, Instant absoluteExpiresAt, Instant revokedAt,
		RevocationReason revokedReason) {

	public boolean isRevoked() {
		return this.revokedAt != null;
	}

	public boolean isExpiredAt(Instant now) {
		return !now.isBefore(this.absoluteExpiresAt);
	}

}
