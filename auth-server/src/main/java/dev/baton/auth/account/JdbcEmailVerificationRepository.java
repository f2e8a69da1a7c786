package dev.baton.auth.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.support.SqlTime;
import dev.baton.auth.user.JdbcUserAccountRepository;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code email_verification} table: pending verification links, found by the SHA-256
 * of their token. A link is used by deleting its row, checked by the row count, so two
 * requests with the same link cannot both use it.
 */
@Repository
class JdbcEmailVerificationRepository {

	private static final String INSERT = "INSERT INTO email_verification (token_hash, user_id, email, created_at, "
			+ "expires_at) VALUES (?, ?, ?, ?, ?)";

	private static final String SELECT_VALID = "SELECT user_id, email FROM email_verification "
			+ "WHERE token_hash = ? AND expires_at > ?";

	private static final String DELETE = "DELETE FROM email_verification WHERE token_hash = ?";

	private static final String DELETE_EXPIRED = "DELETE FROM email_verification WHERE expires_at < ? LIMIT ?";

	private final JdbcTemplate jdbc;

	JdbcEmailVerificationRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void insert(TokenHash tokenHash, String userId, String email, Instant createdAt, Instant expiresAt) {
		this.jdbc.update(INSERT, tokenHash.bytes(), userId, JdbcUserAccountRepository.normalize(email),
				SqlTime.of(createdAt), SqlTime.of(expiresAt));
	}

	/** Whether the link is unused and unexpired at {@code now}, without using it. */
	Optional<PendingVerification> find(TokenHash tokenHash, Instant now) {
		List<PendingVerification> found = this.jdbc.query(SELECT_VALID,
				(rs, rowNum) -> new PendingVerification(rs.getString("user_id"), rs.getString("email")),
				tokenHash.bytes(), SqlTime.of(now));
		return found.stream().findFirst();
	}

	/**
	 * Uses the link: what it verifies, if it was unused and unexpired and this call is
	 * the one that used it.
	 */
	Optional<PendingVerification> consume(TokenHash tokenHash, Instant now) {
		Optional<PendingVerification> found = find(tokenHash, now);
		if (found.isEmpty() || this.jdbc.update(DELETE, (Object) tokenHash.bytes()) != 1) {
			return Optional.empty();
		}
		return found;
	}

	int deleteExpired(Instant now, int limit) {
		return this.jdbc.update(DELETE_EXPIRED, SqlTime.of(now), limit);
	}

	/** An unused verification link: the account and the address it proves. */
	record PendingVerification(String userId, String email) {
	}

}
