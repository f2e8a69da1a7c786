package dev.baton.auth.scheduling;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The one schedule of Baton's background jobs: every {@link ScheduledJob} bean runs with
 * a fixed delay of its {@link ScheduledJob#interval()} through the {@link JobRunner}, so
 * each runs on one node at a time. A run that fails is logged and tried again at the next
 * interval.
 */
@Component
class ScheduledJobs implements SchedulingConfigurer {

	private static final Logger logger = LoggerFactory.getLogger(ScheduledJobs.class);

	private final List<ScheduledJob<?>> jobs;

	private final JobRunner runner;

	ScheduledJobs(ObjectProvider<ScheduledJob<?>> jobs, JobRunner runner) {
		this.jobs = jobs.orderedStream().toList();
		this.runner = runner;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		for (ScheduledJob<?> job : this.jobs) {
			registrar.addFixedDelayTask(new FixedDelayTask(() -> run(job), job.interval(), job.initialDelay()));
		}
	}

	List<ScheduledJob<?>> jobs() {
		return this.jobs;
	}

	private void run(ScheduledJob<?> job) {
		try {
			this.runner.run(job);
		}
		catch (RuntimeException ex) {
			logger.error("Job {} failed; it runs again in {}", job.name(), job.interval(), ex);
		}
	}

}
