package dev.baton.auth.backchannel;

import java.time.Instant;

/**
 * One row of the back-channel logout outbox: what is needed to mint the logout token at
 * delivery time, never the token itself.
 *
 * @param familyId the ended session, the logout token's {@code sid}
 * @param subject the user's account id, the logout token's {@code sub}
 * @param logoutUri the client's {@code backchannel_logout_uri} when the session ended
 * @param createdAt when the session ended; deliveries stop {@code retry-for} later
 * @param attempts failed attempts so far
 */
record PendingLogout(String id, String clientId, String familyId, String subject, String logoutUri, Instant createdAt,
		int attempts, Instant nextAttemptAt) {
}
