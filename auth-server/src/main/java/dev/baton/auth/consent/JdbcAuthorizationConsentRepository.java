package dev.baton.auth.consent;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import dev.baton.auth.support.SpaceDelimited;
import dev.baton.auth.support.SqlTime;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code authorization_consent} table: scopes a user granted to a client. */
@Repository
class JdbcAuthorizationConsentRepository {

	private static final String SELECT = "SELECT scopes FROM authorization_consent "
			+ "WHERE registered_client_id = ? AND principal_name = ?";

	private static final String UPDATE = "UPDATE authorization_consent SET scopes = ?, granted_at = ? "
			+ "WHERE registered_client_id = ? AND principal_name = ?";

	private static final String INSERT = "INSERT INTO authorization_consent "
			+ "(registered_client_id, principal_name, scopes, granted_at) VALUES (?, ?, ?, ?)";

	private static final String DELETE_OF_PRINCIPAL = "DELETE FROM authorization_consent WHERE principal_name = ?";

	private static final String DELETE = "DELETE FROM authorization_consent "
			+ "WHERE registered_client_id = ? AND principal_name = ?";

	private final JdbcTemplate jdbc;

	JdbcAuthorizationConsentRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Set<String>> findScopes(String registeredClientId, String principalName) {
		return this.jdbc
			.query(SELECT, (rs, rowNum) -> SpaceDelimited.parse(rs.getString("scopes")), registeredClientId,
					principalName)
			.stream()
			.findFirst();
	}

	/** Inserts or replaces; the primary key settles a race between two inserts. */
	void save(String registeredClientId, String principalName, Set<String> scopes, Instant now) {
		String joined = SpaceDelimited.join(scopes);
		if (this.jdbc.update(UPDATE, joined, SqlTime.of(now), registeredClientId, principalName) == 0) {
			this.jdbc.update(INSERT, registeredClientId, principalName, joined, SqlTime.of(now));
		}
	}

	int deleteAllOf(String principalName) {
		return this.jdbc.update(DELETE_OF_PRINCIPAL, principalName);
	}

	void delete(String registeredClientId, String principalName) {
		this.jdbc.update(DELETE, registeredClientId, principalName);
	}

}
