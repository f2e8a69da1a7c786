package dev.baton.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * After a run: no family may hold two live refresh tokens (unconsumed and unexpired), the
 * invariant that strict rotation under full load must keep (DESIGN rules 1 and 2),
 * checked on the families the benchmark started through the authorization-code flow (the
 * bulk loader's are consistent by construction).
 */
final class StoreCheck {

	/**
	 * The families the load used (not the bulk loader's, which are consistent by
	 * construction).
	 */
	private static final String FAMILIES_WITH_TWO_LIVE_TOKENS = "SELECT COUNT(*) FROM (SELECT t.family_id "
			+ "FROM token_family f JOIN refresh_token t ON t.family_id = f.id "
			+ "WHERE f.subject NOT LIKE 'bulk-user-%' AND t.consumed_at IS NULL AND t.expires_at > ? "
			+ "GROUP BY t.family_id HAVING COUNT(*) > 1) d";

	private static final String COUNTS = "SELECT (SELECT COUNT(*) FROM token_family), "
			+ "(SELECT COUNT(*) FROM refresh_token), "
			+ "(SELECT COUNT(*) FROM token_family WHERE revoked_at IS NOT NULL)";

	private StoreCheck() {
	}

	/** Prints the counts; returns the number of families with two or more live tokens. */
	static long check(Connection connection) throws SQLException {
		long violating;
		try (PreparedStatement statement = connection.prepareStatement(FAMILIES_WITH_TWO_LIVE_TOKENS)) {
			statement.setTimestamp(1, Timestamp.from(Instant.now()));
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				violating = rs.getLong(1);
			}
		}
		try (PreparedStatement statement = connection.prepareStatement(COUNTS);
				ResultSet rs = statement.executeQuery()) {
			rs.next();
			System.out.printf("store: %d families (%d revoked), %d refresh tokens; families with >1 live token: %d%n",
					rs.getLong(1), rs.getLong(3), rs.getLong(2), violating);
		}
		return violating;
	}

}
