package dev.baton.auth.refresh;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.refresh.RefreshFixture.Started;
import dev.baton.auth.refresh.RotationOutcome.FamilyRevoked;
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
 * The races of rule 1: the lost race made deterministic (another request, in another
 * transaction as on another node, rotates the same token between this request's read and
 * its conditional UPDATE), and many identical requests at once. Assertions are on
 * outcomes and database state, never on timing.
 */
class RefreshTokenRotatorRaceTests {

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

	@Test
	void rotateWhenManyIdenticalRequestsAtOnceAndStrictThenOneRotatesAndFamilyRevoked() throws Exception {
		Started started = this.fixture.start(STRICT);

		List<RotationOutcome> outcomes = concurrently(8,
				() -> this.fixture.rotator.rotate(request(started.token(), STRICT)));

		assertThat(outcomes).filteredOn(Rotated.class::isInstance).hasSize(1);
		assertThat(outcomes).filteredOn((outcome) -> !(outcome instanceof Rotated))
			.allSatisfy((outcome) -> assertThat(outcome).isInstanceOfAny(ReuseDetected.class, FamilyRevoked.class));
		assertThat(this.fixture.family(started.family().id()).revokedReason())
			.isEqualTo(RevocationReason.REUSE_DETECTED);
		assertThat(this.fixture.tokenCount(started.family().id())).isEqualTo(2);
	}

	@Test
	void rotateWhenManyIdenticalRequestsAtOnceWithinGraceThenAllGetTheSameSuccessor() throws Exception {
		Started started = this.fixture.start(GRACE);

		List<RotationOutcome> outcomes = concurrently(8,
				() -> this.fixture.rotator.rotate(request(started.token(), GRACE)));

		assertThat(outcomes).filteredOn(Rotated.class::isInstance).hasSize(1);
		assertThat(outcomes).extracting(RefreshTokenRotatorRaceTests::successorValue)
			.containsOnly(
					successorValue(outcomes.stream().filter(Rotated.class::isInstance).findFirst().orElseThrow()));
		assertThat(this.fixture.family(started.family().id()).isRevoked()).isFalse();
		assertThat(this.fixture.tokenCount(started.family().id())).isEqualTo(2);
	}

	private static String successorValue(RotationOutcome outcome) {
		if (outcome instanceof Rotated rotated) {
			return rotated.successor().value();
		}
		if (outcome instanceof RetriedWithinGrace retried) {
			return retried.successor().value();
		}
		return outcome.getClass().getSimpleName();
	}

	private static List<RotationOutcome> concurrently(int requests, Callable<RotationOutcome> rotation)
			throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(requests);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<RotationOutcome>> futures = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				futures.add(executor.submit(() -> {
					start.await();
					return rotation.call();
				}));
			}
			start.countDown();
			List<RotationOutcome> outcomes = new ArrayList<>();
			for (Future<RotationOutcome> future : futures) {
				outcomes.add(future.get(60, TimeUnit.SECONDS));
			}
			return outcomes;
		}
		finally {
			executor.shutdownNow();
		}
	}

	/**
	 * Runs the pending interleaving in another thread, to its commit, right before this
	 * thread's UPDATE.
	 */
	private final class InterleavingRepository extends JdbcRefreshTokenRepository {

		private InterleavingRepository(JdbcTemplate jdbc) {
			super(jdbc);
		}

		@Override
		public boolean consume(TokenHash hash, Instant now, byte[] successorCiphertext, Instant successorExpiresAt) {
			Runnable other = RefreshTokenRotatorRaceTests.this.beforeConsume.getAndSet(null);
			if (other != null) {
				CompletableFuture.runAsync(other).join();
			}
			return super.consume(hash, now, successorCiphertext, successorExpiresAt);
		}

	}

}
