package dev.baton.resource.bench;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Profile;

/**
 * The knobs of the {@code bench} profile ({@code baton.resource.bench.*}).
 *
 * @param verifiedTokens remembering tokens whose signature verified
 */
@ConfigurationProperties("baton.resource.bench")
@Profile("bench")
record BenchProperties(@DefaultValue VerifiedTokens verifiedTokens) {

	/**
	 * @param maxSize how many verified tokens to remember; 0 verifies every request's
	 * signature
	 * @param ttl how long after its verification a token is remembered (its lifetime is
	 * checked on every use)
	 */
	record VerifiedTokens(@DefaultValue("10000") long maxSize, @DefaultValue("PT1M") Duration ttl) {
	}

}
