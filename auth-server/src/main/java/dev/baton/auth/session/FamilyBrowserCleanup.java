package dev.baton.auth.session;

import java.time.Duration;
import java.time.Instant;

import dev.baton.auth.scheduling.CleanupProperties;
import dev.baton.auth.scheduling.CleanupTask;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Removes the rows of {@code family_browser} (no foreign key to {@code token_family}: a
 * row is written when the code is issued, before the family exists) whose family no
 * longer exists, once older than both retentions, so a code still waiting to be redeemed
 * keeps its row. Runs after the families' own cleanup.
 */
@Component
@Order(40)
public final class FamilyBrowserCleanup implements CleanupTask {

	private final FamilyBrowserRepository browsers;

	private final CleanupProperties properties;

	FamilyBrowserCleanup(FamilyBrowserRepository browsers, CleanupProperties properties) {
		this.browsers = browsers;
		this.properties = properties;
	}

	@Override
	public String name() {
		return "browser records";
	}

	@Override
	public int cleanUp(Instant now, int limit) {
		Duration retention = max(this.properties.familyRetention(), this.properties.codeRetention());
		return this.browsers.deleteOrphaned(now.minus(retention), limit);
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

}
