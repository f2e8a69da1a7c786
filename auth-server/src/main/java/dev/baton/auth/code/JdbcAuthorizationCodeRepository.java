package dev.baton.auth.code;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.support.SpaceDelimited;
import dev.baton.auth.support.SqlTime;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The {@code authorization_code} table; codes and consent states are found by their hash.
 */
@Repository
class JdbcAuthorizationCodeRepository {

	private static final String COLUMNS = "id, code_hash, consent_state_hash, client_id, subject, auth_time, scopes, "
			+ "redirect_uri, client_state, code_challenge, code_challenge_method, nonce, resources, issued_at, "
			+ "expires_at, consumed_at, amr";

	private static final String INSERT = "INSERT INTO authorization_code (" + COLUMNS + ") "
			+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String GRANT_CODE = "UPDATE authorization_code SET code_hash = ?, consent_state_hash = NULL, "
			+ "scopes = ?, issued_at = ?, expires_at = ? WHERE id = ? AND code_hash IS NULL";

	private static final String SELECT_BY_ID = "SELECT " + COLUMNS + " FROM authorization_code WHERE id = ?";

	private static final String SELECT_BY_CODE_HASH = "SELECT " + COLUMNS
			+ " FROM authorization_code WHERE code_hash = ?";

	private static final String SELECT_BY_CONSENT_STATE_HASH = "SELECT " + COLUMNS
			+ " FROM authorization_code WHERE consent_state_hash = ?";

	private static final String CONSUME = "UPDATE authorization_code SET consumed_at = ? "
			+ "WHERE id = ? AND consumed_at IS NULL AND code_hash IS NOT NULL";

	private static final String DELETE = "DELETE FROM authorization_code WHERE id = ?";

	private static final String DELETE_EXPIRED = "DELETE FROM authorization_code WHERE expires_at < ? LIMIT ?";

	private static final RowMapper<AuthorizationCode> ROW_MAPPER = JdbcAuthorizationCodeRepository::mapRow;

	private final JdbcTemplate jdbc;

	JdbcAuthorizationCodeRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void insert(AuthorizationCode code) {
		this.jdbc.update(INSERT, code.id(), bytes(code.codeHash()), bytes(code.consentStateHash()), code.clientId(),
				code.subject(), SqlTime.of(code.authTime()), SpaceDelimited.join(code.scopes()), code.redirectUri(),
				code.clientState(), code.codeChallenge(), code.codeChallengeMethod(), code.nonce(),
				SpaceDelimited.join(code.resources()), SqlTime.of(code.issuedAt()), SqlTime.of(code.expiresAt()),
				SqlTime.of(code.consumedAt()), SpaceDelimited.join(code.methods()));
	}

	/** Turns a request that waited for consent into a granted code. */
	boolean grantCode(String id, TokenHash codeHash, Set<String> scopes, Instant issuedAt, Instant expiresAt) {
		return this.jdbc.update(GRANT_CODE, codeHash.bytes(), SpaceDelimited.join(scopes), SqlTime.of(issuedAt),
				SqlTime.of(expiresAt), id) == 1;
	}

	Optional<AuthorizationCode> findById(String id) {
		return this.jdbc.query(SELECT_BY_ID, ROW_MAPPER, id).stream().findFirst();
	}

	Optional<AuthorizationCode> findByCodeHash(TokenHash hash) {
		return this.jdbc.query(SELECT_BY_CODE_HASH, ROW_MAPPER, (Object) hash.bytes()).stream().findFirst();
	}

	Optional<AuthorizationCode> findByConsentStateHash(TokenHash hash) {
		return this.jdbc.query(SELECT_BY_CONSENT_STATE_HASH, ROW_MAPPER, (Object) hash.bytes()).stream().findFirst();
	}

	/**
	 * Marks the code used if no one has: the conditional UPDATE makes redemption
	 * single-use even when two requests race (RFC 6749 §4.1.2).
	 */
	boolean consume(String id, Instant now) {
		return this.jdbc.update(CONSUME, SqlTime.of(now), id) == 1;
	}

	void delete(String id) {
		this.jdbc.update(DELETE, id);
	}

	/**
	 * Deletes at most {@code limit} rows that expired before {@code before}, through the
	 * expiry index.
	 */
	int deleteExpired(Instant before, int limit) {
		return this.jdbc.update(DELETE_EXPIRED, SqlTime.of(before), limit);
	}

	private static byte[] bytes(TokenHash hash) {
		return (hash != null) ? hash.bytes() : null;
	}

	private static TokenHash hash(ResultSet rs, String column) throws SQLException {
		byte[] bytes = rs.getBytes(column);
		return (bytes != null) ? TokenHash.fromBytes(bytes) : null;
	}

	private static AuthorizationCode mapRow(ResultSet rs, int rowNum) throws SQLException {
		return new AuthorizationCode(rs.getString("id"), hash(rs, "code_hash"), hash(rs, "consent_state_hash"),
				rs.getString("client_id"), rs.getString("subject"), SqlTime.instant(rs, "auth_time"),
				SpaceDelimited.parse(rs.getString("scopes")), rs.getString("redirect_uri"),
				rs.getString("client_state"), rs.getString("code_challenge"), rs.getString("code_challenge_method"),
				rs.getString("nonce"), SpaceDelimited.parse(rs.getString("resources")),
				SqlTime.instant(rs, "issued_at"), SqlTime.instant(rs, "expires_at"), SqlTime.instant(rs, "consumed_at"),
				SpaceDelimited.parse(rs.getString("amr")));
	}

}
