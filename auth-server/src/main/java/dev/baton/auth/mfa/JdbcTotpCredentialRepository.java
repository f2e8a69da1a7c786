package dev.baton.auth.mfa;

import java.time.Instant;
import java.util.Optional;

import dev.baton.auth.support.SqlTime;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code mfa_totp} table: one TOTP secret per account, encrypted, with the last step
 * a code was used for.
 */
@Repository
class JdbcTotpCredentialRepository {

	private static final String INSERT = "INSERT INTO mfa_totp (account_id, secret_ciphertext, last_used_step, "
			+ "enrolled_at) VALUES (?, ?, ?, ?)";

	private static final String SELECT = "SELECT secret_ciphertext, last_used_step FROM mfa_totp WHERE account_id = ?";

	private static final String USE_STEP = "UPDATE mfa_totp SET last_used_step = ? WHERE account_id = ? "
			+ "AND (last_used_step IS NULL OR last_used_step < ?)";

	private static final String DELETE = "DELETE FROM mfa_totp WHERE account_id = ?";

	private final JdbcTemplate jdbc;

	JdbcTotpCredentialRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @throws org.springframework.dao.DuplicateKeyException when the account has TOTP
	 * already
	 */
	void insert(String accountId, byte[] secretCiphertext, long usedStep, Instant enrolledAt) {
		this.jdbc.update(INSERT, accountId, secretCiphertext, usedStep, SqlTime.of(enrolledAt));
	}

	Optional<StoredTotp> find(String accountId) {
		return this.jdbc.query(SELECT, (rs, rowNum) -> {
			long step = rs.getLong("last_used_step");
			return new StoredTotp(rs.getBytes("secret_ciphertext"), rs.wasNull() ? null : step);
		}, accountId).stream().findFirst();
	}

	/**
	 * Takes the step for a code if no code of it or of a later step was used: one
	 * conditional UPDATE, so of two requests with the same code (on any nodes) one wins.
	 */
	boolean useStep(String accountId, long step) {
		return this.jdbc.update(USE_STEP, step, accountId, step) == 1;
	}

	boolean delete(String accountId) {
		return this.jdbc.update(DELETE, accountId) == 1;
	}

	record StoredTotp(byte[] secretCiphertext, Long lastUsedStep) {
	}

}
