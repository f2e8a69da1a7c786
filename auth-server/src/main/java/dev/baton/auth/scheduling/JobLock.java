package dev.baton.auth.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A named lock in the shared database, so that a scheduled job runs on one auth-server
 * node at a time (DESIGN "Scaling out"). A lock is a lease: it ends by itself at its
 * {@code locked_until}, so a node that dies while holding it blocks the job for one lease
 * at most. A holder renews its lease while its job runs; every acquisition gets a new
 * fencing token, and renewal and release succeed only for the holder of the current
 * token, so a node whose lease ran out and was taken over learns it at its next renewal
 * and stops.
 */
public interface JobLock {

	/**
	 * Takes the lock unless another holder's lease is still running.
	 * @param leaseTime how long the lock is held if this node neither renews nor releases
	 * it
	 * @return the lease, or empty when another node holds the lock
	 */
	Optional<Lease> tryAcquire(String name, Duration leaseTime);

	/**
	 * Extends the lease to {@code now + leaseTime} if it is still this holder's (same
	 * owner, same fencing token).
	 * @return the renewed lease, or empty when another node has taken the lock over: the
	 * job must stop
	 */
	Optional<Lease> renew(Lease lease, Duration leaseTime);

	/**
	 * Ends this holder's lease if it is still its own. Other nodes can take the lock from
	 * {@code keepUntil} on; a time in the past (or now) frees it at once, a time in the
	 * future keeps other nodes from running the same job again right away.
	 * @return whether the lease was still this holder's
	 */
	boolean release(Lease lease, Instant keepUntil);

	/**
	 * A held lock.
	 *
	 * @param fencingToken increases with every acquisition of this lock by any node
	 */
	record Lease(String name, String owner, long fencingToken, Instant lockedUntil) {
	}

}
