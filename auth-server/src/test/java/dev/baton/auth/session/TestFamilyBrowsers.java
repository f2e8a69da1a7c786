package dev.baton.auth.session;

import java.time.Instant;

import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.scheduling.CleanupProperties;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Browser records of sign-ins for tests of other features, which cannot see this
 * feature's package-private types.
 */
public final class TestFamilyBrowsers {

	private TestFamilyBrowsers() {
	}

	public static FamilyBrowserCleanup cleanup(JdbcTemplate jdbc, CleanupProperties properties) {
		return new FamilyBrowserCleanup(new JdbcFamilyBrowserRepository(jdbc), properties);
	}

	/**
	 * Records that the sign-in {@code familyId} (a family, or a code not redeemed yet)
	 * started in a browser.
	 */
	public static void insertBrowser(JdbcTemplate jdbc, String familyId, Instant createdAt) {
		new JdbcFamilyBrowserRepository(jdbc).insertIfAbsent(familyId, TokenHash.of("browser/" + familyId),
				"test-agent", createdAt);
	}

	public static boolean exists(JdbcTemplate jdbc, String familyId) {
		Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM family_browser WHERE family_id = ?", Integer.class,
				familyId);
		return count != null && count > 0;
	}

}
