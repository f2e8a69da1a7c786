package dev.baton.auth.backchannel;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How logout tokens reach the clients' {@code backchannel_logout_uri}
 * ({@code baton.backchannel-logout.*}, OpenID Connect Back-Channel Logout 1.0).
 *
 * @param deliveryEnabled whether this node delivers logout tokens; when false it still
 * writes them to the outbox (in the revoking transaction) and another node, or this one
 * after a restart with it on, delivers them
 * @param retryFor how long after the session ended a delivery that keeps failing is
 * retried before it is abandoned (audited as {@code BACKCHANNEL_LOGOUT_ABANDONED})
 * @param firstRetryAfter the wait after the first failed attempt; every further failure
 * doubles it
 * @param maxRetryAfter the longest wait between two attempts
 * @param pollInterval how often each node looks for due deliveries; each revocation also
 * starts an attempt right after its transaction commits, so this only paces retries and
 * deliveries written by other nodes
 * @param claimLease how long a node that claimed a delivery may take to attempt it before
 * another node may claim it (must exceed connect and read timeouts)
 * @param tokenTtl the lifetime of a logout token ({@code exp} minus {@code iat}); it is
 * minted at each attempt
 * @param connectTimeout the connect timeout of a delivery
 * @param readTimeout the time a delivery waits for the client's answer
 * @param batchSize how many due deliveries one pass claims at most
 */
@ConfigurationProperties("baton.backchannel-logout")
public record BackchannelLogoutProperties(@DefaultValue("true") boolean deliveryEnabled,
		@DefaultValue("PT24H") Duration retryFor, @DefaultValue("PT5S") Duration firstRetryAfter,
		@DefaultValue("PT30M") Duration maxRetryAfter, @DefaultValue("PT5S") Duration pollInterval,
		@DefaultValue("PT1M") Duration claimLease, @DefaultValue("PT2M") Duration tokenTtl,
		@DefaultValue("PT2S") Duration connectTimeout, @DefaultValue("PT5S") Duration readTimeout,
		@DefaultValue("100") int batchSize) {

	public BackchannelLogoutProperties {
		positive("retry-for", retryFor);
		positive("first-retry-after", firstRetryAfter);
		positive("max-retry-after", maxRetryAfter);
		positive("poll-interval", pollInterval);
		positive("token-ttl", tokenTtl);
		positive("connect-timeout", connectTimeout);
		positive("read-timeout", readTimeout);
		if (claimLease.compareTo(connectTimeout.plus(readTimeout)) <= 0) {
			throw new IllegalArgumentException(
					"baton.backchannel-logout.claim-lease must exceed connect-timeout plus read-timeout");
		}
		if (batchSize < 1) {
			throw new IllegalArgumentException("baton.backchannel-logout.batch-size must be at least 1");
		}
	}

	/**
	 * The wait after the given number of failed attempts (1 = the first): doubling,
	 * capped.
	 */
	Duration retryAfter(int failedAttempts) {
		Duration wait = this.firstRetryAfter;
		for (int i = 1; i < failedAttempts && wait.compareTo(this.maxRetryAfter) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return (wait.compareTo(this.maxRetryAfter) > 0) ? this.maxRetryAfter : wait;
	}

	private static void positive(String name, Duration value) {
		if (value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException("baton.backchannel-logout." + name + " must be positive");
		}
	}

}
