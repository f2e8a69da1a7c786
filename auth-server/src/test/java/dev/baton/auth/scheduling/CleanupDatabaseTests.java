package dev.baton.auth.scheduling;

import java.time.Duration;
import java.time.Instant;

import dev.baton.auth.session.FamilyBrowserCleanup;
import dev.baton.auth.session.TestFamilyBrowsers;
import dev.baton.auth.signin.SignInThrottleCleanup;
import dev.baton.auth.signin.TestSignInThrottles;
import dev.baton.auth.testsupport.BatonServerTests;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cleanup tasks of browser records (default retention: 7 days) and sign-in throttle
 * counters on the real engine (H2, and MariaDB in the {@code mariadb} run). The server is
 * shared: the rows here are dated years back, so the deletes touch nothing another test
 * wrote.
 */
class CleanupDatabaseTests extends BatonServerTests {

	private static final Instant CUTOFF = Instant.parse("2020-01-01T00:00:00Z");

	@Autowired
	private FamilyBrowserCleanup browsers;

	@Autowired
	private SignInThrottleCleanup throttleCounters;

	@Test
	void deleteOrphanedWhenFamilyMissingAndOldThenDeletesInBatches() {
		for (int i = 0; i < 3; i++) {
			TestFamilyBrowsers.insertBrowser(this.jdbc, "cleanup-orphan-" + i, CUTOFF.minus(Duration.ofDays(1 + i)));
		}
		TestFamilyBrowsers.insertBrowser(this.jdbc, "cleanup-recent", CUTOFF.plusSeconds(1));

		assertThat(this.browsers.cleanUp(CUTOFF.plus(Duration.ofDays(7)), 2)).isEqualTo(2);
		assertThat(TestFamilyBrowsers.exists(this.jdbc, "cleanup-orphan-2")).isFalse();
		assertThat(TestFamilyBrowsers.exists(this.jdbc, "cleanup-orphan-0")).isTrue();
		assertThat(this.browsers.cleanUp(CUTOFF.plus(Duration.ofDays(7)), 2)).isEqualTo(1);
		assertThat(TestFamilyBrowsers.exists(this.jdbc, "cleanup-orphan-0")).isFalse();
		assertThat(TestFamilyBrowsers.exists(this.jdbc, "cleanup-recent")).isTrue();
		this.jdbc.update("DELETE FROM family_browser WHERE family_id = 'cleanup-recent'");
	}

	@Test
	void deleteStaleWhenLastFailureOlderThanResetAfterThenDeleted() {
		TestSignInThrottles.insertCounter(this.jdbc, "account:cleanup-stale", CUTOFF.minusSeconds(1));
		TestSignInThrottles.insertCounter(this.jdbc, "account:cleanup-fresh", CUTOFF.plusSeconds(1));

		assertThat(this.throttleCounters.cleanUp(CUTOFF.plus(TestSignInThrottles.RESET_AFTER), 100)).isEqualTo(1);
		assertThat(this.jdbc.queryForList(
				"SELECT throttle_key FROM sign_in_throttle WHERE throttle_key LIKE " + "'account:cleanup-%'",
				String.class))
			.containsExactly("account:cleanup-fresh");
		this.jdbc.update("DELETE FROM sign_in_throttle WHERE throttle_key = 'account:cleanup-fresh'");
	}

}
