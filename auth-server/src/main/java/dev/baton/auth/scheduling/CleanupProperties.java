package dev.baton.auth.scheduling;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The scheduled token cleanup ({@code baton.cleanup.*}).
 *
 * @param enabled whether this node takes part in the cleanup at all
 * @param interval time between two runs on a node; after a run, no node runs it again for
 * half of it
 * @param initialDelay time from startup to the first run
 * @param batchSize rows deleted per statement, so no statement holds many locks or runs
 * long
 * @param familyRetention how long a token family (with its refresh tokens) is kept after
 * its absolute expiry, so that the audit trail can still be matched to it and the user's
 * session history stays readable
 * @param codeRetention how long an authorization code is kept after it expired, so that a
 * code used again late is still recognised as reuse and revokes its family (RFC 6749
 * §4.1.2)
 */
@ConfigurationProperties("baton.cleanup")
public record CleanupProperties(@DefaultValue("true") boolean enabled, @DefaultValue("PT10M") Duration interval,
		@DefaultValue("PT1M") Duration initialDelay, @DefaultValue("500") int batchSize,
		@DefaultValue("P7D") Duration familyRetention, @DefaultValue("PT1H") Duration codeRetention) {

	public CleanupProperties {
		if (batchSize < 1) {
			throw new IllegalArgumentException("baton.cleanup.batch-size must be at least 1");
		}
		if (interval.isZero() || interval.isNegative()) {
			throw new IllegalArgumentException("baton.cleanup.interval must be positive");
		}
	}

}
