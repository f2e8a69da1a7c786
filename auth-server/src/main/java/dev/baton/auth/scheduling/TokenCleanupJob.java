package dev.baton.auth.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.baton.auth.support.BatonMeters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Removes what no longer serves a purpose, on one node at a time: every
 * {@link CleanupTask} the features declare (expired successor ciphertexts, authorization
 * codes, token families, browser records, sign-in throttle counters), in their order.
 * Deletes go in batches of {@code batch-size}, at most {@value #MAX_BATCHES} batches per
 * task and run, with a {@link JobContext#checkpoint() checkpoint} after each batch: a
 * long run keeps its lease, and a run whose lease another node took over stops. What is
 * left waits for the next run.
 */
@Component
@ConditionalOnBooleanProperty(name = "baton.cleanup.enabled", matchIfMissing = true)
public class TokenCleanupJob implements ScheduledJob<TokenCleanupJob.Result> {

	static final String LOCK_NAME = "token-cleanup";

	static final int MAX_BATCHES = 100;

	private static final Logger logger = LoggerFactory.getLogger(TokenCleanupJob.class);

	private final JobRunner runner;

	private final List<CleanupTask> tasks;

	private final CleanupProperties properties;

	private final BatonMeters meters;

	public TokenCleanupJob(JobRunner runner, List<CleanupTask> tasks, CleanupProperties properties,
			BatonMeters meters) {
		this.runner = runner;
		this.tasks = List.copyOf(tasks);
		this.properties = properties;
		this.meters = meters;
	}

	@Override
	public String name() {
		return LOCK_NAME;
	}

	@Override
	public Duration interval() {
		return this.properties.interval();
	}

	@Override
	public Duration initialDelay() {
		return this.properties.initialDelay();
	}

	/**
	 * Runs the cleanup now if no other node is running it or ran it within the last half
	 * interval.
	 * @return what was removed; empty when another node holds the lock or took it over
	 * during the run
	 */
	public Optional<Result> cleanUp() {
		return this.runner.run(this);
	}

	@Override
	public Result run(JobContext context) {
		Instant startedAt = context.startedAt();
		Map<String, Integer> removed = new LinkedHashMap<>();
		for (CleanupTask task : this.tasks) {
			int rows = inBatches(task, startedAt, context);
			removed.put(task.name(), rows);
			this.meters.cleanupRows(task.name().replace(' ', '_').replace('-', '_'), rows);
		}
		Result result = new Result(Collections.unmodifiableMap(removed));
		if (result.total() > 0) {
			logger.info("Token cleanup removed {}", removed);
		}
		else {
			logger.debug("Token cleanup: nothing to remove");
		}
		return result;
	}

	private int inBatches(CleanupTask task, Instant now, JobContext context) {
		int batchSize = this.properties.batchSize();
		int total = 0;
		for (int batch = 0; batch < MAX_BATCHES; batch++) {
			int deleted = task.cleanUp(now, batchSize);
			total += deleted;
			context.checkpoint();
			if (deleted < batchSize) {
				break;
			}
		}
		return total;
	}

	/** What one run removed, per {@link CleanupTask#name()}, in the tasks' order. */
	public record Result(Map<String, Integer> removed) {

		/** How many rows the task of that name removed; zero for an unknown name. */
		public int removed(String taskName) {
			return this.removed.getOrDefault(taskName, 0);
		}

		int total() {
			return this.removed.values().stream().mapToInt(Integer::intValue).sum();
		}

	}

}
