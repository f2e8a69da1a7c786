package dev.baton.auth.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * Growing delays against guessing (OWASP ASVS V2.2.1): each key (a username from one
 * source, an IP, a client id) may fail a few times freely; from its threshold on, each
 * further attempt locks it for twice as long as the previous one, up to a ceiling. While
 * locked, attempts are refused without checking the password, so a guess made during a
 * lock tells nothing.
 * <p>
 * An attempt is counted <em>before</em> the secret is checked, by a conditional UPDATE on
 * the count just read (compare-and-set), and the count it reaches decides the lock it
 * sets. So any number of parallel attempts on any number of nodes get one ordinal each:
 * at most the threshold of them, never a burst at the moment a lock ends. A right secret
 * then takes its count back ({@link #refund}) or clears the key ({@link #reset}). The
 * counters live in the database: every node enforces the same lock.
 */
@Service
public class SignInThrottle {

	/**
	 * Compare-and-set rounds before an attempt on a hotly contended key is refused as
	 * locked (fails closed).
	 */
	static final int MAX_ROUNDS = 20;

	private final SignInThrottleRepository counters;

	private final SignInThrottleProperties properties;

	private final Clock clock;

	SignInThrottle(SignInThrottleRepository counters, SignInThrottleProperties properties, Clock clock) {
		this.counters = counters;
		this.properties = properties;
		this.clock = clock;
	}

	public SignInThrottleProperties properties() {
		return this.properties;
	}

	/** Until when the key is locked, if it is locked now. */
	public Optional<Instant> lockedUntil(ThrottleKey key) {
		Instant now = this.clock.instant();
		return this.counters.find(key).flatMap((count) -> lockedAt(count, now));
	}

	/**
	 * Counts an attempt against every key, in order, unless one of them is locked: then
	 * it is refused and the keys after the locked one are not counted.
	 */
	public Attempt attempt(List<ThrottleKey> keys) {
		for (ThrottleKey key : keys) {
			Optional<Instant> locked = count(key, true);
			if (locked.isPresent()) {
				return new Attempt.Locked(locked.get());
			}
		}
		return new Attempt.Allowed();
	}

	/** Counts one attempt against the key, locked or not (registration probes). */
	public void recordFailure(ThrottleKey key) {
		count(key, false);
	}

	/** Takes back the attempt counted for a request whose secret was right. */
	public void refund(ThrottleKey key) {
		this.counters.refund(key, threshold(key.kind()));
	}

	public void reset(ThrottleKey key) {
		this.counters.reset(key);
	}

	/**
	 * Lifts every lock of the username, from every IP and every browser (an
	 * administrator's unlock).
	 */
	public void unlockUsername(String username) {
		this.counters.resetUsername(username);
	}

	private Optional<Instant> count(ThrottleKey key, boolean refuseWhenLocked) {
		for (int round = 0; round < MAX_ROUNDS; round++) {
			Instant now = this.clock.instant();
			Optional<FailureCount> current = this.counters.find(key);
			if (refuseWhenLocked) {
				Optional<Instant> locked = current.flatMap((count) -> lockedAt(count, now));
				if (locked.isPresent()) {
					return locked;
				}
			}
			if (current.isEmpty()) {
				if (this.counters.insertFirst(key, now, lockAfter(key.kind(), 1, now))) {
					return Optional.empty();
				}
				continue;
			}
			FailureCount count = current.get();
			boolean fresh = count.lastFailureAt().isAfter(now.minus(this.properties.resetAfter()));
			int failures = fresh ? count.failures() + 1 : 1;
			if (this.counters.compareAndSet(key, count,
					new FailureCount(failures, now, lockAfter(key.kind(), failures, now)))) {
				return Optional.empty();
			}
		}
		return Optional.of(this.clock.instant().plus(this.properties.initialLock()));
	}

	private Optional<Instant> lockedAt(FailureCount count, Instant now) {
		boolean fresh = count.lastFailureAt().isAfter(now.minus(this.properties.resetAfter()));
		return Optional.ofNullable(count.lockedUntil()).filter((until) -> fresh && now.isBefore(until));
	}

	private Instant lockAfter(ThrottleKey.Kind kind, int failures, Instant now) {
		return lockFor(kind, failures).map(now::plus).orElse(null);
	}

	/**
	 * The lock after {@code failures} attempts: none below the threshold, then doubling
	 * up to the ceiling.
	 */
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
		return switch (kind) {
			case ACCOUNT -> this.properties.accountCeiling();
			case ACCOUNT_IP, ACCOUNT_BROWSER, SECOND_FACTOR -> this.properties.accountThreshold();
			case IP -> this.properties.ipThreshold();
			case REGISTRATION_IP -> this.properties.registrationIpThreshold();
			case REGISTRATIONS_IP -> this.properties.registrationsPerIp();
			case CLIENT -> this.properties.clientThreshold();
			case PASSWORD_RESET_ADDRESS -> this.properties.passwordResetsPerAddress();
			case PASSWORD_RESET_IP -> this.properties.passwordResetsPerIp();
		};
	}

	/** Whether an attempt may go on to check its secret. */
	public sealed interface Attempt {

		/** Counted; check the secret. */
		record Allowed() implements Attempt {
		}

		/** Refused without checking anything, until {@code until}. */
		record Locked(Instant until) implements Attempt {
		}

	}

}
