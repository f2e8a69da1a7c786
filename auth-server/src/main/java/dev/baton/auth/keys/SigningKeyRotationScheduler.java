package dev.baton.auth.keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Checks every {@code baton.keys.rotation-check-interval} whether the key is due for rotation
 * ({@code baton.keys.rotation-period}). Every node checks; the conditional UPDATE in {@link SigningKeyRotation}
 * lets one of them rotate.
 */
@Component
class SigningKeyRotationScheduler {

	private static final Logger logger = LoggerFactory.getLogger(SigningKeyRotationScheduler.class);

	private final SigningKeyRotation rotation;

	SigningKeyRotationScheduler(SigningKeyRotation rotation) {
		this.rotation = rotation;
	}

	@Scheduled(initialDelayString = "${baton.keys.rotation-check-interval:PT1H}",
			fixedDelayString = "${baton.keys.rotation-check-interval:PT1H}")
	void rotateIfDue() {
		try {
			this.rotation.rotateIfDue();
		}
		catch (RuntimeException ex) {
			logger.error("Scheduled signing key rotation failed; the current key keeps signing", ex);
		}
	}

}
