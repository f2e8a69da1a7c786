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

	private static final String SELECT = "SELECT failure_count, last_failure_at FROM sign_in_throttle "
			+ "WHERE throttle_key = ?";

	private static final String INCREMENT = "UPDATE sign_in_throttle SET "
			+ "failure_count = CASE WHEN last_failure_at < ? THEN 1 ELSE failure_count + 1 END, "
			+ "first_failure_at = CASE WHEN last_failure_at < ? THEN ? ELSE first_failure_at END, "
			+ "last_failure_at = ? WHERE throttle_key = ?";

	private static final String INSERT = "INSERT INTO sign_in_throttle "
			+ "(throttle_key, failure_count, first_failure_at, last_failure_at) VALUES (?, 1, ?, ?)";

	private static final String DELETE = "DELETE FROM sign_in_throttle WHERE throttle_key = ?";

	private static final String DELETE_OLDER_THAN = "DELETE FROM sign_in_throttle WHERE last_failure_at < ?";

	private final JdbcTemplate jdbc;

	JdbcSignInThrottleRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<FailureCount> find(ThrottleKey key) {
		return this.jdbc
			.query(SELECT, (rs, rowNum) -> new FailureCount(rs.getInt("failure_count"),
					SqlTime.instant(rs, "last_failure_at")), key.stored())
			.stream()
			.findFirst();
	}

	@Override
	public void recordFailure(ThrottleKey key, Instant now, Instant resetBefore) {
		if (increment(key, now, resetBefore)) {
			return;
		}
		try {
			this.jdbc.update(INSERT, key.stored(), SqlTime.of(now), SqlTime.of(now));
		}
		catch (DuplicateKeyException ex) {
			// Another node inserted the first failure a moment ago: count this one on top.
			increment(key, now, resetBefore);
		}
	}

	private boolean increment(ThrottleKey key, Instant now, Instant resetBefore) {
		return this.jdbc.update(INCREMENT, SqlTime.of(resetBefore), SqlTime.of(resetBefore), SqlTime.of(now),
				SqlTime.of(now), key.stored()) == 1;
	}

	@Override
	public void reset(ThrottleKey key) {
		this.jdbc.update(DELETE, key.stored());
	}

	@Override
	public int deleteOlderThan(Instant before) {
		return this.jdbc.update(DELETE_OLDER_THAN, SqlTime.of(before));
	}

}
