package dev.baton.auth.scheduling;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import dev.baton.auth.support.SqlTime;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code job_lock} table. Every state change is one conditional statement checked by
 * its row count, in autocommit, without {@code SELECT … FOR UPDATE}: correct with any
 * number of nodes on one database.
 * <ul>
 * <li>Taking a lock is an UPDATE that only matches a lease that has ended; it increments
 * the fencing token. The first time a lock name is used, an
 * {@code INSERT … SELECT … WHERE NOT EXISTS} creates the row: a running lease makes both
 * statements match nothing, so a skipped attempt raises no error (and no driver warning).
 * Only two nodes creating the same lock row in the same instant, once in a database's
 * life, see a duplicate key, which means "not acquired".</li>
 * <li>Renewal and release match the holder's owner and fencing token, so they never touch
 * a lease that another node has taken over.</li>
 * </ul>
 * Leases are compared with each node's own clock, so nodes must keep their clocks in sync
 * (NTP): a skew much smaller than a lease is all it needs.
 */
@Repository
public class JdbcJobLock implements JobLock {

	private static final String TAKE_OVER = "UPDATE job_lock SET locked_until = ?, locked_by = ?, "
			+ "fencing_token = fencing_token + 1 WHERE name = ? AND locked_until <= ?";

	private static final String CREATE = "INSERT INTO job_lock (name, locked_until, locked_by, fencing_token) "
			+ "SELECT ?, ?, ?, 1 FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM job_lock WHERE name = ?)";

	private static final String SELECT_TOKEN = "SELECT fencing_token FROM job_lock WHERE name = ? AND locked_by = ?";

	private static final String RENEW = "UPDATE job_lock SET locked_until = ? "
			+ "WHERE name = ? AND locked_by = ? AND fencing_token = ?";

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
	public Optional<Lease> tryAcquire(String name, Duration leaseTime) {
		Instant now = now();
		Instant lockedUntil = now.plus(leaseTime);
		if (this.jdbc.update(TAKE_OVER, SqlTime.of(lockedUntil), this.owner, name, SqlTime.of(now)) == 1) {
			// Read back the token this acquisition set; empty if the lease was already
			// lost again.
			return this.jdbc.queryForList(SELECT_TOKEN, Long.class, name, this.owner)
				.stream()
				.findFirst()
				.map((token) -> new Lease(name, this.owner, token, lockedUntil));
		}
		try {
			if (this.jdbc.update(CREATE, name, SqlTime.of(lockedUntil), this.owner, name) == 1) {
				return Optional.of(new Lease(name, this.owner, 1, lockedUntil));
			}
		}
		catch (DataIntegrityViolationException | PessimisticLockingFailureException ex) {
			// Another node created the row in the same instant (the first use of this
			// lock name): it holds it.
		}
		return Optional.empty();
	}

	@Override
	public Optional<Lease> renew(Lease lease, Duration leaseTime) {
		Instant lockedUntil = now().plus(leaseTime);
		return (update(lease, lockedUntil) == 1)
				? Optional.of(new Lease(lease.name(), lease.owner(), lease.fencingToken(), lockedUntil))
				: Optional.empty();
	}

	@Override
	public boolean release(Lease lease, Instant keepUntil) {
		return update(lease, keepUntil.truncatedTo(ChronoUnit.MICROS)) == 1;
	}

	/** This holder's identity in {@code job_lock.locked_by}. */
	String owner() {
		return this.owner;
	}

	private int update(Lease lease, Instant lockedUntil) {
		return this.jdbc.update(RENEW, SqlTime.of(lockedUntil), lease.name(), lease.owner(), lease.fencingToken());
	}

	/**
	 * The database keeps microseconds; a lease compared in nanoseconds would end at
	 * another instant there.
	 */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * {@code pid@host} plus a random suffix, so that no two holders share an identity.
	 */
	private static String newOwner() {
		String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
		return (owner.length() > OWNER_LENGTH) ? owner.substring(owner.length() - OWNER_LENGTH) : owner;
	}

}
