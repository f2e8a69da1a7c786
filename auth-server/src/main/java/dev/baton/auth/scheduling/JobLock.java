package dev.baton.auth.scheduling;

import java.time.Duration;
import java.time.Instant;

/**
 * A named lock in the shared database, so that a scheduled job runs on one auth-server node at a time (DESIGN
 * "Scaling out"). A lock is a lease: it ends by itself at its {@code locked_until}, so a node that dies while
 * holding it blocks the job for one lease at most.
 */
public interface JobLock {

	/**
	 * Takes the lock unless another holder's lease is still running.
	 * @param holdFor the lease: how long the lock is held if this node never releases it
	 * @return whether this node now holds the lock
	 */
	boolean tryLock(String name, Duration holdFor);

	/**
	 * Ends this node's hold of the lock. Other nodes can take it from {@code keepUntil} on; a time in the past (or
	 * now) frees it at once, a time in the future keeps other nodes from running the same job again right away.
	 */
	void unlock(String name, Instant keepUntil);

}
