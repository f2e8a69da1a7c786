package dev.baton.auth.keys;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code baton.keys.*} for tests: the given key-set settings and the default rotation
 * schedule.
 */
final class TestSigningKeyProperties {

	private TestSigningKeyProperties() {
	}

	static SigningKeyProperties of(SigningAlgorithm algorithm, String encryptionKey, Path encryptionKeyFile,
			Duration cacheTtl) {
		return new SigningKeyProperties(algorithm, encryptionKey, encryptionKeyFile, cacheTtl, Duration.ofDays(30),
				Duration.ofMinutes(10), Duration.ofHours(1), true);
	}

	/**
	 * An ES256 key set on the default cache lifetime with the given rotation schedule.
	 */
	static SigningKeyProperties withRotation(Duration period, Duration lead, Duration checkInterval) {
		return new SigningKeyProperties(SigningAlgorithm.ES256, null, null, Duration.ofMinutes(1), period, lead,
				checkInterval, true);
	}

}
