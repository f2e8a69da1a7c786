package dev.baton.auth.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.baton.auth.support.SqlTime;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The {@code user_account} and {@code user_role} tables. Usernames and emails are stored
 * and looked up lower-cased.
 */
@Repository
public class JdbcUserAccountRepository implements UserAccountRepository {

	private static final String COLUMNS = "id, username, email, email_verified, display_name, password_hash, enabled, "
			+ "created_at";

	private static final String INSERT = "INSERT INTO user_account (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String SELECT_BY_USERNAME = "SELECT " + COLUMNS + " FROM user_account WHERE username = ?";

	private static final String SELECT_BY_ID = "SELECT " + COLUMNS + " FROM user_account WHERE id = ?";

	private static final String SELECT_BY_EMAIL = "SELECT " + COLUMNS + " FROM user_account WHERE email = ?";

	private static final String UPDATE_EMAIL = "UPDATE user_account SET email = ?, email_verified = ? WHERE id = ?";

	private static final String MARK_EMAIL_VERIFIED = "UPDATE user_account SET email_verified = TRUE "
			+ "WHERE id = ? AND email = ?";

	private static final String UPDATE_DISPLAY_NAME = "UPDATE user_account SET display_name = ? WHERE id = ?";

	private static final String UPDATE_PASSWORD_HASH_BY_ID = "UPDATE user_account SET password_hash = ? WHERE id = ?";

	private static final String COUNT_BY_EMAIL = "SELECT COUNT(*) FROM user_account WHERE email = ?";

	private static final String UPDATE_PASSWORD_HASH = "UPDATE user_account SET password_hash = ? WHERE username = ?";

	private static final String MATCHING = " FROM user_account WHERE username LIKE ? ESCAPE '!' OR email LIKE ? "
			+ "ESCAPE '!'";

	private static final String SEARCH = "SELECT " + COLUMNS + MATCHING + " ORDER BY username LIMIT ? OFFSET ?";

	private static final String COUNT_MATCHING = "SELECT COUNT(*)" + MATCHING;

	private static final String UPDATE_ENABLED = "UPDATE user_account SET enabled = ? WHERE id = ? AND enabled <> ?";

	private static final String DELETE = "DELETE FROM user_account WHERE id = ?";

	private static final String SELECT_ROLES = "SELECT role FROM user_role WHERE user_id = ?";

	private static final String DELETE_ROLES = "DELETE FROM user_role WHERE user_id = ?";

	private static final String INSERT_ROLE = "INSERT INTO user_role (user_id, role) VALUES (?, ?)";

	private static final RowMapper<UserAccount> ROW_MAPPER = JdbcUserAccountRepository::mapRow;

	private final JdbcTemplate jdbc;

	public JdbcUserAccountRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void insert(UserAccount account) {
		this.jdbc.update(INSERT, account.id(), normalize(account.username()), normalize(account.email()),
				account.emailVerified(), account.displayName(), account.passwordHash(), account.enabled(),
				SqlTime.of(account.createdAt()));
	}

	@Override
	public Optional<UserAccount> findByUsername(String username) {
		return this.jdbc.query(SELECT_BY_USERNAME, ROW_MAPPER, normalize(username)).stream().findFirst();
	}

	@Override
	public Optional<UserAccount> findById(String id) {
		return this.jdbc.query(SELECT_BY_ID, ROW_MAPPER, id).stream().findFirst();
	}

	@Override
	public Optional<UserAccount> findByEmail(String email) {
		return this.jdbc.query(SELECT_BY_EMAIL, ROW_MAPPER, normalize(email)).stream().findFirst();
	}

	@Override
	public boolean updateEmail(String id, String email, boolean verified) {
		return this.jdbc.update(UPDATE_EMAIL, normalize(email), verified, id) == 1;
	}

	@Override
	public boolean markEmailVerified(String id, String email) {
		return this.jdbc.update(MARK_EMAIL_VERIFIED, id, normalize(email)) == 1;
	}

	@Override
	public boolean updateDisplayName(String id, String displayName) {
		return this.jdbc.update(UPDATE_DISPLAY_NAME, displayName, id) == 1;
	}

	@Override
	public boolean updatePasswordHashById(String id, String passwordHash) {
		return this.jdbc.update(UPDATE_PASSWORD_HASH_BY_ID, passwordHash, id) == 1;
	}

	@Override
	public boolean existsByEmail(String email) {
		Integer count = this.jdbc.queryForObject(COUNT_BY_EMAIL, Integer.class, normalize(email));
		return count != null && count > 0;
	}

	@Override
	public boolean updatePasswordHash(String username, String passwordHash) {
		return this.jdbc.update(UPDATE_PASSWORD_HASH, passwordHash, normalize(username)) == 1;
	}

	@Override
	public List<UserAccount> search(String query, int offset, int limit) {
		String prefix = prefixPattern(query);
		return this.jdbc.query(SEARCH, ROW_MAPPER, prefix, prefix, limit, offset);
	}

	@Override
	public long count(String query) {
		String prefix = prefixPattern(query);
		Long count = this.jdbc.queryForObject(COUNT_MATCHING, Long.class, prefix, prefix);
		return (count != null) ? count : 0;
	}

	@Override
	public boolean updateEnabled(String id, boolean enabled) {
		return this.jdbc.update(UPDATE_ENABLED, enabled, id, enabled) == 1;
	}

	@Override
	public boolean delete(String id) {
		this.jdbc.update(DELETE_ROLES, id);
		return this.jdbc.update(DELETE, id) == 1;
	}

	@Override
	public Set<String> findRoles(String id) {
		return new TreeSet<>(this.jdbc.queryForList(SELECT_ROLES, String.class, id));
	}

	@Override
	public void replaceRoles(String id, Set<String> roles) {
		this.jdbc.update(DELETE_ROLES, id);
		for (String role : new TreeSet<>(roles)) {
			this.jdbc.update(INSERT_ROLE, id, role);
		}
	}

	public static String normalize(String value) {
		return (value != null) ? value.trim().toLowerCase(Locale.ROOT) : null;
	}

	/**
	 * A LIKE prefix with the wildcards of the query escaped, so {@code a_b} finds only
	 * {@code a_b…}.
	 */
	private static String prefixPattern(String query) {
		String value = (query != null) ? normalize(query) : "";
		return value.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
	}

	private static UserAccount mapRow(ResultSet rs, int rowNum) throws SQLException {
		return new UserAccount(rs.getString("id"), rs.getString("username"), rs.getString("email"),
				rs.getBoolean("email_verified"), rs.getString("display_name"), rs.getString("password_hash"),
				rs.getBoolean("enabled"), SqlTime.instant(rs, "created_at"));
	}

}
