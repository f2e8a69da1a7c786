package dev.baton.auth.client.file;

import java.time.Instant;

import dev.baton.auth.support.SqlTime;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code clients_file_lock} table: one row that the application of the clients file
 * locks for the length of its transaction ({@code SELECT … FOR UPDATE}), so that nodes
 * starting at once apply the files one after the other instead of racing on the same
 * clients.
 */
@Repository
class JdbcClientsFileLock {

	private static final String NAME = "clients-file";

	private static final String LOCK = "SELECT name FROM clients_file_lock WHERE name = ? FOR UPDATE";

	private static final String MARK_APPLIED = "UPDATE clients_file_lock SET applied_at = ? WHERE name = ?";

	private final JdbcTemplate jdbc;

	JdbcClientsFileLock(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Waits for the lock; held until the surrounding transaction ends. */
	void lock() {
		this.jdbc.queryForList(LOCK, String.class, NAME);
	}

	void markApplied(Instant now) {
		this.jdbc.update(MARK_APPLIED, SqlTime.of(now), NAME);
	}

}
