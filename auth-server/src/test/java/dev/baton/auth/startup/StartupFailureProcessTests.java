package dev.baton.auth.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import dev.baton.auth.BatonAuthServerApplication;
import dev.baton.auth.support.SqlTime;
import dev.baton.auth.testsupport.MariaDbCondition;
import dev.baton.auth.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Starts Baton in a child JVM, as {@code java -jar} would, with one required setting
 * missing or wrong each time (profile {@code mysql}): the process ends with a non-zero
 * exit, one short failure report naming the environment variable and the fix, no stack
 * trace, no secret, and the database it was pointed at is untouched (a fresh MariaDB
 * database in the {@code mariadb} run, an H2 file database otherwise, still without a
 * single table).
 */
@Tag("database")
@ExtendWith(MariaDbCondition.class)
class StartupFailureProcessTests {

	private static final String GOOD_KEY = Base64.getEncoder().encodeToString(new byte[32]);

	@TempDir
	Path directory;

	private TestDatabase database;

	private String url;

	private String user;

	@BeforeEach
	void freshDatabase() {
		this.database = TestDatabase.create();
		if (this.database.isMariaDb()) {
			this.url = this.database.properties().get("spring.datasource.url");
			this.user = "root";
		}
		else {
			this.url = "jdbc:h2:file:" + this.directory.resolve("baton") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE";
			this.user = "baton";
		}
	}

	@AfterEach
	void dropDatabase() {
		if (this.database != null) {
			this.database.drop();
		}
	}

	@Test
	void startWhenDatabaseUrlMissingThenFailsNamingIt() throws Exception {
		Map<String, String> environment = complete();
		environment.remove("BATON_DB_URL");

		assertFailsCleanly(start(environment), "BATON_DB_URL");
	}

	@Test
	void startWhenDatabaseUserMissingThenFailsNamingIt() throws Exception {
		Map<String, String> environment = complete();
		environment.remove("BATON_DB_USER");

		assertFailsCleanly(start(environment), "BATON_DB_USER");
	}

	@Test
	void startWhenIssuerMissingThenFailsNamingItBeforeTouchingTheDatabase() throws Exception {
		Map<String, String> environment = complete();
		environment.remove("BATON_ISSUER");

		assertFailsCleanly(start(environment), "BATON_ISSUER");
	}

	@Test
	void startWhenIssuerIsPlainHttpOnAPublicHostThenFailsNamingIt() throws Exception {
		Map<String, String> environment = complete();
		environment.put("BATON_ISSUER", "http://login.example.com");

		assertFailsCleanly(start(environment), "BATON_ISSUER");
	}

	@Test
	void startWhenKeyEncryptionKeyMissingThenFailsBeforeTheMigrations() throws Exception {
		Map<String, String> environment = complete();
		environment.remove("BATON_KEY_ENCRYPTION_KEY");

		String output = assertFailsCleanly(start(environment), "BATON_KEY_ENCRYPTION_KEY");

		assertThat(output).contains("is not set").doesNotContain("base64 character");
	}

	@Test
	void startWhenKeyEncryptionKeyIsNotBase64ThenFailsWithoutEchoingIt() throws Exception {
		Map<String, String> environment = complete();
		environment.put("BATON_KEY_ENCRYPTION_KEY", "not*base64*secret-value");

		String output = assertFailsCleanly(start(environment), "BATON_KEY_ENCRYPTION_KEY");

		assertThat(output).contains("not valid base64").doesNotContain("not*base64*secret-value");
	}

