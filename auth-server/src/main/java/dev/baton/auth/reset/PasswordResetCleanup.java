package dev.baton.auth.reset;

import java.time.Instant;

import dev.baton.auth.scheduling.CleanupTask;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Removes password-reset links once they have expired: they can never be used. */
@Component
@Order(61)
final class PasswordResetCleanup implements CleanupTask {

	private final JdbcPasswordResetRepository resets;

	PasswordResetCleanup(JdbcPasswordResetRepository resets) {
		this.resets = resets;
	}

	@Override
	public String name() {
		return "password-reset links";
	}

	@Override
	public int cleanUp(Instant now, int limit) {
		return this.resets.deleteExpired(now, limit);
	}

}
