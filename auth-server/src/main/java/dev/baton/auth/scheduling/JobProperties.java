package dev.baton.auth.scheduling;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How background jobs hold their locks ({@code baton.jobs.*}).
 *
 * @param lease how long a job's lock is held without renewal: the longest a crashed node
 * blocks a job, and the longest one step of a job (one batch) may take before another
 * node may take over. A running job renews it at every checkpoint once a third of it has
 * passed
 */
@ConfigurationProperties("baton.jobs")
public record JobProperties(@DefaultValue("PT2M") Duration lease) {

	public JobProperties {
		if (lease.isZero() || lease.isNegative()) {
			throw new IllegalArgumentException("baton.jobs.lease must be positive");
		}
	}

}
