package dev.baton.auth.keys;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signing-key rotation ({@code baton.keys.*}, next to {@link SigningKeyProperties}).
 * @param rotationPeriod how long a key signs before the scheduled rotation replaces it; zero turns the schedule off
 * (the admin API still rotates)
 * @param publishLead how long a new key is published before it signs. It must cover the resource servers' JWKS
 * cache (the demo's: 5 minutes) plus this server's own {@code cache-ttl}, so every verifier knows the key before
 * the first token it signs arrives
 * @param rotationCheckInterval how often each node checks whether the rotation is due
 */
@ConfigurationProperties("baton.keys")
public record SigningKeyRotationProperties(@DefaultValue("P30D") Duration rotationPeriod,
		@DefaultValue("PT10M") Duration publishLead, @DefaultValue("PT1H") Duration rotationCheckInterval) {
}
