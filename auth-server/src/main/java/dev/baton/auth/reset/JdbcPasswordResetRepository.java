package dev.baton.auth.reset;

import java.time.Instant;
import java.util.Optional;

import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.support.SqlTime;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code password_reset} table: pending reset links, found by the SHA-256 of their
 * token. A link is used by deleting its row, checked by the row count, so two requests
 * with the same link cannot both set a password.
 */
@Repository
class JdbcPasswordResetRepository {

	private static final String INSERT = "INSERT INTO password_reset (token_hash, user_id, created_at, expires_at) "
			+ "VALUES (?, ?, ?, ?)";

	private static final String SELECT_VALID = "SELECT user_id FROM password_reset WHERE token_hash = ? "
			+ "AND expires_at > ?";

	private static final String DELETE = "DELETE FROM password_reset WHERE token_hash = ?";

	private static final String DELETE_ALL_OF_USER = "DELETE FROM password_reset WHERE user_id = ?";

	private static final String DELETE_EXPIRED = "DELETE FROM password_reset WHERE expires_at < ? LIMIT ?";

	private final JdbcTemplate jdbc;

	JdbcPasswordResetRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	void insert(TokenHash tokenHash, String userId, Instant createdAt, Instant expiresAt) {
		this.jdbc.update(INSERT, tokenHash.bytes(), userId, SqlTime.of(createdAt), SqlTime.of(expiresAt));
	}

	/** The account of an unused, unexpired link, without using it. */
	Optional<String> find(TokenHash tokenHash, Instant now) {
		return this.jdbc.queryForList(SELECT_VALID, String.class, tokenHash.bytes(), SqlTime.of(now))
			.stream()
			.findFirst();
	}

	/**
	 * Uses the link: its account, if it was unused and unexpired and this call is the one
	 * that used it.
	 */
	Optional<String> consume(TokenHash tokenHash, Instant now) {
		Optional<String> found = find(tokenHash, now);
		if (found.isEmpty() || this.jdbc.update(DELETE, (Object) tokenHash.bytes()) != 1) {
			return Optional.empty();
		}
		return found;
	}

	/** Every other link of the account dies with the one used. */
	int deleteAllOf(String userId) {
		return this.jdbc.update(DELETE_ALL_OF_USER, userId);
	}

	int deleteExpired(Instant now, int limit) {
		return this.jdbc.update(DELETE_EXPIRED, SqlTime.of(now), limit);
	}

}
