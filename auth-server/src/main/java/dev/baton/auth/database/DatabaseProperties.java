package dev.baton.auth.database;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Baton lives with its database ({@code baton.database.*}): the retry of transactions
 * that lost a race to a concurrent one (a deadlock on InnoDB, a certification conflict on
 * Galera), and the {@code Retry-After} a client is told while the database cannot be
 * reached.
 *
 * @param retry the retry of a transaction that lost a race
 * @param unavailableRetryAfter the {@code Retry-After} of a 503 answered while the
 * database is unreachable
 * @param failFastWindow after the pool could not get a connection, how long every request
 * fails at once before one probes again ({@link FailFastDataSource}); zero (the embedded
 * default) turns it off
 */
@ConfigurationProperties("baton.database")
public record DatabaseProperties(@DefaultValue Retry retry, @DefaultValue("PT5S") Duration unavailableRetryAfter,
		@DefaultValue("PT0S") Duration failFastWindow) {

	/**
	 * @param maxAttempts attempts of one transaction in all, the first included
	 * @param initialBackoff the upper bound of the pause before the second attempt; it
	 * doubles with every further attempt, and the pause is drawn at random below it (full
	 * jitter) so that the racers do not meet again
	 * @param maxBackoff the cap of that bound
	 */
	public record Retry(@DefaultValue("8") int maxAttempts, @DefaultValue("PT0.01S") Duration initialBackoff,
			@DefaultValue("PT0.2S") Duration maxBackoff) {

		public Retry {
			if (maxAttempts < 1) {
				throw new IllegalArgumentException("baton.database.retry.max-attempts must be at least 1");
			}
		}

	}

}
