package dev.baton.auth.testsupport;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * What the HTTP tests add to the application: a clock they can move, and the cleanup of
 * their database.
 */
@TestConfiguration(proxyBeanMethods = false)
public class BatonTestConfiguration {

	@Bean
	@Primary
	MutableClock mutableClock() {
		return new MutableClock();
	}

	/**
	 * Drops the test database when the context closes (for a shared context: at the end
	 * of the run).
	 */
	@Bean
	DisposableBean testDatabaseDropper(DataSource dataSource, Environment environment) {
		return () -> {
			if (dataSource instanceof HikariDataSource hikari) {
				hikari.close();
			}
			TestDatabase
				.named(environment.getRequiredProperty("baton.test.database-name"),
						"mariadb".equals(environment.getProperty("baton.test.database-kind")))
				.drop();
		};
	}

}
