package dev.baton.auth.signin;

import java.time.Instant;
import java.util.Optional;

import dev.baton.auth.support.SqlTime;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code sign_in_throttle} table. */
@Repository
class JdbcSignInThrottleRepository implements SignInThrottleRepository {

	private static final String SELECT = "SELECT failure_count, last_failure_at, locked_until FROM sign_in_throttle "
			+ "WHERE throttle_key = ?";

	private static final String INSERT = "INSERT INTO sign_in_throttle "
			+ "(throttle_key, failure_count, first_failure_at, last_failure_at, locked_until) VALUES (?, 1, ?, ?, ?)";

	/**
	 * Compare-and-set on the values read: 0 rows when another request counted an attempt
	 * in between.
	 */
	private static final String COMPARE_AND_SET = "UPDATE sign_in_throttle SET failure_count = ?, "
			+ "first_failure_at = CASE WHEN ? = 1 THEN ? ELSE first_failure_at END, last_failure_at = ?, "
			+ "locked_until = ? WHERE throttle_key = ? AND failure_count = ? AND last_failure_at = ?";

	/**
	 * locked_until first: MySQL evaluates SET left to right, H2 with the old values; both
	 * see the old count.
	 */
	private static final String REFUND = "UPDATE sign_in_throttle SET "
			+ "locked_until = CASE WHEN failure_count - 1 < ? THEN NULL ELSE locked_until END, "
			+ "failure_count = failure_count - 1 WHERE throttle_key = ? AND failure_count > 0";

	private static final String DELETE = "DELETE FROM sign_in_throttle WHERE throttle_key = ?";

	/**
	 * Every count of one username: as a whole, from each IP and from each browser (the
	 * suffix is the username).
	 */
	private static final String DELETE_OF_USERNAME = "DELETE FROM sign_in_throttle WHERE throttle_key = ? "
			+ "OR ((throttle_key LIKE 'account-ip:%' OR throttle_key LIKE 'account-browser:%') AND throttle_key LIKE ?)";

	private static final String DELETE_OLDER_THAN = "DELETE FROM sign_in_throttle WHERE last_failure_at < ?";

	private final JdbcTemplate jdbc;

	JdbcSignInThrottleRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<FailureCount> find(ThrottleKey key) {
		return this.jdbc
			.query(SELECT,
					(rs, rowNum) -> new FailureCount(rs.getInt("failure_count"), SqlTime.instant(rs, "last_failure_at"),
							SqlTime.instant(rs, "locked_until")),
					key.stored())
			.stream()
			.findFirst();
	}

	@Override
	public boolean insertFirst(ThrottleKey key, Instant now, Instant lockedUntil) {
		try {
			return this.jdbc.update(INSERT, key.stored(), SqlTime.of(now), SqlTime.of(now),
					(lockedUntil != null) ? SqlTime.of(lockedUntil) : null) == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	@Override
	public boolean compareAndSet(ThrottleKey key, FailureCount expected, FailureCount next) {
		return this.jdbc.update(COMPARE_AND_SET, next.failures(), next.failures(), SqlTime.of(next.lastFailureAt()),
				SqlTime.of(next.lastFailureAt()), (next.lockedUntil() != null) ? SqlTime.of(next.lockedUntil()) : null,
				key.stored(), expected.failures(), SqlTime.of(expected.lastFailureAt())) == 1;
	}

	@Override
	public void refund(ThrottleKey key, int threshold) {
		this.jdbc.update(REFUND, threshold, key.stored());
	}

	@Override
	public void reset(ThrottleKey key) {
		this.jdbc.update(DELETE, key.stored());
	}

	@Override
	public int resetUsername(String username) {
		String escaped = ThrottleKey.account(username)
			.value()
			.replace("\\", "\\\\")
			.replace("%", "\\%")
			.replace("_", "\\_");
		return this.jdbc.update(DELETE_OF_USERNAME, ThrottleKey.account(username).stored(), "%|" + escaped);
	}

	@Override
	public int deleteOlderThan(Instant before) {
		return this.jdbc.update(DELETE_OLDER_THAN, SqlTime.of(before));
	}

}
