package dev.baton.auth.keys;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The signing key set ({@code baton.keys.*}).
 * @param algorithm the algorithm of newly generated keys
 * @param encryptionKey the key-encryption key: 32 random bytes, base64; encrypts private keys at rest. Required
 * under profile {@code mysql}, where every node must share it
 * @param encryptionKeyFile where the embedded mode keeps a generated key-encryption key when
 * {@code encryptionKey} is not set
 * @param cacheTtl how long a node uses its copy of the key set before reading it again
 */
@ConfigurationProperties("baton.keys")
public record SigningKeyProperties(@DefaultValue("RS256") SigningAlgorithm algorithm, String encryptionKey,
		Path encryptionKeyFile, @DefaultValue("PT1M") Duration cacheTtl) {
}
