package dev.baton.auth.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Converts between {@link Instant} and {@code TIMESTAMP(6)} columns holding UTC wall-clock time.
 * <p>
 * Values travel as {@link LocalDateTime} in UTC, which JDBC drivers pass through unchanged, so the JVM's default
 * time zone never takes part. MySQL sessions run with {@code time_zone = '+00:00'} (see application-mysql.yml).
 */
public final class SqlTime {

	private SqlTime() {
	}

	public static LocalDateTime of(Instant instant) {
		return (instant != null) ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

	public static Instant instant(ResultSet rs, String column) throws SQLException {
		LocalDateTime value = rs.getObject(column, LocalDateTime.class);
		return (value != null) ? value.toInstant(ZoneOffset.UTC) : null;
	}

}
