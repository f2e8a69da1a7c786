package dev.baton.auth.signin;

import java.time.Instant;

import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.support.SqlTime;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code sign_in_known_browser} table. */
@Repository
class JdbcKnownBrowserRepository implements KnownBrowserRepository {

	private static final String EXISTS = "SELECT COUNT(*) FROM sign_in_known_browser "
			+ "WHERE username = ? AND browser_hash = ? AND last_sign_in_at >= ?";

	private static final String TOUCH = "UPDATE sign_in_known_browser SET last_sign_in_at = ? "
			+ "WHERE username = ? AND browser_hash = ?";

	private static final String INSERT = "INSERT INTO sign_in_known_browser (username, browser_hash, last_sign_in_at) "
			+ "VALUES (?, ?, ?)";

	private static final String DELETE_OLDER_THAN = "DELETE FROM sign_in_known_browser WHERE last_sign_in_at < ?";

	private final JdbcTemplate jdbc;

	JdbcKnownBrowserRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean isKnown(String username, TokenHash browser, Instant since) {
		Integer count = this.jdbc.queryForObject(EXISTS, Integer.class, username, browser.bytes(), SqlTime.of(since));
		return count != null && count > 0;
	}

	@Override
	public void remember(String username, TokenHash browser, Instant now) {
		if (this.jdbc.update(TOUCH, SqlTime.of(now), username, browser.bytes()) == 1) {
			return;
		}
		try {
			this.jdbc.update(INSERT, username, browser.bytes(), SqlTime.of(now));
		}
		catch (DuplicateKeyException ex) {
			// The same browser signed in on another node a moment ago: known either way.
		}
	}

	@Override
	public int deleteOlderThan(Instant before) {
		return this.jdbc.update(DELETE_OLDER_THAN, SqlTime.of(before));
	}

}
