package dev.baton.auth.backchannel;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.baton.auth.support.SqlTime;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code backchannel_logout} table. */
@Repository
class JdbcBackchannelLogoutRepository implements BackchannelLogoutRepository {

	private static final String COLUMNS = "id, client_id, family_id, subject, logout_uri, created_at, attempts, "
			+ "next_attempt_at";

	private static final String INSERT = "INSERT INTO backchannel_logout (" + COLUMNS
			+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String SELECT_DUE = "SELECT id FROM backchannel_logout WHERE next_attempt_at <= ? "
			+ "AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY next_attempt_at LIMIT ?";

	private static final String CLAIM = "UPDATE backchannel_logout SET claimed_by = ?, claimed_until = ? "
			+ "WHERE id = ? AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)";

	private static final String SELECT_CLAIMED = "SELECT " + COLUMNS
			+ " FROM backchannel_logout WHERE id = ? AND claimed_by = ?";

	private static final String DELETE = "DELETE FROM backchannel_logout WHERE id = ? AND claimed_by = ?";

	private static final String RESCHEDULE = "UPDATE backchannel_logout SET attempts = ?, next_attempt_at = ?, "
			+ "claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?";

	private final JdbcTemplate jdbc;

	JdbcBackchannelLogoutRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void insert(PendingLogout logout) {
		this.jdbc.update(INSERT, logout.id(), logout.clientId(), logout.familyId(), logout.subject(),
				logout.logoutUri(), SqlTime.of(logout.createdAt()), logout.attempts(),
				SqlTime.of(logout.nextAttemptAt()));
	}

	@Override
	public List<String> findDue(Instant now, int limit) {
		return this.jdbc.queryForList(SELECT_DUE, String.class, SqlTime.of(now), SqlTime.of(now), limit);
	}

	@Override
	public Optional<PendingLogout> claim(String id, String claimToken, Instant now, Instant claimedUntil) {
		if (this.jdbc.update(CLAIM, claimToken, SqlTime.of(claimedUntil), id, SqlTime.of(now), SqlTime.of(now)) != 1) {
			return Optional.empty();
		}
		return this.jdbc.query(SELECT_CLAIMED, JdbcBackchannelLogoutRepository::mapRow, id, claimToken)
			.stream()
			.findFirst();
	}

	@Override
	public boolean delete(String id, String claimToken) {
		return this.jdbc.update(DELETE, id, claimToken) == 1;
	}

	@Override
	public boolean reschedule(String id, String claimToken, int attempts, Instant nextAttemptAt) {
		return this.jdbc.update(RESCHEDULE, attempts, SqlTime.of(nextAttemptAt), id, claimToken) == 1;
	}

	private static PendingLogout mapRow(ResultSet rs, int rowNum) throws SQLException {
		return new PendingLogout(rs.getString("id"), rs.getString("client_id"), rs.getString("family_id"),
				rs.getString("subject"), rs.getString("logout_uri"), SqlTime.instant(rs, "created_at"),
				rs.getInt("attempts"), SqlTime.instant(rs, "next_attempt_at"));
	}

}
