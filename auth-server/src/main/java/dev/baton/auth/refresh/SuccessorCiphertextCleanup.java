package dev.baton.auth.refresh;

import java.time.Instant;

import dev.baton.auth.scheduling.CleanupTask;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Erases the encrypted successors of consumed refresh tokens once they can no longer be
 * handed out again (DESIGN rule 3: kept only for the window): past the grace window of a
 * delivered successor, past the recovery window of an unconfirmed one.
 */
@Component
@Order(10)
final class SuccessorCiphertextCleanup implements CleanupTask {

	private final RefreshTokenRepository tokens;

	SuccessorCiphertextCleanup(RefreshTokenRepository tokens) {
		this.tokens = tokens;
	}

	@Override
	public String name() {
		return "expired successor ciphertexts";
	}

	@Override
	public int cleanUp(Instant now, int limit) {
		return this.tokens.eraseExpiredSuccessors(now);
	}

}
