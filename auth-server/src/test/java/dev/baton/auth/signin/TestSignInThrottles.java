package dev.baton.auth.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.baton.auth.support.SqlTime;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sign-in throttle counters for tests of other features, which cannot see this feature's
 * package-private types.
 */
public final class TestSignInThrottles {

	/** The default {@code baton.sign-in.reset-after}. */
	public static final Duration RESET_AFTER = Duration.ofHours(1);

	/** The defaults of {@code baton.sign-in.*}. */
	public static final SignInThrottleProperties DEFAULTS = new SignInThrottleProperties(5, 20, 20, 10, 5, 10,
			Duration.ofSeconds(30), Duration.ofMinutes(15), RESET_AFTER, Duration.ofDays(90), 3, 20);

	private TestSignInThrottles() {
	}

	/** The cleanup with the default properties ({@link #RESET_AFTER}). */
	public static SignInThrottleCleanup cleanup(JdbcTemplate jdbc) {
		return new SignInThrottleCleanup(new JdbcSignInThrottleRepository(jdbc), DEFAULTS,
				new KnownBrowsers(new JdbcKnownBrowserRepository(jdbc), DEFAULTS, Clock.systemUTC()));
	}

	/**
	 * Creates an account row for each username and the lookup the sign-in provider names
	 * them with.
	 */
	public static dev.baton.auth.user.SignedInAccounts accounts(JdbcTemplate jdbc, String... usernames) {
		for (String username : usernames) {
			jdbc.update(
					"INSERT INTO user_account (id, username, display_name, password_hash, enabled, created_at) "
							+ "VALUES (?, ?, ?, '{noop}unused', TRUE, ?)",
					"id-of-" + username, username, username, SqlTime.of(Instant.parse("2026-01-01T00:00:00Z")));
		}
		return new dev.baton.auth.user.SignedInAccounts(new dev.baton.auth.user.JdbcUserAccountRepository(jdbc));
	}

	/** The throttle with the default properties on {@code jdbc}. */
	public static SignInThrottle throttle(JdbcTemplate jdbc, Clock clock) {
		return new SignInThrottle(new JdbcSignInThrottleRepository(jdbc), DEFAULTS, clock);
	}

	/** Stores a counter of three failures, the last one at {@code lastFailureAt}. */
	public static void insertCounter(JdbcTemplate jdbc, String key, Instant lastFailureAt) {
		jdbc.update(
				"INSERT INTO sign_in_throttle (throttle_key, failure_count, first_failure_at, last_failure_at) "
						+ "VALUES (?, 3, ?, ?)",
				key, SqlTime.of(lastFailureAt.minusSeconds(60)), SqlTime.of(lastFailureAt));
	}

}
