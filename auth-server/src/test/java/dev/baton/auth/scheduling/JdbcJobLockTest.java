package dev.baton.auth.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.baton.auth.support.InMemoryDatabase;
import dev.baton.auth.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Two {@link JdbcJobLock} instances on one database behave like two auth-server nodes. */
class JdbcJobLockTest {

	private static final Duration LEASE = Duration.ofMinutes(10);

	private final InMemoryDatabase db = InMemoryDatabase.migrated();

	private final MutableClock clock = MutableClock.startingAtNewYear();

	private final JdbcJobLock nodeA = new JdbcJobLock(this.db.jdbc(), this.clock);

	private final JdbcJobLock nodeB = new JdbcJobLock(this.db.jdbc(), this.clock);

	@AfterEach
	void shutdown() {
		this.db.shutdown();
	}

	@Test
	void tryLockWhenLockNeverTakenThenCreatesRowAndHoldsIt() {
		assertThat(this.nodeA.tryLock("cleanup", LEASE)).isTrue();

		assertThat(lockedBy("cleanup")).isEqualTo(this.nodeA.owner());
		assertThat(lockedUntil("cleanup")).isEqualTo(LocalDateTime.parse("2026-01-01T00:10:00"));
	}

	@Test
	void tryLockWhenAnotherNodeHoldsItThenFalse() {
		this.nodeA.tryLock("cleanup", LEASE);
		this.clock.advance(LEASE.minusSeconds(1));

		assertThat(this.nodeB.tryLock("cleanup", LEASE)).isFalse();
		assertThat(lockedBy("cleanup")).isEqualTo(this.nodeA.owner());
	}

	@Test
	void tryLockWhenSameNodeHoldsItThenFalse() {
		this.nodeA.tryLock("cleanup", LEASE);

		assertThat(this.nodeA.tryLock("cleanup", LEASE)).isFalse();
	}

	@Test
	void tryLockWhenLeaseOfCrashedHolderEndedThenAnotherNodeTakesOver() {
		this.nodeA.tryLock("cleanup", LEASE);
		this.clock.advance(LEASE);

		assertThat(this.nodeB.tryLock("cleanup", LEASE)).isTrue();
		assertThat(lockedBy("cleanup")).isEqualTo(this.nodeB.owner());
		assertThat(this.nodeA.tryLock("cleanup", LEASE)).isFalse();
	}

	@Test
	void tryLockWhenNamesDifferThenIndependent() {
		assertThat(this.nodeA.tryLock("cleanup", LEASE)).isTrue();
		assertThat(this.nodeB.tryLock("key-rotation", LEASE)).isTrue();
	}

	@Test
	void unlockWhenKeepUntilNowThenAnotherNodeTakesItAtOnce() {
		this.nodeA.tryLock("cleanup", LEASE);

		this.nodeA.unlock("cleanup", this.clock.instant());

		assertThat(this.nodeB.tryLock("cleanup", LEASE)).isTrue();
	}

	@Test
	void unlockWhenKeepUntilLaterThenOthersWaitUntilThen() {
		this.nodeA.tryLock("cleanup", LEASE);
		Instant keepUntil = this.clock.instant().plus(Duration.ofMinutes(5));

		this.nodeA.unlock("cleanup", keepUntil);

		this.clock.set(keepUntil.minusMillis(1));
		assertThat(this.nodeB.tryLock("cleanup", LEASE)).isFalse();
		this.clock.set(keepUntil);
		assertThat(this.nodeB.tryLock("cleanup", LEASE)).isTrue();
	}

	@Test
	void unlockWhenLeaseAlreadyTakenOverThenLeavesNewHolderAlone() {
		this.nodeA.tryLock("cleanup", LEASE);
		this.clock.advance(LEASE);
		this.nodeB.tryLock("cleanup", LEASE);

		this.nodeA.unlock("cleanup", this.clock.instant());

		assertThat(lockedBy("cleanup")).isEqualTo(this.nodeB.owner());
		assertThat(lockedUntil("cleanup")).isEqualTo(LocalDateTime.parse("2026-01-01T00:20:00"));
	}

	@Test
	void tryLockWhenManyNodesRaceForANewLockThenExactlyOneWins() throws Exception {
		assertThat(winnersOfRace(8)).isEqualTo(1);
	}

	@Test
	void tryLockWhenManyNodesRaceForAnExpiredLockThenExactlyOneWins() throws Exception {
		this.nodeA.tryLock("cleanup", LEASE);
		this.clock.advance(LEASE.plusSeconds(1));
		assertThat(winnersOfRace(8)).isEqualTo(1);
	}

	/** Lets {@code nodes} nodes try to take the lock at the same moment; returns how many got it. */
	private int winnersOfRace(int nodes) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(nodes);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Boolean>> results = new ArrayList<>();
			for (int i = 0; i < nodes; i++) {
				JdbcJobLock node = new JdbcJobLock(this.db.jdbc(), this.clock);
				results.add(executor.submit(() -> {
					start.await();
					return node.tryLock("cleanup", LEASE);
				}));
			}
			start.countDown();
			int winners = 0;
			for (Future<Boolean> result : results) {
				winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
			}
			return winners;
		}
		finally {
			executor.shutdown();
		}
	}

	private String lockedBy(String name) {
		return this.db.jdbc().queryForObject("SELECT locked_by FROM job_lock WHERE name = ?", String.class, name);
	}

	private LocalDateTime lockedUntil(String name) {
		return this.db.jdbc()
			.queryForObject("SELECT locked_until FROM job_lock WHERE name = ?", LocalDateTime.class, name);
	}

}
