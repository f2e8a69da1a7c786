package dev.baton.auth.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Converts between {@link Instant} and {@code TIMESTAMP(6)} columns holding UTC
 * wall-clock time.
 * <p>
 * Values travel as {@link LocalDateTime} in UTC, which JDBC drivers pass through
 * unchanged, so the JVM's default time zone never takes part. MySQL sessions run with
 * {@code time_zone = '+00:00'} (see application-mysql.yml). Instants are truncated to the
 * microseconds the columns hold: MySQL and H2 would round a finer value, possibly up, so
 * a key activated or a token consumed "now" would be stored a fraction of a microsecond
 * in the future.
 */
public final class SqlTime {

	private SqlTime() {
	}

	public static LocalDateTime of(Instant instant) {
		return (instant != null) ? LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC)
				: null;
	}

	public static Instant instant(ResultSet rs, String column) throws SQLException {
		LocalDateTime value = rs.getObject(column, LocalDateTime.class);
		return (value != null) ? value.toInstant(ZoneOffset.UTC) : null;
	}

}
