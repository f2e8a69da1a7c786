package dev.baton.auth.keys;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The signing key set ({@code baton.keys.*}).
 *
 * @param algorithm the algorithm of newly generated keys
 * @param encryptionKey the key-encryption key: 32 random bytes, base64; encrypts private
 * keys at rest. Required under profile {@code mysql}, where every node must share it
 * @param encryptionKeyFile where the embedded mode keeps a generated key-encryption key
 * when {@code encryptionKey} is not set
 * @param cacheTtl how long a node uses its copy of the key set before reading it again
 * @param rotationPeriod how long a key signs before the scheduled rotation replaces it;
 * zero turns the schedule off (the admin API still rotates)
 * @param publishLead how long a new key is published before it signs. It must cover the
 * resource servers' JWKS cache (the demo's: 5 minutes) plus {@code cacheTtl}, so every
 * verifier knows the key before the first token it signs arrives
 * @param rotationCheckInterval how often each node checks whether the rotation is due
 * @param nativeSigning whether tokens are signed by AWS-LC (native code) where it loads
 * on this platform, rather than by the JDK: the same tokens at about half the CPU
 * ({@link JwsSigners})
 */
@ConfigurationProperties("baton.keys")
public record SigningKeyProperties(@DefaultValue("RS256") SigningAlgorithm algorithm, String encryptionKey,
		Path encryptionKeyFile, @DefaultValue("PT1M") Duration cacheTtl, @DefaultValue("P30D") Duration rotationPeriod,
		@DefaultValue("PT10M") Duration publishLead, @DefaultValue("PT1H") Duration rotationCheckInterval,
		@DefaultValue("true") boolean nativeSigning) {

}
