package dev.baton.auth.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignInThrottleTests {

	private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

	private final SignInThrottleProperties properties = new SignInThrottleProperties(5, 20, 10,
			Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(1));

	private final InMemoryCounters counters = new InMemoryCounters();

	private SignInThrottle throttleAt(Instant now) {
		return new SignInThrottle(this.counters, this.properties, Clock.fixed(now, ZoneOffset.UTC));
	}

	@Test
	void lockedUntilWhenBelowThresholdThenNotLocked() {
		ThrottleKey key = ThrottleKey.account("alice");
		for (int i = 0; i < 4; i++) {
			throttleAt(NOW).recordFailure(key);
		}
		assertThat(throttleAt(NOW).lockedUntil(key)).isEmpty();
	}

	@Test
	void lockedUntilWhenThresholdReachedThenLockedForInitialLock() {
		ThrottleKey key = ThrottleKey.account("alice");
		for (int i = 0; i < 5; i++) {
			throttleAt(NOW).recordFailure(key);
		}
		assertThat(throttleAt(NOW).lockedUntil(key)).contains(NOW.plusSeconds(30));
		assertThat(throttleAt(NOW.plusSeconds(29)).lockedUntil(key)).isPresent();
		assertThat(throttleAt(NOW.plusSeconds(30)).lockedUntil(key)).isEmpty();
	}

	@Test
	void lockForWhenMoreFailuresThenDoublesUpToMaximum() {
		SignInThrottle throttle = throttleAt(NOW);
		assertThat(throttle.lockFor(ThrottleKey.Kind.ACCOUNT, 6)).contains(Duration.ofMinutes(1));
		assertThat(throttle.lockFor(ThrottleKey.Kind.ACCOUNT, 7)).contains(Duration.ofMinutes(2));
		assertThat(throttle.lockFor(ThrottleKey.Kind.ACCOUNT, 10)).contains(Duration.ofMinutes(15));
		assertThat(throttle.lockFor(ThrottleKey.Kind.ACCOUNT, 1000)).contains(Duration.ofMinutes(15));
		assertThat(throttle.lockFor(ThrottleKey.Kind.IP, 19)).isEmpty();
		assertThat(throttle.lockFor(ThrottleKey.Kind.IP, 20)).contains(Duration.ofSeconds(30));
		assertThat(throttle.lockFor(ThrottleKey.Kind.REGISTRATION_IP, 10)).contains(Duration.ofSeconds(30));
	}

	@Test
	void recordFailureWhenLastFailureOlderThanResetThenCountStartsOver() {
		ThrottleKey key = ThrottleKey.ip("192.0.2.1");
		for (int i = 0; i < 25; i++) {
			throttleAt(NOW).recordFailure(key);
		}
		Instant later = NOW.plus(Duration.ofHours(2));
		throttleAt(later).recordFailure(key);
		assertThat(this.counters.find(key)).map(FailureCount::failures).contains(1);
		assertThat(throttleAt(later).lockedUntil(key)).isEmpty();
	}

	@Test
	void resetWhenCalledThenKeyUnlocked() {
		ThrottleKey key = ThrottleKey.account("bob");
		for (int i = 0; i < 8; i++) {
			throttleAt(NOW).recordFailure(key);
		}
		throttleAt(NOW).reset(key);
		assertThat(throttleAt(NOW).lockedUntil(key)).isEmpty();
	}

	@Test
	void throttleKeyWhenUsernameDiffersInCaseThenSameKey() {
		assertThat(ThrottleKey.account(" Alice ").stored()).isEqualTo(ThrottleKey.account("alice").stored())
			.isEqualTo("account:alice");
		assertThat(ThrottleKey.account("x".repeat(500)).stored()).hasSize(200);
	}

	/** The repository contract, as the JDBC one implements it in one UPDATE. */
	private static final class InMemoryCounters implements SignInThrottleRepository {

		private final Map<String, FailureCount> counts = new HashMap<>();

		@Override
		public Optional<FailureCount> find(ThrottleKey key) {
			return Optional.ofNullable(this.counts.get(key.stored()));
		}

		@Override
		public void recordFailure(ThrottleKey key, Instant now, Instant resetBefore) {
			FailureCount previous = this.counts.get(key.stored());
			int failures = (previous == null || previous.lastFailureAt().isBefore(resetBefore)) ? 1
					: previous.failures() + 1;
			this.counts.put(key.stored(), new FailureCount(failures, now));
		}

		@Override
		public void reset(ThrottleKey key) {
			this.counts.remove(key.stored());
		}

		@Override
		public int deleteOlderThan(Instant before) {
			return 0;
		}

	}

}
