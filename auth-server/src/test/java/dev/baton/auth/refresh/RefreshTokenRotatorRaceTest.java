package dev.baton.auth.refresh;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.refresh.RefreshFixture.Started;
import dev.baton.auth.refresh.RotationOutcome.RetriedWithinGrace;
import dev.baton.auth.refresh.RotationOutcome.ReuseDetected;
import dev.baton.auth.refresh.RotationOutcome.Rotated;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static dev.baton.auth.refresh.RefreshFixture.GRACE;
import static dev.baton.auth.refresh.RefreshFixture.STRICT;
import static dev.baton.auth.refresh.RefreshFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lost race of rule 1, made deterministic: another request (another transaction, as on another node)
 * rotates the same token between this request's read and its conditional UPDATE.
 */
class RefreshTokenRotatorRaceTest {

	private final AtomicReference<Runnable> beforeConsume = new AtomicReference<>();

	private final RefreshFixture fixture = new RefreshFixture(InterleavingRepository::new);

	@AfterEach
	void shutdown() {
		this.fixture.db.shutdown();
	}

	@Test
	void rotateWhenConcurrentRequestWinsAndStrictThenLoserDetectsReuse() {
		Started started = this.fixture.start(STRICT);
		AtomicReference<RotationOutcome> winner = new AtomicReference<>();
		this.beforeConsume.set(() -> winner.set(this.fixture.rotator.rotate(request(started.token(), STRICT))));

		RotationOutcome loser = this.fixture.rotator.rotate(request(started.token(), STRICT));

		assertThat(winner.get()).isInstanceOf(Rotated.class);
		assertThat(loser).isInstanceOf(ReuseDetected.class);
		assertThat(this.fixture.family(started.family().id()).revokedReason())
			.isEqualTo(RevocationReason.REUSE_DETECTED);
		assertThat(this.fixture.tokenCount(started.family().id())).isEqualTo(2);
	}

	@Test
	void rotateWhenConcurrentRequestWinsWithinGraceThenLoserGetsWinnersSuccessor() {
		Started started = this.fixture.start(GRACE);
		AtomicReference<RotationOutcome> winner = new AtomicReference<>();
		this.beforeConsume.set(() -> winner.set(this.fixture.rotator.rotate(request(started.token(), GRACE))));

		RotationOutcome loser = this.fixture.rotator.rotate(request(started.token(), GRACE));

		assertThat(winner.get()).isInstanceOf(Rotated.class);
		assertThat(loser).isInstanceOf(RetriedWithinGrace.class);
		assertThat(((RetriedWithinGrace) loser).successor().value())
			.isEqualTo(((Rotated) winner.get()).successor().value());
		assertThat(this.fixture.family(started.family().id()).isRevoked()).isFalse();
		assertThat(this.fixture.tokenCount(started.family().id())).isEqualTo(2);
	}

	/** Runs the pending interleaving in another thread, to its commit, right before this thread's UPDATE. */
	private final class InterleavingRepository extends JdbcRefreshTokenRepository {

		private InterleavingRepository(JdbcTemplate jdbc) {
			super(jdbc);
		}

		@Override
		public boolean consume(TokenHash hash, Instant now, byte[] successorCiphertext, Instant successorExpiresAt) {
			Runnable other = RefreshTokenRotatorRaceTest.this.beforeConsume.getAndSet(null);
			if (other != null) {
				CompletableFuture.runAsync(other).join();
			}
			return super.consume(hash, now, successorCiphertext, successorExpiresAt);
		}

	}

}
