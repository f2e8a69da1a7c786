package dev.baton.auth.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Fails at once, for a short window, once the pool could not get a connection: without it
 * every statement of a request waits the pool's whole {@code connection-timeout} again (a
 * sign-in page that saves its session twice waited twice), and every request of a busy
 * node waits it too. After the window one caller probes the database (waiting up to the
 * pool's timeout) while the others keep failing fast; the first connection handed out
 * closes the window. Connection failures only: errors of statements on a working
 * connection, and a pool that is merely busy, pass through unchanged.
 */
final class FailFastDataSource extends DelegatingDataSource implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(FailFastDataSource.class);

	private final Duration window;

	private final Clock clock;

	private Instant failingUntil = Instant.MIN;

	private boolean probing;

	FailFastDataSource(DataSource target, Duration window, Clock clock) {
		super(target);
		this.window = window;
		this.clock = clock;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return connect(null, null);
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return connect(username, password);
	}

	private Connection connect(String username, String password) throws SQLException {
		boolean probe = admit();
		try {
			Connection connection = (username != null) ? super.getConnection(username, password)
					: super.getConnection();
			if (probe) {
				closeWindow();
			}
			return connection;
		}
		catch (SQLTransientConnectionException | SQLNonTransientConnectionException ex) {
			// A pool that timed out only because every connection is busy (no connection
			// attempt failed, so no
			// cause) says nothing about the database: no window then.
			if (ex instanceof SQLNonTransientConnectionException || ex.getCause() != null) {
				openWindow();
			}
			throw ex;
		}
		finally {
			if (probe) {
				endProbe();
			}
		}
	}

	/**
	 * Whether this caller may try (and, after a failure, whether it is the one probe);
	 * throws while failing fast.
	 */
	private synchronized boolean admit() throws SQLTransientConnectionException {
		if (this.failingUntil.equals(Instant.MIN)) {
			return false;
		}
		if (this.probing || this.clock.instant().isBefore(this.failingUntil)) {
			throw new SQLTransientConnectionException("The database was unreachable moments ago; failing fast",
					"08001");
		}
		this.probing = true;
		return true;
	}

	private synchronized void openWindow() {
		if (this.failingUntil.equals(Instant.MIN)) {
			logger.warn("Cannot get a database connection; failing fast for {} at a time until it answers",
					this.window);
		}
		this.failingUntil = this.clock.instant().plus(this.window);
	}

	private synchronized void closeWindow() {
		if (!this.failingUntil.equals(Instant.MIN)) {
			logger.info("The database answers again");
		}
		this.failingUntil = Instant.MIN;
	}

	private synchronized void endProbe() {
		this.probing = false;
	}

	@Override
	public void close() throws Exception {
		if (getTargetDataSource() instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

}
