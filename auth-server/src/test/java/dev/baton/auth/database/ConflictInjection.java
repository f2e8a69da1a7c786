package dev.baton.auth.database;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Makes the database lose races on demand, the way a Galera member does when another
 * member's write set certifies first: the COMMIT of a transaction that consumed a refresh
 * token is rolled back and fails with MariaDB's "Deadlock found when trying to get lock;
 * try restarting transaction" (1213, SQLState 40001).
 */
@TestConfiguration(proxyBeanMethods = false)
public class ConflictInjection {

	@Bean
	static BeanPostProcessor conflictInjectingDataSource(Conflicts conflicts) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof DataSource dataSource && !(bean instanceof ConflictingDataSource))
						? new ConflictingDataSource(dataSource, conflicts) : bean;
			}
		};
	}

	@Bean
	static Conflicts conflicts() {
		return new Conflicts();
	}

	/** How many of the next refresh-token consumptions fail at COMMIT. */
	public static final class Conflicts {

		private final AtomicInteger remaining = new AtomicInteger();

		private final AtomicInteger injected = new AtomicInteger();

		public void failNextConsumptions(int count) {
			this.remaining.set(count);
			this.injected.set(0);
		}

		public int injected() {
			return this.injected.get();
		}

		boolean take() {
			if (this.remaining.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
				this.injected.incrementAndGet();
				return true;
			}
			return false;
		}

	}

	static final class ConflictingDataSource extends DelegatingDataSource implements AutoCloseable {

		private static final String CONSUME = "UPDATE refresh_token SET consumed_at";

		private final Conflicts conflicts;

		ConflictingDataSource(DataSource target, Conflicts conflicts) {
			super(target);
			this.conflicts = conflicts;
		}

		@Override
		public Connection getConnection() throws SQLException {
			return wrap(super.getConnection());
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return wrap(super.getConnection(username, password));
		}

		@Override
		public void close() throws Exception {
			if (getTargetDataSource() instanceof AutoCloseable closeable) {
				closeable.close();
			}
		}

		private Connection wrap(Connection connection) {
			boolean[] consumed = new boolean[1];
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
					(proxy, method, args) -> {
						String name = method.getName();
						if (name.startsWith("prepare") && args != null && args[0] instanceof String sql
								&& sql.startsWith(CONSUME)) {
							consumed[0] = true;
						}
						if (name.equals("commit") && consumed[0]) {
							consumed[0] = false;
							if (this.conflicts.take()) {
								connection.rollback();
								throw new SQLTransactionRollbackException(
										"Deadlock found when trying to get lock; try restarting transaction", "40001",
										1213);
							}
						}
						if (name.equals("rollback") || name.equals("close")) {
							consumed[0] = false;
						}
						if (name.equals("unwrap") || name.equals("isWrapperFor")) {
							return method.invoke(connection, args);
						}
						try {
							return method.invoke(connection, args);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

	}

}
