package dev.baton.auth.scheduling;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.baton.auth.support.SqlTime;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code job_lock} table. Taking a lock is one conditional UPDATE checked by its row count (only a lease that
 * has ended can be taken over), or, the first time a lock name is used, an INSERT that the primary key lets only
 * one node win. No transaction, no {@code SELECT … FOR UPDATE}: correct with any number of nodes on one database.
 * <p>
 * Leases are compared with each node's own clock, so nodes must keep their clocks in sync (NTP): a skew much
 * smaller than a lease is all it needs.
 */
@Repository
public class JdbcJobLock implements JobLock {

	private static final String TAKE_OVER = "UPDATE job_lock SET locked_until = ?, locked_by = ? "
			+ "WHERE name = ? AND locked_until <= ?";

	private static final String CREATE = "INSERT INTO job_lock (name, locked_until, locked_by) VALUES (?, ?, ?)";

	private static final String RELEASE = "UPDATE job_lock SET locked_until = ? WHERE name = ? AND locked_by = ?";

	private static final int OWNER_LENGTH = 100;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final String owner;

	/** Each instance is its own holder: two instances compete like two nodes. */
	public JdbcJobLock(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.owner = newOwner();
	}

	@Override
	public boolean tryLock(String name, Duration holdFor) {
		Instant now = this.clock.instant();
		Instant lockedUntil = now.plus(holdFor);
		if (this.jdbc.update(TAKE_OVER, SqlTime.of(lockedUntil), this.owner, name, SqlTime.of(now)) == 1) {
			return true;
		}
		try {
			return this.jdbc.update(CREATE, name, SqlTime.of(lockedUntil), this.owner) == 1;
		}
		catch (DuplicateKeyException ex) {
			// The row exists: its lease is running (or another node created it a moment ago).
			return false;
		}
	}

	@Override
	public void unlock(String name, Instant keepUntil) {
		this.jdbc.update(RELEASE, SqlTime.of(keepUntil), name, this.owner);
	}

	/** This holder's identity in {@code job_lock.locked_by}. */
	String owner() {
		return this.owner;
	}

	/** {@code pid@host} plus a random suffix, so that no two holders share an identity. */
	private static String newOwner() {
		String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
		return (owner.length() > OWNER_LENGTH) ? owner.substring(owner.length() - OWNER_LENGTH) : owner;
	}

}
