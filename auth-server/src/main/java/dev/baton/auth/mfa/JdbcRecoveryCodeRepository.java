package dev.baton.auth.mfa;

import java.time.Instant;
import java.util.List;

import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.support.SqlTime;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code mfa_recovery_code} table: SHA-256 hashes of single-use recovery codes. */
@Repository
class JdbcRecoveryCodeRepository {

	private static final String INSERT = "INSERT INTO mfa_recovery_code (code_hash, account_id, created_at, used_at) "
			+ "VALUES (?, ?, ?, NULL)";

	private static final String USE = "UPDATE mfa_recovery_code SET used_at = ? "
			+ "WHERE code_hash = ? AND account_id = ? AND used_at IS NULL";

	private static final String COUNT_UNUSED = "SELECT COUNT(*) FROM mfa_recovery_code "
			+ "WHERE account_id = ? AND used_at IS NULL";

	private static final String DELETE_ALL = "DELETE FROM mfa_recovery_code WHERE account_id = ?";

	private final JdbcTemplate jdbc;

	JdbcRecoveryCodeRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void replaceAll(String accountId, List<TokenHash> hashes, Instant now) {
		this.jdbc.update(DELETE_ALL, accountId);
		this.jdbc.batchUpdate(INSERT,
				hashes.stream().map((hash) -> new Object[] { hash.bytes(), accountId, SqlTime.of(now) }).toList());
	}

	/**
	 * Spends the code if it is the account's and unused: one conditional UPDATE, so it
	 * signs in once.
	 */
	boolean use(String accountId, TokenHash hash, Instant now) {
		return this.jdbc.update(USE, SqlTime.of(now), hash.bytes(), accountId) == 1;
	}

	int countUnused(String accountId) {
		Integer count = this.jdbc.queryForObject(COUNT_UNUSED, Integer.class, accountId);
		return (count != null) ? count : 0;
	}

	void deleteAll(String accountId) {
		this.jdbc.update(DELETE_ALL, accountId);
	}

}
