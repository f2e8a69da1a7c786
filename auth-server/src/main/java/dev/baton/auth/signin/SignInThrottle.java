package dev.baton.auth.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * Growing delays against password guessing (OWASP ASVS V2.2.1): each key (a username, an IP) may fail a few times
 * freely; from its threshold on, each further failure locks it for twice as long as the previous one, up to a
 * ceiling. While locked, attempts are refused without checking the password, so a guess made during a lock tells
 * nothing. The counters live in the database: every node enforces the same lock.
 */
@Service
public class SignInThrottle {

	private final SignInThrottleRepository counters;

	private final SignInThrottleProperties properties;

	private final Clock clock;

	SignInThrottle(SignInThrottleRepository counters, SignInThrottleProperties properties, Clock clock) {
		this.counters = counters;
		this.properties = properties;
		this.clock = clock;
	}

	/** Until when the key is locked, if it is locked now. */
	public Optional<Instant> lockedUntil(ThrottleKey key) {
		Instant now = this.clock.instant();
		return this.counters.find(key)
			.filter((count) -> count.lastFailureAt().isAfter(now.minus(this.properties.resetAfter())))
			.flatMap((count) -> lockFor(key.kind(), count.failures()).map(count.lastFailureAt()::plus))
			.filter(now::isBefore);
	}

	public void recordFailure(ThrottleKey key) {
		Instant now = this.clock.instant();
		this.counters.recordFailure(key, now, now.minus(this.properties.resetAfter()));
	}

	public void reset(ThrottleKey key) {
		this.counters.reset(key);
	}

	/** The lock after {@code failures} failures: none below the threshold, then doubling up to the ceiling. */
	Optional<Duration> lockFor(ThrottleKey.Kind kind, int failures) {
		int threshold = threshold(kind);
		if (failures < threshold) {
			return Optional.empty();
		}
		int doublings = Math.min(failures - threshold, 20);
		Duration lock = this.properties.initialLock().multipliedBy(1L << doublings);
		return Optional.of((lock.compareTo(this.properties.maxLock()) > 0) ? this.properties.maxLock() : lock);
	}

	private int threshold(ThrottleKey.Kind kind) {
		switch (kind) {
			case ACCOUNT:
				return this.properties.accountThreshold();
			case IP:
				return this.properties.ipThreshold();
			default:
				return this.properties.registrationIpThreshold();
		}
	}

}
