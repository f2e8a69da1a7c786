package dev.baton.auth.refresh;

import java.time.Instant;

/**
 * A live token family as its user sees it: when it started and, from its newest refresh
 * token (written with every rotation, so no extra write per refresh), when, from where
 * and with what it was last used.
 *
 * @param lastUsedAt when the newest refresh token was issued (the latest code redemption
 * or refresh)
 */
public record FamilyActivity(String familyId, String clientId, String subject, Instant createdAt, Instant lastUsedAt,
		String lastIp, String lastUserAgent) {

}
