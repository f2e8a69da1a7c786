package dev.baton.auth.refresh;

import java.time.Instant;

import dev.baton.auth.scheduling.CleanupProperties;
import dev.baton.auth.scheduling.CleanupTask;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Removes token families past their absolute expiry by more than
 * {@code family-retention}, with their refresh tokens (the foreign key cascades), so that
 * until then the audit trail can still be matched to a family and the user's session
 * history stays readable. Audit events stay: they name the family but do not depend on
 * it.
 */
@Component
@Order(30)
final class TokenFamilyCleanup implements CleanupTask {

	private final TokenFamilyRepository families;

	private final CleanupProperties properties;

	TokenFamilyCleanup(TokenFamilyRepository families, CleanupProperties properties) {
		this.families = families;
		this.properties = properties;
	}

	@Override
	public String name() {
		return "token families";
	}

	@Override
	public int cleanUp(Instant now, int limit) {
		return this.families.deleteExpired(now.minus(this.properties.familyRetention()), limit);
	}

}
