package dev.baton.auth.scheduling;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The job's configuration: defaults, overrides, switching it off, and a schedule that
 * parses.
 */
class TokenCleanupJobConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(SchedulingConfiguration.class, TokenCleanupJob.class, JobRunner.class,
				ScheduledJobs.class)
		.withBean(JobLock.class, () -> mock(JobLock.class))
		.withBean(CleanupTask.class, () -> mock(CleanupTask.class))
		.withBean(dev.baton.auth.support.BatonMeters.class, dev.baton.auth.support.BatonMeters::discarding)
		.withBean(Clock.class, Clock::systemUTC);

	@Test
	void propertiesWhenNotSetThenDefaults() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(TokenCleanupJob.class);
			CleanupProperties properties = context.getBean(CleanupProperties.class);
			assertThat(properties.interval()).isEqualTo(Duration.ofMinutes(10));
			assertThat(properties.initialDelay()).isEqualTo(Duration.ofMinutes(1));
			assertThat(properties.batchSize()).isEqualTo(500);
			assertThat(properties.familyRetention()).isEqualTo(Duration.ofDays(7));
			assertThat(properties.codeRetention()).isEqualTo(Duration.ofHours(1));
		});
	}

	@Test
	void propertiesWhenSetThenBoundAndScheduleAccepted() {
		this.runner
			.withPropertyValues("baton.cleanup.interval=PT30S", "baton.cleanup.initial-delay=PT1H",
					"baton.cleanup.batch-size=50", "baton.cleanup.family-retention=P30D")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CleanupProperties properties = context.getBean(CleanupProperties.class);
				assertThat(properties.interval()).isEqualTo(Duration.ofSeconds(30));
				assertThat(properties.batchSize()).isEqualTo(50);
				assertThat(properties.familyRetention()).isEqualTo(Duration.ofDays(30));
			});
	}

	@Test
	void propertiesWhenBatchSizeNotPositiveThenStartupFails() {
		this.runner.withPropertyValues("baton.cleanup.batch-size=0").run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void scheduledJobsWhenJobEnabledThenScheduledWithItsOwnIntervalAndInitialDelay() {
		this.runner.withPropertyValues("baton.cleanup.interval=PT30S", "baton.cleanup.initial-delay=PT1H")
			.run((context) -> {
				assertThat(context.getBean(ScheduledJobs.class).jobs()).singleElement().satisfies((job) -> {
					assertThat(job.name()).isEqualTo(TokenCleanupJob.LOCK_NAME);
					assertThat(job.interval()).isEqualTo(Duration.ofSeconds(30));
					assertThat(job.initialDelay()).isEqualTo(Duration.ofHours(1));
				});
				assertThat(context.getBean(JobProperties.class).lease()).isEqualTo(Duration.ofMinutes(2));
			});
	}

	@Test
	void jobWhenDisabledThenNotCreated() {
		this.runner.withPropertyValues("baton.cleanup.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TokenCleanupJob.class));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	@EnableConfigurationProperties({ CleanupProperties.class, JobProperties.class })
	static class SchedulingConfiguration {

	}

}
