package dev.baton.auth.signin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.baton.auth.testsupport.InMemoryDatabase;
import dev.baton.auth.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SignInThrottle} on the real table (H2 in MySQL mode), with a clock the test
 * moves.
 */
class SignInThrottleTests {

	private final InMemoryDatabase db = InMemoryDatabase.migrated();

	private final MutableClock clock = MutableClock.startingAtNewYear();

	private final SignInThrottle throttle = TestSignInThrottles.throttle(this.db.jdbc(), this.clock);

	@AfterEach
	void shutdown() {
		this.db.shutdown();
	}

	@Test
	void attemptWhenBelowThresholdThenAllowedAndNotLocked() {
		ThrottleKey key = ThrottleKey.accountFromIp("alice", "192.0.2.1");
		for (int i = 0; i < 4; i++) {
			assertThat(this.throttle.attempt(List.of(key))).isInstanceOf(SignInThrottle.Attempt.Allowed.class);
		}
		assertThat(this.throttle.lockedUntil(key)).isEmpty();
	}

	@Test
	void attemptWhenThresholdReachedThenLockedForInitialLockWithoutCounting() {
		ThrottleKey key = ThrottleKey.accountFromIp("alice", "192.0.2.1");
		Instant now = this.clock.instant();
		for (int i = 0; i < 5; i++) {
			this.throttle.attempt(List.of(key));
		}

		assertThat(this.throttle.attempt(List.of(key)))
			.isEqualTo(new SignInThrottle.Attempt.Locked(now.plusSeconds(30)));
		this.clock.advance(Duration.ofSeconds(29));
		assertThat(this.throttle.lockedUntil(key)).isPresent();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.throttle.lockedUntil(key)).isEmpty();
		// the sixth attempt is counted and locks for twice as long
		assertThat(this.throttle.attempt(List.of(key))).isInstanceOf(SignInThrottle.Attempt.Allowed.class);
		assertThat(this.throttle.lockedUntil(key)).contains(this.clock.instant().plus(Duration.ofMinutes(1)));
	}

	@Test
	void lockForWhenMoreFailuresThenDoublesUpToMaximum() {
		assertThat(this.throttle.lockFor(ThrottleKey.Kind.ACCOUNT_IP, 6)).contains(Duration.ofMinutes(1));
		assertThat(this.throttle.lockFor(ThrottleKey.Kind.ACCOUNT_IP, 7)).contains(Duration.ofMinutes(2));
		assertThat(this.throttle.lockFor(ThrottleKey.Kind.ACCOUNT_IP, 10)).contains(Duration.ofMinutes(15));
		assertThat(this.throttle.lockFor(ThrottleKey.Kind.ACCOUNT_IP, 1000)).contains(Duration.ofMinutes(15));
		assertThat(this.throttle.lockFor(ThrottleKey.Kind.ACCOUNT, 19)).isEmpty();
		assertThat(this.throttle.lockFor(ThrottleKey.Kind.ACCOUNT, 20)).contains(Duration.ofSeconds(30));
		assertThat(this.throttle.lockFor(ThrottleKey.Kind.IP, 20)).contains(Duration.ofSeconds(30));
		assertThat(this.throttle.lockFor(ThrottleKey.Kind.REGISTRATION_IP, 10)).contains(Duration.ofSeconds(30));
		assertThat(this.throttle.lockFor(ThrottleKey.Kind.REGISTRATIONS_IP, 5)).contains(Duration.ofSeconds(30));
		assertThat(this.throttle.lockFor(ThrottleKey.Kind.CLIENT, 10)).contains(Duration.ofSeconds(30));
	}

	@Test
	void attemptWhenLastOlderThanResetAfterThenCountStartsOver() {
		ThrottleKey key = ThrottleKey.ip("192.0.2.1");
		for (int i = 0; i < 25; i++) {
			this.throttle.recordFailure(key);
		}
		this.clock.advance(Duration.ofHours(2));

		assertThat(this.throttle.attempt(List.of(key))).isInstanceOf(SignInThrottle.Attempt.Allowed.class);
		assertThat(this.db.jdbc()
			.queryForObject("SELECT failure_count FROM sign_in_throttle WHERE throttle_key = ?", Integer.class,
					"ip:192.0.2.1"))
			.isEqualTo(1);
	}

	@Test
	void refundWhenBelowThresholdAgainThenUnlocked() {
		ThrottleKey key = ThrottleKey.account("bob");
		for (int i = 0; i < 20; i++) {
			this.throttle.attempt(List.of(key));
		}
		assertThat(this.throttle.lockedUntil(key)).isPresent();

		this.throttle.refund(key);

		assertThat(this.throttle.lockedUntil(key)).isEmpty();
	}

	@Test
	void resetWhenCalledThenKeyUnlocked() {
		ThrottleKey key = ThrottleKey.accountFromIp("bob", "192.0.2.7");
		for (int i = 0; i < 8; i++) {
			this.throttle.recordFailure(key);
		}
		this.throttle.reset(key);
		assertThat(this.throttle.lockedUntil(key)).isEmpty();
	}

	/**
	 * Compare-and-set: parallel attempts each get one ordinal, so no more than the
	 * threshold get through.
	 */
	@Test
	void attemptWhenManyInParallelThenOnlyThresholdAllowed() throws Exception {
		ThrottleKey key = ThrottleKey.client("demo-service");
		ExecutorService pool = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<SignInThrottle.Attempt>> attempts = new java.util.ArrayList<>();
			for (int i = 0; i < 40; i++) {
				attempts.add(pool.submit(() -> {
					start.await();
					return this.throttle.attempt(List.of(key));
				}));
			}
			start.countDown();
			int allowed = 0;
			for (Future<SignInThrottle.Attempt> attempt : attempts) {
				if (attempt.get() instanceof SignInThrottle.Attempt.Allowed) {
					allowed++;
				}
			}
			assertThat(allowed).isEqualTo(10);
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * The client-secret figure of docs/SECURITY.md: guesses that get checked, one attempt
	 * a second.
	 */
	@Test
	void attemptWhenClientSecretGuessedEverySecondThenBoundedGuessesPerHour() {
		ThrottleKey key = ThrottleKey.client("demo-service");
		int[] perHour = new int[24];
		for (int second = 0; second < 24 * 3600; second++) {
			// as ThrottlingClientSecretAuthenticationProvider: refused while locked, else
			// checked and counted
			if (this.throttle.lockedUntil(key).isEmpty()) {
				perHour[second / 3600]++;
				this.throttle.recordFailure(key);
			}
			this.clock.advance(Duration.ofSeconds(1));
		}
		int total = java.util.Arrays.stream(perHour).sum();
		System.out.printf("Client-secret budget, 1 guess/s: first hour %d, second hour %d, 24 h %d%n", perHour[0],
				perHour[1], total);
		assertThat(perHour[0]).isLessThanOrEqualTo(20);
		assertThat(perHour[1]).isLessThanOrEqualTo(5);
		assertThat(total).isLessThanOrEqualTo(115);
	}

	@Test
	void throttleKeyWhenUsernameDiffersInCaseThenSameKey() {
		assertThat(ThrottleKey.account(" Alice ").stored()).isEqualTo(ThrottleKey.account("alice").stored())
			.isEqualTo("account:alice");
		assertThat(ThrottleKey.account("x".repeat(500)).stored()).hasSize(200);
	}

}
