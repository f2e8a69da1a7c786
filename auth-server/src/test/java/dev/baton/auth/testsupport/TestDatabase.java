package dev.baton.auth.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty database for one Spring context of the tests: H2 in MySQL mode in memory
 * by default, or a new database on the MariaDB/MySQL server at 127.0.0.1:3306 when
 * {@code -Dbaton.test.database=mariadb} (the Maven execution {@code mariadb}). When that
 * server does not answer, the tests are skipped with a visible message, or fail if
 * {@code BATON_REQUIRE_MARIADB=true} (CI).
 */
public final class TestDatabase {

	public static final String SELECTOR = "baton.test.database";

	/**
	 * The server's JDBC URL; {@code -Dbaton.test.mariadb-url=...} points the run
	 * elsewhere.
	 */
	static final String MARIADB_SERVER = System.getProperty("baton.test.mariadb-url", "jdbc:mariadb://127.0.0.1:3306/");

	private static final String MARIADB_USER = "root";

	private static final String PREFIX = "baton_http_";

	private static final AtomicBoolean SKIP_REPORTED = new AtomicBoolean();

	private final String name;

	private final boolean mariadb;

	private TestDatabase(String name, boolean mariadb) {
		this.name = name;
		this.mariadb = mariadb;
	}

	/**
	 * Creates a new database of the selected kind, or skips the calling test when MariaDB
	 * is not there.
	 */
	public static TestDatabase create() {
		String name = PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		if (!isMariaDbSelected()) {
			return new TestDatabase(name, false);
		}
		String unavailable = unavailabilityReason();
		Assumptions.assumeTrue(unavailable == null, unavailable);
		execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
		return new TestDatabase(name, true);
	}

	/** An existing database, to drop it or to start a second server on it. */
	public static TestDatabase named(String name, boolean mariadb) {
		return new TestDatabase(name, mariadb);
	}

	public static boolean isMariaDbSelected() {
		return "mariadb".equals(System.getProperty(SELECTOR, "h2").toLowerCase(Locale.ROOT));
	}

	public String name() {
		return this.name;
	}

	public boolean isMariaDb() {
		return this.mariadb;
	}

	/** The Spring properties that point the application at this database. */
	public Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		if (this.mariadb) {
			properties.put("spring.datasource.url", MARIADB_SERVER + this.name);
			properties.put("spring.datasource.username", MARIADB_USER);
			properties.put("spring.datasource.password", "");
			properties.put("spring.datasource.driver-class-name", "org.mariadb.jdbc.Driver");
			properties.put("spring.datasource.hikari.connection-init-sql", "SET time_zone = '+00:00'");
		}
		else {
			properties.put("spring.datasource.url",
					"jdbc:h2:mem:" + this.name + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
			properties.put("spring.datasource.username", "baton");
			properties.put("spring.datasource.password", "");
			properties.put("spring.datasource.driver-class-name", "org.h2.Driver");
		}
		properties.put("spring.datasource.hikari.maximum-pool-size", "12");
		properties.put("baton.test.database-name", this.name);
		properties.put("baton.test.database-kind", this.mariadb ? "mariadb" : "h2");
		return properties;
	}

	/**
	 * A small connection pool on this database, for repository tests without an
	 * application context; the caller closes it before {@link #drop()}.
	 */
	public HikariDataSource dataSource() {
		Map<String, String> properties = properties();
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(properties.get("spring.datasource.url"));
		dataSource.setUsername(properties.get("spring.datasource.username"));
		dataSource.setPassword("");
		dataSource.setDriverClassName(properties.get("spring.datasource.driver-class-name"));
		String initSql = properties.get("spring.datasource.hikari.connection-init-sql");
		if (initSql != null) {
			dataSource.setConnectionInitSql(initSql);
		}
		dataSource.setMaximumPoolSize(4);
		return dataSource;
	}

	/** Drops the database (MariaDB) or shuts it down (H2). */
	public void drop() {
		if (this.mariadb) {
			execute("DROP DATABASE IF EXISTS " + this.name);
			return;
		}
		try (Connection connection = DriverManager.getConnection(properties().get("spring.datasource.url"), "baton",
				""); Statement statement = connection.createStatement()) {
			statement.execute("SHUTDOWN");
		}
		catch (SQLException ex) {
			// Already gone.
		}
	}

	/**
	 * Why the MariaDB tests cannot run, or {@code null} when they can. Called once per
	 * test class by {@link MariaDbCondition}; prints the reason once per run so a skip is
	 * never silent.
	 * @throws IllegalStateException when MariaDB is unreachable and
	 * {@code BATON_REQUIRE_MARIADB=true}
	 */
	static String unavailabilityReason() {
		try (Connection connection = DriverManager.getConnection(MARIADB_SERVER + "?connectTimeout=3000", MARIADB_USER,
				"")) {
			connection.isValid(3);
			return null;
		}
		catch (SQLException ex) {
			String message = "MariaDB at " + MARIADB_SERVER + " unreachable: MariaDB tests SKIPPED (" + ex.getMessage()
					+ ")";
			if ("true".equalsIgnoreCase(System.getenv("BATON_REQUIRE_MARIADB"))) {
				throw new IllegalStateException(
						"MariaDB at " + MARIADB_SERVER + " unreachable and "
								+ "BATON_REQUIRE_MARIADB=true: the MariaDB tests must run (" + ex.getMessage() + ")",
						ex);
			}
			if (SKIP_REPORTED.compareAndSet(false, true)) {
				System.out.println("\n*** " + message + " ***\n");
			}
			return message;
		}
	}

	private static void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(MARIADB_SERVER, MARIADB_USER, "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot run '" + sql + "' on MariaDB", ex);
		}
	}

}
