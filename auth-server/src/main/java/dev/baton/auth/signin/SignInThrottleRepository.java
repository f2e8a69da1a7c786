package dev.baton.auth.signin;

import java.time.Instant;
import java.util.Optional;

/** Attempt counters shared by every node. */
interface SignInThrottleRepository {

	Optional<FailureCount> find(ThrottleKey key);

	/**
	 * Stores the first counted attempt of a key; false when another node stored one
	 * first.
	 */
	boolean insertFirst(ThrottleKey key, Instant now, Instant lockedUntil);

	/**
	 * Counts one more attempt if the counter is still {@code expected} (a conditional
	 * UPDATE checked by its row count): false when another request counted one in
	 * between, so the caller reads again.
	 */
	boolean compareAndSet(ThrottleKey key, FailureCount expected, FailureCount next);

	/**
	 * Takes back one counted attempt (a sign-in that turned out right); the lock it set
	 * goes too when the count falls below {@code threshold}.
	 */
	void refund(ThrottleKey key, int threshold);

	void reset(ThrottleKey key);

	/**
	 * Deletes every count of the username (as a whole, per IP, per browser): an
	 * administrator's unlock.
	 */
	int resetUsername(String username);

	/** Deletes counters whose last attempt is older than {@code before}. */
	int deleteOlderThan(Instant before);

}
