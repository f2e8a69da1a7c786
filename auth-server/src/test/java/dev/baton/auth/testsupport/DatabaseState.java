package dev.baton.auth.testsupport;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.baton.auth.crypto.TokenHash;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What tests read back from the database to check the state an HTTP exchange left behind.
 */
public final class DatabaseState {

	private final JdbcTemplate jdbc;

	public DatabaseState(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Every table of the schema, lower-cased, from the JDBC metadata (INFORMATION_SCHEMA
	 * on both engines).
	 */
	public List<String> tables() {
		return this.jdbc.execute((ConnectionCallback<List<String>>) (connection) -> {
			List<String> tables = new ArrayList<>();
			DatabaseMetaData metaData = connection.getMetaData();
			try (ResultSet rs = metaData.getTables(connection.getCatalog(), schema(connection), "%",
					new String[] { "TABLE" })) {
				while (rs.next()) {
					tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
				}
			}
			return tables;
		});
	}

	private static String schema(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
		return product.contains("h2") ? connection.getSchema() : null;
	}

	/** The number of rows of every table. */
	public Map<String, Integer> rowCounts() {
		Map<String, Integer> counts = new TreeMap<>();
		for (String table : tables()) {
			counts.put(table, this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class));
		}
		return counts;
	}

	/**
	 * Every non-null value of every column of every row, as read through JDBC (strings or
	 * bytes).
	 */
	public List<StoredValue> allValues() {
		List<StoredValue> values = new ArrayList<>();
		for (String table : tables()) {
			this.jdbc.query("SELECT * FROM " + table, (rs) -> {
				int columns = rs.getMetaData().getColumnCount();
				for (int i = 1; i <= columns; i++) {
					Object value = rs.getObject(i);
					if (value instanceof java.sql.Blob blob) {
						value = blob.getBytes(1, (int) blob.length());
					}
					if (value != null) {
						values.add(new StoredValue(table, rs.getMetaData().getColumnName(i), value));
					}
				}
			});
		}
		return values;
	}

	/**
	 * The token family a refresh token belongs to, found through its hash as Baton does.
	 */
	public String familyOf(String refreshToken) {
		return this.jdbc.queryForObject("SELECT family_id FROM refresh_token WHERE token_hash = ?", String.class,
				(Object) TokenHash.of(refreshToken).bytes());
	}

	public String revokedReason(String familyId) {
		return this.jdbc.queryForObject("SELECT revoked_reason FROM token_family WHERE id = ?", String.class, familyId);
	}

	public boolean isRevoked(String familyId) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM token_family WHERE id = ? AND revoked_at IS NOT NULL",
				Integer.class, familyId) == 1;
	}

	public boolean isConsumed(String refreshToken) {
		return this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM refresh_token WHERE token_hash = ? AND consumed_at IS NOT NULL", Integer.class,
				(Object) TokenHash.of(refreshToken).bytes()) == 1;
	}

	public int tokenCount(String familyId) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM refresh_token WHERE family_id = ?", Integer.class,
				familyId);
	}

	public int auditEvents(String familyId, String type) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE family_id = ? AND type = ?",
				Integer.class, familyId, type);
	}

	/** One stored value with where it was found. */
	public record StoredValue(String table, String column, Object value) {

		public byte[] bytes() {
			return (this.value instanceof byte[] bytes) ? bytes
					: this.value.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
		}

	}

	/**
	 * Waits (up to 10 s) until the delivery of the successor of {@code consumedToken} is
	 * confirmed (DESIGN rule 7): its encrypted successor erased, or cut to the grace
	 * window. Confirmations are written in batches shortly after the response, so a test
	 * that checks the confirmed state waits for it instead of racing it.
	 * @return whether it was confirmed in time
	 */
	public boolean awaitDeliveryConfirmed(String consumedToken) {
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			Integer unconfirmed = this.jdbc.queryForObject(
					"SELECT COUNT(*) FROM refresh_token WHERE token_hash = ? " + "AND successor_ciphertext IS NOT NULL "
							+ "AND successor_expires_at > TIMESTAMPADD(SECOND, 60, consumed_at)",
					Integer.class, (Object) TokenHash.of(consumedToken).bytes());
			if (unconfirmed != null && unconfirmed == 0) {
				return true;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return false;
	}

}
