package dev.baton.auth.scheduling;

import java.time.Duration;

/**
 * A background job that runs on one node at a time: every bean of this type is scheduled
 * by {@link ScheduledJobs} and run by {@link JobRunner} under the lease of the lock named
 * {@link #name()}. Its schedule comes from the feature's own
 * {@code @ConfigurationProperties}, so defaults are written once.
 *
 * @param <R> what one run reports
 */
public interface ScheduledJob<R> {

	/** The lock name in {@code job_lock}, also used in log lines. */
	String name();

	/**
	 * Time from the end of one run on a node to the next attempt on that node. After a
	 * run, no node starts the job again for half of it, so nodes whose schedules run at
	 * other moments do not repeat a run right away.
	 */
	Duration interval();

	/** Time from startup to the first attempt. */
	Duration initialDelay();

	/**
	 * The work, while this node holds the job's lease. Long work calls
	 * {@link JobContext#checkpoint()} between steps: it renews the lease and throws
	 * {@link LeaseLostException} once another node has taken it over.
	 */
	R run(JobContext context);

}
