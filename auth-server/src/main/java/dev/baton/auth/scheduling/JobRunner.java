package dev.baton.auth.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.baton.auth.scheduling.JobLock.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Runs a {@link ScheduledJob} on one node at a time: takes the job's lock for a lease of
 * {@code baton.jobs.lease}, lets the job renew it at its checkpoints
 * ({@link JobContext}), and releases it at the end, fenced by the lease's token, keeping
 * other nodes off for half the job's interval.
 */
@Component
public final class JobRunner {

	private static final Logger logger = LoggerFactory.getLogger(JobRunner.class);

	private final JobLock lock;

	private final JobProperties properties;

	private final Clock clock;

	public JobRunner(JobLock lock, JobProperties properties, Clock clock) {
		this.lock = lock;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Runs the job now unless another node is running it or ran it less than half an
	 * interval ago.
	 * @return what the run reported; empty when the job was skipped or its lease was lost
	 * on the way
	 */
	public <R> Optional<R> run(ScheduledJob<R> job) {
		Instant startedAt = this.clock.instant();
		Optional<Lease> lease = this.lock.tryAcquire(job.name(), this.properties.lease());
		if (lease.isEmpty()) {
			logger.debug("Job {} skipped: another node is running it or ran it less than half an interval ago",
					job.name());
			return Optional.empty();
		}
		JobContext context = new JobContext(this.lock, lease.get(), this.properties.lease(), this.clock, startedAt);
		Instant keepUntil = startedAt.plus(job.interval().dividedBy(2));
		R result;
		try {
			result = job.run(context);
		}
		catch (LeaseLostException ex) {
			logger.warn("Job {} stopped: its lease (fencing token {}) was taken over by another node", job.name(),
					lease.get().fencingToken());
			return Optional.empty();
		}
		catch (RuntimeException ex) {
			context.release(keepUntil);
			throw ex;
		}
		if (!context.release(keepUntil)) {
			logger.warn("Job {} finished after its lease (fencing token {}) was taken over by another node", job.name(),
					lease.get().fencingToken());
		}
		return Optional.of(result);
	}

}
