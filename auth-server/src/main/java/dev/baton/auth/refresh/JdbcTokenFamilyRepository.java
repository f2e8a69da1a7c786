package dev.baton.auth.refresh;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.baton.auth.support.SpaceDelimited;
import dev.baton.auth.support.SqlTime;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The {@code token_family} table. */
@Repository
public class JdbcTokenFamilyRepository implements TokenFamilyRepository {

	static final String COLUMNS = "id, client_id, subject, scopes, resources, auth_time, created_at, "
			+ "absolute_expires_at, revoked_at, revoked_reason";

	private static final String INSERT = "INSERT INTO token_family (" + COLUMNS
			+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String SELECT_BY_ID = "SELECT " + COLUMNS + " FROM token_family WHERE id = ?";

	private static final String SELECT_LIVE_USERNAME = "SELECT u.username FROM token_family f "
			+ "JOIN user_account u ON u.id = f.subject AND u.enabled = TRUE "
			+ "WHERE f.id = ? AND f.revoked_at IS NULL AND f.absolute_expires_at > ?";

	private static final String REVOKE = "UPDATE token_family SET revoked_at = ?, revoked_reason = ? "
			+ "WHERE id = ? AND revoked_at IS NULL";

	private static final String SELECT_LIVE_IDS_OF_SUBJECT = "SELECT id FROM token_family "
			+ "WHERE subject = ? AND revoked_at IS NULL AND absolute_expires_at > ?";

	private static final String SELECT_LIVE_OF_CLIENT = "SELECT " + COLUMNS + " FROM token_family "
			+ "WHERE client_id = ? AND revoked_at IS NULL AND absolute_expires_at > ?";

	private static final String SELECT_EXPIRED_IDS = "SELECT id FROM token_family WHERE absolute_expires_at < ? "
			+ "ORDER BY absolute_expires_at LIMIT ?";

	private static final String DELETE_OF_SUBJECT = "DELETE FROM token_family WHERE subject = ?";

	private static final String DELETE_BY_ID = "DELETE FROM token_family WHERE id = ?";

	static final RowMapper<TokenFamily> ROW_MAPPER = JdbcTokenFamilyRepository::mapRow;

	private final JdbcTemplate jdbc;

	public JdbcTokenFamilyRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void insert(TokenFamily family) {
		this.jdbc.update(INSERT, family.id(), family.clientId(), family.subject(), SpaceDelimited.join(family.scopes()),
				SpaceDelimited.join(family.resources()), SqlTime.of(family.authTime()), SqlTime.of(family.createdAt()),
				SqlTime.of(family.absoluteExpiresAt()), SqlTime.of(family.revokedAt()),
				(family.revokedReason() != null) ? family.revokedReason().name() : null);
	}

	@Override
	public Optional<TokenFamily> findById(String id) {
		return this.jdbc.query(SELECT_BY_ID, ROW_MAPPER, id).stream().findFirst();
	}

	@Override
	public Optional<String> findLiveUsername(String id, Instant now) {
		return this.jdbc.queryForList(SELECT_LIVE_USERNAME, String.class, id, SqlTime.of(now)).stream().findFirst();
	}

	@Override
	public boolean revoke(String id, Instant now, RevocationReason reason) {
		return this.jdbc.update(REVOKE, SqlTime.of(now), reason.name(), id) == 1;
	}

	@Override
	public List<String> revokeAllOfSubject(String subject, String keepFamilyId, Instant now, RevocationReason reason) {
		return this.jdbc.queryForList(SELECT_LIVE_IDS_OF_SUBJECT, String.class, subject, SqlTime.of(now))
			.stream()
			.filter((id) -> !id.equals(keepFamilyId))
			.filter((id) -> revoke(id, now, reason))
			.toList();
	}

	@Override
	public List<TokenFamily> revokeAllOfClient(String clientId, Instant now, RevocationReason reason) {
		return this.jdbc.query(SELECT_LIVE_OF_CLIENT, ROW_MAPPER, clientId, SqlTime.of(now))
			.stream()
			.filter((family) -> revoke(family.id(), now, reason))
			.toList();
	}

	@Override
	public int deleteAllOfSubject(String subject) {
		return this.jdbc.update(DELETE_OF_SUBJECT, subject);
	}

	@Override
	public int deleteExpired(Instant now, int limit) {
		List<String> ids = this.jdbc.queryForList(SELECT_EXPIRED_IDS, String.class, SqlTime.of(now), limit);
		int deleted = 0;
		for (String id : ids) {
			deleted += this.jdbc.update(DELETE_BY_ID, id);
		}
		return deleted;
	}

	static TokenFamily mapRow(ResultSet rs, int rowNum) throws SQLException {
		String reason = rs.getString("revoked_reason");
		return new TokenFamily(rs.getString("id"), rs.getString("client_id"), rs.getString("subject"),
				SpaceDelimited.parse(rs.getString("scopes")), SpaceDelimited.parse(rs.getString("resources")),
				SqlTime.instant(rs, "auth_time"), SqlTime.instant(rs, "created_at"),
				SqlTime.instant(rs, "absolute_expires_at"), SqlTime.instant(rs, "revoked_at"),
				(reason != null) ? RevocationReason.valueOf(reason) : null);
	}

}
