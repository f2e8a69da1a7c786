package dev.baton.auth.testsupport;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A private H2 database in MySQL mode with the real Flyway migrations applied, for
 * repository and rule tests without an application context. Each instance is a new
 * database of its own.
 * <p>
 * Flyway migrates one template database per JVM; every database after that is a copy of
 * the template (H2's {@code SCRIPT}, replayed statement by statement), which takes
 * milliseconds instead of a Flyway run each.
 */
public final class InMemoryDatabase {

	static {
		// One migration log per test database would drown the test output.
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.flywaydb"))
			.setLevel(ch.qos.logback.classic.Level.ERROR);
	}

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final DataSourceTransactionManager transactionManager;

	private InMemoryDatabase(DataSource dataSource) {
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactionManager = new DataSourceTransactionManager(dataSource);
	}

	/** A new database with every migration of {@code sql/} applied. */
	public static InMemoryDatabase migrated() {
		DataSource dataSource = newDataSource();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		for (String statement : Template.STATEMENTS) {
			jdbc.execute(statement);
		}
		return new InMemoryDatabase(dataSource);
	}

	private static DataSource newDataSource() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource
			.setURL("jdbc:h2:mem:unit-" + UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
		dataSource.setUser("baton");
		return dataSource;
	}

	/**
	 * The schema Flyway builds from {@code db/migration}, as the statements that recreate
	 * it.
	 */
	private static final class Template {

		static final List<String> STATEMENTS = migrate();

		private static List<String> migrate() {
			DataSource dataSource = newDataSource();
			Flyway.configure()
				.dataSource(dataSource)
				.locations("classpath:db/migration")
				.validateMigrationNaming(true)
				.load()
				.migrate();
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			List<String> statements = jdbc.queryForList("SCRIPT", String.class);
			jdbc.execute("SHUTDOWN");
			return List.copyOf(statements);
		}

	}

	public DataSource dataSource() {
		return this.dataSource;
	}

	public JdbcTemplate jdbc() {
		return this.jdbc;
	}

	public PlatformTransactionManager transactionManager() {
		return this.transactionManager;
	}

	public TransactionTemplate transactionTemplate() {
		return new TransactionTemplate(this.transactionManager);
	}

	/**
	 * Wraps {@code target} in a proxy applying its {@code @Transactional} annotations, as
	 * the application context would: its public methods run (and commit or roll back) in
	 * transactions of this database.
	 */
	@SuppressWarnings("unchecked")
	public <T> T transactional(T target) {
		ProxyFactory factory = new ProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory
			.addAdvice(new TransactionInterceptor(this.transactionManager, new AnnotationTransactionAttributeSource()));
		return (T) factory.getProxy();
	}

	/** Drops the database. */
	public void shutdown() {
		this.jdbc.execute("SHUTDOWN");
	}

}
