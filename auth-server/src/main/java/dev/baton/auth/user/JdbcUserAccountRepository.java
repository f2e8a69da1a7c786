package dev.baton.auth.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

import dev.baton.auth.support.SqlTime;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The {@code user_account} table. Usernames and emails are stored and looked up lower-cased. */
@Repository
public class JdbcUserAccountRepository implements UserAccountRepository {

	private static final String COLUMNS = "id, username, email, display_name, password_hash, enabled, created_at";

	private static final String INSERT = "INSERT INTO user_account (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";

	private static final String SELECT_BY_USERNAME = "SELECT " + COLUMNS + " FROM user_account WHERE username = ?";

	private static final String COUNT_BY_EMAIL = "SELECT COUNT(*) FROM user_account WHERE email = ?";

	private static final String UPDATE_PASSWORD_HASH = "UPDATE user_account SET password_hash = ? WHERE username = ?";

	private static final RowMapper<UserAccount> ROW_MAPPER = JdbcUserAccountRepository::mapRow;

	private final JdbcTemplate jdbc;

	public JdbcUserAccountRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void insert(UserAccount account) {
		this.jdbc.update(INSERT, account.id(), normalize(account.username()), normalize(account.email()),
				account.displayName(), account.passwordHash(), account.enabled(), SqlTime.of(account.createdAt()));
	}

	@Override
	public Optional<UserAccount> findByUsername(String username) {
		return this.jdbc.query(SELECT_BY_USERNAME, ROW_MAPPER, normalize(username)).stream().findFirst();
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

	static String normalize(String value) {
		return (value != null) ? value.trim().toLowerCase(Locale.ROOT) : null;
	}

	private static UserAccount mapRow(ResultSet rs, int rowNum) throws SQLException {
		return new UserAccount(rs.getString("id"), rs.getString("username"), rs.getString("email"),
				rs.getString("display_name"), rs.getString("password_hash"), rs.getBoolean("enabled"),
				SqlTime.instant(rs, "created_at"));
	}

}