	@Test
	void startWhenKeyEncryptionKeyHasTheWrongLengthThenFailsNamingIt() throws Exception {
		Map<String, String> environment = complete();
		environment.put("BATON_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new byte[16]));

		assertThat(assertFailsCleanly(start(environment), "BATON_KEY_ENCRYPTION_KEY")).contains("16 bytes");
	}

	@Test
	void startWhenDatabaseUnreachableThenFailsNamingTheUrl() throws Exception {
		Map<String, String> environment = complete();
		environment.put("BATON_DB_URL", "jdbc:mariadb://127.0.0.1:1/baton");

		assertThat(assertFailsCleanly(start(environment), "BATON_DB_URL")).contains("does not reach a database");
	}

	@Test
	void startWhenDatabaseRefusesThePasswordThenFailsNamingTheCredentials() throws Exception {
		assumeTrue(this.database.isMariaDb(), "the H2 file database accepts any password when it is created");
		Map<String, String> environment = complete();
		environment.put("BATON_DB_PASSWORD", "certainly-not-the-password");

		String output = assertFailsCleanly(start(environment), "BATON_DB_USER");

		assertThat(output).contains("BATON_DB_PASSWORD").doesNotContain("certainly-not-the-password");
	}

	@Test
	void startWhenKeyEncryptionKeyCannotOpenTheStoredKeysThenFailsBeforeTheMigrations() throws Exception {
		try (HikariDataSource dataSource = dataSource()) {
			Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("5").load().migrate();
			new JdbcTemplate(dataSource).update(
					"INSERT INTO signing_key (kid, algorithm, public_jwk, "
							+ "private_jwk_ciphertext, created_at, activates_at) VALUES ('k1', 'RS256', '{}', ?, ?, ?)",
					new byte[64], SqlTime.of(Instant.now()), SqlTime.of(Instant.now()));
		}

		Process process = start(complete());

		String output = output(process);
		assertThat(process.exitValue()).as(output).isNotZero();
		assertThat(output).contains("BATON_KEY_ENCRYPTION_KEY").contains("does not open the signing keys");
		assertShort(output);
		try (HikariDataSource dataSource = dataSource()) {
			assertThat(new JdbcTemplate(dataSource)
				.queryForList("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL", String.class))
				.as("no migration after V5 ran")
				.allMatch((version) -> Integer.parseInt(version) <= 5);
		}
	}

	/** Everything a production start needs, pointing at the fresh database. */
	private Map<String, String> complete() {
		Map<String, String> environment = new java.util.HashMap<>();
		environment.put("BATON_ISSUER", "https://login.example.com");
		environment.put("BATON_DB_URL", this.url);
		environment.put("BATON_DB_USER", this.user);
		environment.put("BATON_DB_PASSWORD", "");
		environment.put("BATON_KEY_ENCRYPTION_KEY", GOOD_KEY);
		return environment;
	}

	private Process start(Map<String, String> variables) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx192m",
						"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
						BatonAuthServerApplication.class.getName(), "--spring.profiles.active=mysql", "--server.port=0",
						"--server.address=127.0.0.1", "--spring.main.banner-mode=off", "--logging.file.name="));
		if (!this.database.isMariaDb()) {
			// The mysql profile's session time zone statement is MySQL's; H2 stands in
			// for it here.
			command.add("--spring.datasource.hikari.connection-init-sql=SELECT 1");
		}
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.directory(this.directory.toFile());
		builder.environment().keySet().removeIf((name) -> name.startsWith("BATON_") || name.startsWith("SPRING_"));
		builder.environment().putAll(variables);
		return builder.start();
	}

	private String assertFailsCleanly(Process process, String variable) throws Exception {
		String output = output(process);
		assertThat(process.exitValue()).as(output).isNotZero();
		assertThat(output).as(output).contains("APPLICATION FAILED TO START").contains(variable);
		assertShort(output);
		assertThat(tables()).as("tables in the database after the failed start").isZero();
		return output;
	}

	private static void assertShort(String output) {
		assertThat(output).as(output).doesNotContain("\tat ").doesNotContain(GOOD_KEY);
		String report = output.substring(output.indexOf("APPLICATION FAILED TO START"));
		assertThat(report.lines().filter((line) -> !line.isBlank()).count()).as(report).isLessThanOrEqualTo(8);
	}

	private static String output(Process process) throws Exception {
		byte[] bytes = process.getInputStream().readAllBytes();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("Baton did not stop: " + new String(bytes, StandardCharsets.UTF_8));
		}
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private int tables() throws IOException {
		if (!this.database.isMariaDb() && !Files.exists(this.directory.resolve("baton.mv.db"))) {
			return 0;
		}
		try (HikariDataSource dataSource = dataSource()) {
			String schema = this.database.isMariaDb() ? this.database.name() : "public";
			Integer count = new JdbcTemplate(dataSource).queryForObject(
					"SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_schema) = ?", Integer.class,
					schema);
			return (count != null) ? count : 0;
		}
	}

	private HikariDataSource dataSource() {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(this.url);
		dataSource.setUsername(this.user);
		dataSource.setPassword("");
		dataSource.setMaximumPoolSize(3);
		if (this.database.isMariaDb()) {
			dataSource.setConnectionInitSql("SET time_zone = '+00:00'");
		}
		return dataSource;
	}

}
