package dev.baton.auth.session;

import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * The scheduled cleanup's way into the {@code family_browser} table, which has no foreign key to
 * {@code token_family} (a row is written when the code is issued, before the family exists): removes the rows of
 * families that were deleted and of codes that were never redeemed.
 */
@Component
public class FamilyBrowserCleanup {

	private final FamilyBrowserRepository browsers;

	FamilyBrowserCleanup(FamilyBrowserRepository browsers) {
		this.browsers = browsers;
	}

	/**
	 * Deletes at most {@code limit} rows created before {@code createdBefore} whose family does not exist. The
	 * caller picks {@code createdBefore} well past any code lifetime, so a code still waiting to be redeemed
	 * keeps its row.
	 * @return how many it deleted
	 */
	public int deleteOrphaned(Instant createdBefore, int limit) {
		return this.browsers.deleteOrphaned(createdBefore, limit);
	}

}
