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

import dev.baton.auth.scheduling.JobLock.Lease;
import dev.baton.auth.testsupport.InMemoryDatabase;
import dev.baton.auth.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@link JdbcJobLock} instances on one database behave like two auth-server nodes.
 */
class JdbcJobLockTests {

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
	void tryAcquireWhenLockNeverTakenThenCreatesRowAndHoldsItWithTheFirstFencingToken() {
		Lease lease = this.nodeA.tryAcquire("cleanup", LEASE).orElseThrow();

		assertThat(lease.fencingToken()).isEqualTo(1);
		assertThat(lease.owner()).isEqualTo(this.nodeA.owner());
		assertThat(lockedBy("cleanup")).isEqualTo(this.nodeA.owner());
		assertThat(lockedUntil("cleanup")).isEqualTo(LocalDateTime.parse("2026-01-01T00:10:00"));
	}

	@Test
	void tryAcquireWhenAnotherNodeHoldsItThenEmptyWithoutError() {
		this.nodeA.tryAcquire("cleanup", LEASE);
		this.clock.advance(LEASE.minusSeconds(1));

		assertThat(this.nodeB.tryAcquire("cleanup", LEASE)).isEmpty();
		assertThat(lockedBy("cleanup")).isEqualTo(this.nodeA.owner());
	}

	@Test
	void tryAcquireWhenSameNodeHoldsItThenEmpty() {
		this.nodeA.tryAcquire("cleanup", LEASE);

		assertThat(this.nodeA.tryAcquire("cleanup", LEASE)).isEmpty();
	}

	@Test
	void tryAcquireWhenLeaseOfCrashedHolderEndedThenAnotherNodeTakesOverWithAHigherFencingToken() {
		Lease first = this.nodeA.tryAcquire("cleanup", LEASE).orElseThrow();
		this.clock.advance(LEASE);

		Lease second = this.nodeB.tryAcquire("cleanup", LEASE).orElseThrow();

		assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
		assertThat(lockedBy("cleanup")).isEqualTo(this.nodeB.owner());
		assertThat(this.nodeA.tryAcquire("cleanup", LEASE)).isEmpty();
	}

	@Test
	void tryAcquireWhenNamesDifferThenIndependent() {
		assertThat(this.nodeA.tryAcquire("cleanup", LEASE)).isPresent();
		assertThat(this.nodeB.tryAcquire("key-rotation", LEASE)).isPresent();
	}

	@Test
	void renewWhenStillHeldThenExtendsTheLeaseSoOthersCannotTakeItOver() {
		Lease lease = this.nodeA.tryAcquire("cleanup", LEASE).orElseThrow();
		this.clock.advance(LEASE.minusMinutes(1));

		Lease renewed = this.nodeA.renew(lease, LEASE).orElseThrow();

		assertThat(renewed.fencingToken()).isEqualTo(lease.fencingToken());
		assertThat(lockedUntil("cleanup")).isEqualTo(LocalDateTime.parse("2026-01-01T00:19:00"));
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(this.nodeB.tryAcquire("cleanup", LEASE)).as("past the first lease, within the renewed one")
			.isEmpty();
	}

	@Test
	void renewWhenLeaseEndedButNobodyTookItThenRenewed() {
		Lease lease = this.nodeA.tryAcquire("cleanup", LEASE).orElseThrow();
		this.clock.advance(LEASE.plusMinutes(1));

		assertThat(this.nodeA.renew(lease, LEASE)).isPresent();
		assertThat(this.nodeB.tryAcquire("cleanup", LEASE)).isEmpty();
	}

	@Test
	void renewWhenAnotherNodeTookTheLeaseOverThenEmptyAndNewHolderUntouched() {
		Lease stale = this.nodeA.tryAcquire("cleanup", LEASE).orElseThrow();
		this.clock.advance(LEASE);
		this.nodeB.tryAcquire("cleanup", LEASE).orElseThrow();

		assertThat(this.nodeA.renew(stale, LEASE)).isEmpty();

		assertThat(lockedBy("cleanup")).isEqualTo(this.nodeB.owner());
		assertThat(lockedUntil("cleanup")).isEqualTo(LocalDateTime.parse("2026-01-01T00:20:00"));
	}

	@Test
	void renewWhenSameOwnerHoldsANewerLeaseThenTheOlderLeaseIsFencedOff() {
		Lease older = this.nodeA.tryAcquire("cleanup", LEASE).orElseThrow();
		this.clock.advance(LEASE);
		Lease newer = this.nodeA.tryAcquire("cleanup", LEASE).orElseThrow();

		assertThat(this.nodeA.renew(older, LEASE)).isEmpty();
		assertThat(this.nodeA.renew(newer, LEASE)).isPresent();
	}

	@Test
	void releaseWhenKeepUntilNowThenAnotherNodeTakesItAtOnce() {
		Lease lease = this.nodeA.tryAcquire("cleanup", LEASE).orElseThrow();

		assertThat(this.nodeA.release(lease, this.clock.instant())).isTrue();

		assertThat(this.nodeB.tryAcquire("cleanup", LEASE)).isPresent();
	}

	@Test
	void releaseWhenKeepUntilLaterThenOthersWaitUntilThen() {
		Lease lease = this.nodeA.tryAcquire("cleanup", LEASE).orElseThrow();
		Instant keepUntil = this.clock.instant().plus(Duration.ofMinutes(5));

		this.nodeA.release(lease, keepUntil);

		this.clock.set(keepUntil.minusMillis(1));
		assertThat(this.nodeB.tryAcquire("cleanup", LEASE)).isEmpty();
		this.clock.set(keepUntil);
		assertThat(this.nodeB.tryAcquire("cleanup", LEASE)).isPresent();
	}

	@Test
	void releaseWhenLeaseAlreadyTakenOverThenFalseAndNewHolderLeftAlone() {
		Lease stale = this.nodeA.tryAcquire("cleanup", LEASE).orElseThrow();
		this.clock.advance(LEASE);
		this.nodeB.tryAcquire("cleanup", LEASE);

		assertThat(this.nodeA.release(stale, this.clock.instant())).isFalse();

		assertThat(lockedBy("cleanup")).isEqualTo(this.nodeB.owner());
		assertThat(lockedUntil("cleanup")).isEqualTo(LocalDateTime.parse("2026-01-01T00:20:00"));
	}

	@Test
	void tryAcquireWhenManyNodesRaceForANewLockThenExactlyOneWins() throws Exception {
		assertThat(winnersOfRace(8)).isEqualTo(1);
	}

	@Test
	void tryAcquireWhenManyNodesRaceForAnExpiredLockThenExactlyOneWins() throws Exception {
		this.nodeA.tryAcquire("cleanup", LEASE);
		this.clock.advance(LEASE.plusSeconds(1));
		assertThat(winnersOfRace(8)).isEqualTo(1);
	}

	/**
	 * Lets {@code nodes} nodes try to take the lock at the same moment; returns how many
	 * got it.
	 */
	private int winnersOfRace(int nodes) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(nodes);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Boolean>> results = new ArrayList<>();
			for (int i = 0; i < nodes; i++) {
				JdbcJobLock node = new JdbcJobLock(this.db.jdbc(), this.clock);
				results.add(executor.submit(() -> {
					start.await();
					return node.tryAcquire("cleanup", LEASE).isPresent();
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
