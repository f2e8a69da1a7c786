package dev.baton.auth.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many token requests are worked on at once ({@code baton.token-endpoint.*},
 * {@link TokenRequestAdmission}).
 *
 * @param concurrency token requests worked on at the same time; {@code 0} (the default)
 * is twice the processors the JVM sees, at least 2
 * @param queueTimeout how long a token request waits for its turn before it is answered
 * {@code 503 temporarily_unavailable}
 */
@ConfigurationProperties("baton.token-endpoint")
public record TokenEndpointProperties(@DefaultValue("0") int concurrency, @DefaultValue("5s") Duration queueTimeout) {

	public TokenEndpointProperties {
		if (concurrency < 0) {
			throw new IllegalArgumentException("baton.token-endpoint.concurrency must be 0 (automatic) or more");
		}
		if (queueTimeout.isNegative() || queueTimeout.isZero()) {
			throw new IllegalArgumentException("baton.token-endpoint.queue-timeout must be positive");
		}
	}

	/** The configured concurrency, or the automatic one for {@code processors}. */
	int effectiveConcurrency(int processors) {
		return (this.concurrency > 0) ? this.concurrency : Math.max(2, 2 * processors);
	}

}
