package dev.baton.auth.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.baton.auth.scheduling.JobLock.Lease;

/**
 * One run of a {@link ScheduledJob} under its lease. The job calls {@link #checkpoint()}
 * between steps (a cleanup between two batches); the lease is renewed there once a third
 * of it has passed, so a run longer than its lease keeps the lock, and a run whose lease
 * was taken over (after a pause longer than the lease: a stalled database, a
 * garbage-collection pause, a suspended VM) stops at its next checkpoint instead of
 * working beside the new holder.
 */
public final class JobContext {

	private final JobLock lock;

	private final Duration leaseTime;

	private final Clock clock;

	private final Instant startedAt;

	private Lease lease;

	private Instant renewedAt;

	JobContext(JobLock lock, Lease lease, Duration leaseTime, Clock clock, Instant startedAt) {
		this.lock = lock;
		this.lease = lease;
		this.leaseTime = leaseTime;
		this.clock = clock;
		this.startedAt = startedAt;
		this.renewedAt = startedAt;
	}

	/** When this run took the lock. */
	public Instant startedAt() {
		return this.startedAt;
	}

	/**
	 * The fencing token of this run's lease: it grows with every acquisition of the lock
	 * by any node.
	 */
	public long fencingToken() {
		return this.lease.fencingToken();
	}

	/**
	 * Renews the lease when a third of it has passed since the last renewal.
	 * @throws LeaseLostException when another node holds the lock now: the job must stop
	 */
	public void checkpoint() {
		Instant now = this.clock.instant();
		if (now.isBefore(this.renewedAt.plus(this.leaseTime.dividedBy(3)))) {
			return;
		}
		this.lease = this.lock.renew(this.lease, this.leaseTime)
			.orElseThrow(() -> new LeaseLostException(this.lease.name(), this.lease.fencingToken()));
		this.renewedAt = now;
	}

	/**
	 * Ends the run: releases the lease, keeping others off until {@code keepUntil}.
	 * @return whether the lease was still this run's
	 */
	boolean release(Instant keepUntil) {
		return this.lock.release(this.lease, keepUntil);
	}

}
