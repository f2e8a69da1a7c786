package dev.baton.auth.startup;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import dev.baton.auth.keys.StoredKeysCheck;
import dev.baton.auth.support.InvalidSettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs before the migrations, so a start that cannot work stops before Flyway writes
 * anything: the database must answer with the configured account, and the key-encryption
 * key must open the signing keys already stored. Each failure is an
 * {@link InvalidSettingException} naming the environment variable to fix.
 */
@Configuration(proxyBeanMethods = false)
class DatabasePreflight {

	private static final Logger logger = LoggerFactory.getLogger(DatabasePreflight.class);

	/** SQLSTATE class 28: invalid authorization (wrong user or password). */
	private static final String INVALID_AUTHORIZATION = "28";

	@Bean
	FlywayMigrationStrategy preflightThenMigrate(DataSource dataSource, StoredKeysCheck storedKeys) {
		return (flyway) -> {
			try (Connection connection = connect(dataSource)) {
				storedKeys.check(connection);
			}
			catch (SQLException ex) {
				throw unreachable(ex);
			}
			flyway.migrate();
		};
	}

	private static Connection connect(DataSource dataSource) {
		try {
			return dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw unreachable(ex);
		}
		catch (RuntimeException ex) {
			// Hikari reports a failed first connection as a PoolInitializationException
			// around the SQLException.
			if (ex.getCause() instanceof SQLException sql) {
				throw unreachable(sql);
			}
			throw ex;
		}
	}

	private static InvalidSettingException unreachable(SQLException ex) {
		String state = (ex.getSQLState() != null) ? ex.getSQLState() : "";
		logger.debug("Database check failed", ex);
		if (state.startsWith(INVALID_AUTHORIZATION)) {
			return new InvalidSettingException("BATON_DB_USER",
					"or BATON_DB_PASSWORD was refused by the database (" + firstLine(ex) + ")",
					"Set BATON_DB_USER and BATON_DB_PASSWORD to an account that may use the database in BATON_DB_URL");
		}
		return new InvalidSettingException("BATON_DB_URL", "does not reach a database (" + firstLine(ex) + ")",
				"Check that the database server in BATON_DB_URL runs and is reachable from here, and that the "
						+ "database exists (CREATE DATABASE baton CHARACTER SET utf8mb4)");
	}

	private static String firstLine(SQLException ex) {
		String message = String.valueOf(ex.getMessage());
		int newline = message.indexOf('\n');
		message = (newline >= 0) ? message.substring(0, newline) : message;
		return (message.length() > 200) ? message.substring(0, 200) + "…" : message;
	}

}
