package dev.baton.auth.keys;

import java.time.Duration;
import java.util.Optional;

import dev.baton.auth.scheduling.JobContext;
import dev.baton.auth.scheduling.ScheduledJob;

import org.springframework.stereotype.Component;

/**
 * Checks every {@code baton.keys.rotation-check-interval} whether the key is due for
 * rotation ({@code baton.keys.rotation-period}), on one node at a time. The lock only
 * saves work: whether a period is due, and which node rotates, is decided in the database
 * by {@link SigningKeyRotation}, so a rotation happens once per period even if two nodes
 * checked at once.
 */
@Component
class SigningKeyRotationJob implements ScheduledJob<Optional<KeyRotationOutcome>> {

	static final String LOCK_NAME = "signing-key-rotation";

	private final SigningKeyRotation rotation;

	private final SigningKeyProperties properties;

	SigningKeyRotationJob(SigningKeyRotation rotation, SigningKeyProperties properties) {
		this.rotation = rotation;
		this.properties = properties;
	}

	@Override
	public String name() {
		return LOCK_NAME;
	}

	@Override
	public Duration interval() {
		return this.properties.rotationCheckInterval();
	}

	@Override
	public Duration initialDelay() {
		return this.properties.rotationCheckInterval();
	}

	@Override
	public Optional<KeyRotationOutcome> run(JobContext context) {
		return this.rotation.rotateIfDue();
	}

}
