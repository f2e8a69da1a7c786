package dev.baton.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * Fills the token store with realistic rows, generated inside the database
 * ({@code INSERT … SELECT} over MariaDB's sequence engine or H2's {@code SYSTEM_RANGE}),
 * so millions of rows take minutes, not hours. Family {@code n} (its id derived from
 * {@code n}, so reruns extend the store) is, by {@code n mod 10}:
 * <ul>
 * <li>0–5 active: generation 0 consumed, generation 1 live;</li>
 * <li>6 idle-expired: generation 0 consumed, generation 1 past its idle expiry;</li>
 * <li>7 family-expired: created 100 days ago, past its absolute expiry, both tokens
 * old;</li>
 * <li>8 revoked (reuse detected): both generations consumed;</li>
 * <li>9 just started: generation 0 live.</li>
 * </ul>
 * Token hashes are 32 random bytes, family ids random-looking UUID strings (as in
 * production: random keys in the B-trees), subjects spread over 100 000 users. No family
 * ever has two live tokens.
 */
final class BulkLoader {

	private static final int CHUNK = 250_000;

	private final Connection connection;

	private final boolean mariadb;

	BulkLoader(Connection connection) throws SQLException {
		this.connection = connection;
		this.mariadb = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("maria")
				|| connection.getMetaData().getDatabaseProductName().toLowerCase().contains("mysql");
	}

	/**
	 * Adds families {@code from..to} (inclusive); returns rows inserted (families +
	 * tokens).
	 */
	long load(long from, long to, String clientId) throws SQLException {
		long rows = 0;
		this.connection.setAutoCommit(true);
		if (this.mariadb) {
			// The rows are consistent by construction: skip the per-row foreign-key and
			// uniqueness checks.
			try (Statement statement = this.connection.createStatement()) {
				statement.execute("SET SESSION foreign_key_checks = 0, unique_checks = 0");
			}
		}
		for (long start = from; start <= to; start += CHUNK) {
			long end = Math.min(to, start + CHUNK - 1);
			rows += insertFamilies(start, end, clientId);
			rows += insertTokens(start, end);
		}
		if (this.mariadb) {
			try (Statement statement = this.connection.createStatement()) {
				statement.execute("ANALYZE TABLE token_family, refresh_token");
			}
		}
		else {
			try (Statement statement = this.connection.createStatement()) {
				statement.execute("ANALYZE");
			}
		}
		return rows;
	}

	private String source(long start, long end) {
		return this.mariadb
				? "(SELECT seq AS n, MD5(CONCAT('bulk-', seq)) AS h FROM seq_" + start + "_to_" + end + ") s"
				: "(SELECT \"X\" AS n, LOWER(RAWTOHEX(HASH('SHA-256', CONCAT('bulk-', \"X\")))) AS h FROM SYSTEM_RANGE("
						+ start + ", " + end + ")) s";
	}

	private static String familyId() {
		return "CONCAT(SUBSTRING(s.h, 1, 8), '-', SUBSTRING(s.h, 9, 4), '-', SUBSTRING(s.h, 13, 4), '-', "
				+ "SUBSTRING(s.h, 17, 4), '-', SUBSTRING(s.h, 21, 12))";
	}

	private String randomHash() {
		return this.mariadb ? "RANDOM_BYTES(32)" : "SECURE_RAND(32)";
	}

	private long insertFamilies(long start, long end, String clientId) throws SQLException {
		Instant now = Instant.now();
		String sql = "INSERT INTO token_family (id, client_id, subject, scopes, resources, auth_time, created_at, "
				+ "absolute_expires_at, revoked_at, revoked_reason) SELECT " + familyId() + ", ?, "
				+ "CONCAT('bulk-user-', MOD(s.n, 100000)), 'openid offline_access notes.read', "
				+ "'http://localhost:8080', "
				+ "CASE WHEN MOD(s.n, 10) = 7 THEN ? ELSE ? END, CASE WHEN MOD(s.n, 10) = 7 THEN ? ELSE ? END, "
				+ "CASE WHEN MOD(s.n, 10) = 7 THEN ? ELSE ? END, CASE WHEN MOD(s.n, 10) = 8 THEN ? END, "
				+ "CASE WHEN MOD(s.n, 10) = 8 THEN 'REUSE_DETECTED' END FROM " + source(start, end);
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			Timestamp old = ts(now.minus(Duration.ofDays(100)));
			Timestamp recent = ts(now.minus(Duration.ofDays(2)));
			statement.setString(1, clientId);
			statement.setTimestamp(2, old);
			statement.setTimestamp(3, recent);
			statement.setTimestamp(4, old);
			statement.setTimestamp(5, recent);
			statement.setTimestamp(6, ts(now.minus(Duration.ofDays(10))));
			statement.setTimestamp(7, ts(now.plus(Duration.ofDays(88))));
			statement.setTimestamp(8, ts(now.minus(Duration.ofDays(1))));
			return statement.executeUpdate();
		}
	}

	private long insertTokens(long start, long end) throws SQLException {
		Instant now = Instant.now();
		String sql = "INSERT INTO refresh_token (token_hash, family_id, generation, issued_at, expires_at, "
				+ "consumed_at, client_ip, user_agent) SELECT " + randomHash() + ", " + familyId() + ", g.generation, "
				+ "CASE WHEN MOD(s.n, 10) = 7 THEN ? ELSE ? END, "
				// expires_at: generation 1 of idle- and family-expired families lies in
				// the past
				+ "CASE WHEN g.generation = 1 AND MOD(s.n, 10) IN (6, 7) THEN ? ELSE ? END, "
				// consumed_at: generation 0 unless just started; generation 1 only in
				// revoked families
				+ "CASE WHEN g.generation = 0 AND MOD(s.n, 10) <> 9 THEN ? "
				+ "WHEN g.generation = 1 AND MOD(s.n, 10) = 8 THEN ? END, "
				+ "'192.0.2.10', 'Mozilla/5.0 (bulk loader)' FROM " + source(start, end)
				+ " CROSS JOIN (SELECT 0 AS generation UNION ALL SELECT 1) g "
				+ "WHERE NOT (g.generation = 1 AND MOD(s.n, 10) = 9)";
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			statement.setTimestamp(1, ts(now.minus(Duration.ofDays(99))));
			statement.setTimestamp(2, ts(now.minus(Duration.ofDays(1))));
			statement.setTimestamp(3, ts(now.minus(Duration.ofDays(1))));
			statement.setTimestamp(4, ts(now.plus(Duration.ofDays(13))));
			Timestamp consumed = ts(now.minus(Duration.ofHours(20)));
			statement.setTimestamp(5, consumed);
			statement.setTimestamp(6, consumed);
			return statement.executeUpdate();
		}
	}

	private static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}

}
