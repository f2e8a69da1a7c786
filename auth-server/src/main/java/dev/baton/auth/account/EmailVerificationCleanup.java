package dev.baton.auth.account;

import java.time.Instant;

import dev.baton.auth.scheduling.CleanupTask;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Removes verification links once they have expired: they can never be used. */
@Component
@Order(60)
final class EmailVerificationCleanup implements CleanupTask {

	private final JdbcEmailVerificationRepository verifications;

	EmailVerificationCleanup(JdbcEmailVerificationRepository verifications) {
		this.verifications = verifications;
	}

	@Override
	public String name() {
		return "e-mail verification links";
	}

	@Override
	public int cleanUp(Instant now, int limit) {
		return this.verifications.deleteExpired(now, limit);
	}

}
