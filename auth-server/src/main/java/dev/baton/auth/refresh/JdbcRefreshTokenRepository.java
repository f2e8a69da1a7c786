package dev.baton.auth.refresh;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.support.RequestOrigin;
import dev.baton.auth.support.SqlTime;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The {@code refresh_token} table. Every lookup goes through the primary key (the token
 * hash) or the unique {@code (family_id, generation)} index, so its cost does not grow
 * with the number of stored tokens. The lookup of a presented token also reads its family
 * and its user's {@code enabled} flag (by primary key) in the same statement: the user's
 * state costs no extra round trip.
 */
@Repository
public class JdbcRefreshTokenRepository implements RefreshTokenRepository {

	private static final String COLUMNS = "token_hash, family_id, generation, issued_at, expires_at, consumed_at, "
			+ "successor_ciphertext, successor_expires_at";

	private static final String INSERT = "INSERT INTO refresh_token "
			+ "(token_hash, family_id, generation, issued_at, expires_at, client_ip, user_agent) "
			+ "VALUES (?, ?, ?, ?, ?, ?, ?)";

	private static final String SELECT_WITH_FAMILY = "SELECT t.token_hash, t.family_id, t.generation, t.issued_at, "
			+ "t.expires_at, t.consumed_at, t.successor_ciphertext, t.successor_expires_at, f.id, f.client_id, "
			+ "f.subject, f.scopes, f.resources, f.auth_time, f.created_at, f.absolute_expires_at, f.revoked_at, "
			+ "f.revoked_reason, u.enabled AS user_enabled FROM refresh_token t "
			+ "JOIN token_family f ON f.id = t.family_id LEFT JOIN user_account u ON u.id = f.subject "
			+ "WHERE t.token_hash = ?";

	private static final String SELECT_FOR_UPDATE = "SELECT " + COLUMNS
			+ " FROM refresh_token WHERE token_hash = ? FOR UPDATE";

	private static final String SELECT_BY_FAMILY_AND_GENERATION = "SELECT " + COLUMNS
			+ " FROM refresh_token WHERE family_id = ? AND generation = ? FOR UPDATE";

	private static final String SELECT_NEWEST = "SELECT " + COLUMNS
			+ " FROM refresh_token WHERE family_id = ? ORDER BY generation DESC LIMIT 1";

	private static final String CONSUME = "UPDATE refresh_token "
			+ "SET consumed_at = ?, successor_ciphertext = ?, successor_expires_at = ? "
			+ "WHERE token_hash = ? AND consumed_at IS NULL";

	private static final String ERASE_EXPIRED_SUCCESSORS = "UPDATE refresh_token "
			+ "SET successor_ciphertext = NULL, successor_expires_at = NULL WHERE successor_expires_at < ?";

	/** DESIGN rule 7: a strict client's delivered successor is not kept at all. */
	private static final String CONFIRM_ERASING = "UPDATE refresh_token "
			+ "SET successor_ciphertext = NULL, successor_expires_at = NULL WHERE token_hash = ?";

	/**
	 * DESIGN rule 7: a grace client's delivered successor is kept for the grace window
	 * only (rule 3).
	 */
	private static final String CONFIRM_KEEPING = "UPDATE refresh_token SET successor_expires_at = ? "
			+ "WHERE token_hash = ? AND successor_expires_at > ?";

	private static final RowMapper<RefreshToken> ROW_MAPPER = JdbcRefreshTokenRepository::mapToken;

	private final JdbcTemplate jdbc;

	public JdbcRefreshTokenRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void insert(RefreshToken token, RequestOrigin origin) {
		this.jdbc.update(INSERT, token.tokenHash().bytes(), token.familyId(), token.generation(),
				SqlTime.of(token.issuedAt()), SqlTime.of(token.expiresAt()), origin.ip(), origin.userAgent());
	}

	@Override
	public Optional<TokenWithFamily> findWithFamily(TokenHash hash) {
		return this.jdbc
			.query(SELECT_WITH_FAMILY,
					(rs, rowNum) -> new TokenWithFamily(mapToken(rs, rowNum),
							JdbcTokenFamilyRepository.mapRow(rs, rowNum), rs.getBoolean("user_enabled")),
					(Object) hash.bytes())
			.stream()
			.findFirst();
	}

	@Override
	public Optional<RefreshToken> findForUpdate(TokenHash hash) {
		return this.jdbc.query(SELECT_FOR_UPDATE, ROW_MAPPER, (Object) hash.bytes()).stream().findFirst();
	}

	@Override
	public Optional<RefreshToken> findByFamilyAndGeneration(String familyId, int generation) {
		return this.jdbc.query(SELECT_BY_FAMILY_AND_GENERATION, ROW_MAPPER, familyId, generation).stream().findFirst();
	}

	@Override
	public Optional<RefreshToken> findNewest(String familyId) {
		return this.jdbc.query(SELECT_NEWEST, ROW_MAPPER, familyId).stream().findFirst();
	}

	@Override
	public boolean consume(TokenHash hash, Instant now, byte[] successorCiphertext, Instant successorExpiresAt) {
		return this.jdbc.update(CONSUME, SqlTime.of(now), successorCiphertext, SqlTime.of(successorExpiresAt),
				hash.bytes()) == 1;
	}

	@Override
	public int eraseExpiredSuccessors(Instant now) {
		return this.jdbc.update(ERASE_EXPIRED_SUCCESSORS, SqlTime.of(now));
	}

	@Override
	public void confirmDelivered(List<DeliveredSuccessor> delivered) {
		List<Object[]> erasing = new ArrayList<>();
		List<Object[]> keeping = new ArrayList<>();
		for (DeliveredSuccessor successor : delivered) {
			byte[] hash = successor.consumedToken().bytes();
			if (successor.keepCiphertextUntil() == null) {
				erasing.add(new Object[] { hash });
			}
			else {
				LocalDateTime until = SqlTime.of(successor.keepCiphertextUntil());
				keeping.add(new Object[] { until, hash, until });
			}
		}
		if (!erasing.isEmpty()) {
			this.jdbc.batchUpdate(CONFIRM_ERASING, erasing);
		}
		if (!keeping.isEmpty()) {
			this.jdbc.batchUpdate(CONFIRM_KEEPING, keeping);
		}
	}

	private static RefreshToken mapToken(ResultSet rs, int rowNum) throws SQLException {
		return new RefreshToken(TokenHash.fromBytes(rs.getBytes("token_hash")), rs.getString("family_id"),
				rs.getInt("generation"), SqlTime.instant(rs, "issued_at"), SqlTime.instant(rs, "expires_at"),
				SqlTime.instant(rs, "consumed_at"), rs.getBytes("successor_ciphertext"),
				SqlTime.instant(rs, "successor_expires_at"));
	}

}
