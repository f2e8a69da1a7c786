package dev.baton.auth.refresh;

import java.time.Instant;
import java.util.List;

import dev.baton.auth.support.SqlTime;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Joins each live family of a user ({@code ix_token_family_subject}) to its newest
 * refresh token (the unique {@code (family_id, generation)} index).
 */
@Repository
class JdbcFamilyActivityRepository implements FamilyActivityRepository {

	private static final String SELECT_LIVE_OF_SUBJECT = "SELECT f.id, f.client_id, f.subject, f.created_at, "
			+ "t.issued_at, t.client_ip, t.user_agent FROM token_family f "
			+ "JOIN refresh_token t ON t.family_id = f.id AND t.generation = "
			+ "(SELECT MAX(n.generation) FROM refresh_token n WHERE n.family_id = f.id) "
			+ "WHERE f.subject = ? AND f.revoked_at IS NULL AND f.absolute_expires_at > ? "
			+ "ORDER BY t.issued_at DESC, f.id";

	private final JdbcTemplate jdbc;

	JdbcFamilyActivityRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<FamilyActivity> findLiveOfSubject(String subject, Instant now) {
		return this.jdbc.query(SELECT_LIVE_OF_SUBJECT,
				(rs, rowNum) -> new FamilyActivity(rs.getString("id"), rs.getString("client_id"),
						rs.getString("subject"), SqlTime.instant(rs, "created_at"), SqlTime.instant(rs, "issued_at"),
						rs.getString("client_ip"), rs.getString("user_agent")),
				subject, SqlTime.of(now));
	}

}
