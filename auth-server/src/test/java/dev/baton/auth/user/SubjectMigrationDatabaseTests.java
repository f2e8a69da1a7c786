package dev.baton.auth.user;

import com.zaxxer.hikari.HikariDataSource;
import dev.baton.auth.testsupport.MariaDbCondition;
import dev.baton.auth.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V30 on data written before it: families and audit events that named users by username
 * name them by account id afterwards; subjects of no account stay as they were. H2 in
 * MySQL mode, and MariaDB in the {@code mariadb} run.
 */
@Tag("database")
@ExtendWith(MariaDbCondition.class)
class SubjectMigrationDatabaseTests {

	private static final String ALICE_ID = "8e3f5a0c-6b1d-4c2e-9f7a-1d2c3b4a5e6f";

	private TestDatabase database;

	private HikariDataSource dataSource;

	private JdbcTemplate jdbc;

	@BeforeEach
	void schemaBeforeV30() {
		this.database = TestDatabase.create();
		this.dataSource = this.database.dataSource();
		this.jdbc = new JdbcTemplate(this.dataSource);
		flyway("22").migrate();
	}

	@AfterEach
	void dropDatabase() {
		if (this.dataSource != null) {
			this.dataSource.close();
		}
		if (this.database != null) {
			this.database.drop();
		}
	}

	@Test
	void migrateWhenFamiliesAndEventsNameUsernamesThenTheyNameAccountIds() {
		this.jdbc.update("INSERT INTO user_account (id, username, display_name, password_hash, enabled) "
				+ "VALUES (?, 'alice', 'Alice', '{noop}x', TRUE)", ALICE_ID);
		this.jdbc.update("INSERT INTO client (id, client_id, client_name, client_authentication_methods, "
				+ "authorization_grant_types, redirect_uris, post_logout_redirect_uris, scopes, audiences, "
				+ "require_proof_key, first_party) VALUES ('c1', 'demo-web', 'Web', 'none', 'authorization_code', "
				+ "'', '', 'openid', '', TRUE, TRUE)");
		family("f-alice", "alice");
		family("f-ghost", "deleted-user");
		event("alice");
		event("no-such-user");
		event(null);

		flyway(null).migrate();

		assertThat(this.jdbc.queryForObject("SELECT subject FROM token_family WHERE id = 'f-alice'", String.class))
			.isEqualTo(ALICE_ID);
		assertThat(this.jdbc.queryForObject("SELECT subject FROM token_family WHERE id = 'f-ghost'", String.class))
			.isEqualTo("deleted-user");
		assertThat(this.jdbc.queryForList("SELECT subject FROM audit_event ORDER BY id", String.class))
			.containsExactly(ALICE_ID, "no-such-user", null);
	}

	private void family(String id, String subject) {
		this.jdbc.update("INSERT INTO token_family (id, client_id, subject, scopes, resources, auth_time, created_at, "
				+ "absolute_expires_at) VALUES (?, 'demo-web', ?, 'openid', '', CURRENT_TIMESTAMP(6), "
				+ "CURRENT_TIMESTAMP(6), CURRENT_TIMESTAMP(6))", id, subject);
	}

	private void event(String subject) {
		this.jdbc.update("INSERT INTO audit_event (type, occurred_at, subject) VALUES ('SIGN_IN_SUCCEEDED', "
				+ "CURRENT_TIMESTAMP(6), ?)", subject);
	}

	private Flyway flyway(String target) {
		var configuration = Flyway.configure().dataSource(this.dataSource).locations("classpath:db/migration");
		if (target != null) {
			configuration.target(target);
		}
		return configuration.load();
	}

}
