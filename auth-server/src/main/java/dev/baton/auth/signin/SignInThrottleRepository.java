package dev.baton.auth.signin;

import java.time.Instant;
import java.util.Optional;

/** Failure counters shared by every node. */
interface SignInThrottleRepository {

	Optional<FailureCount> find(ThrottleKey key);

	/**
	 * Counts one more failure, restarting at 1 when the previous one is older than {@code resetBefore}; one atomic
	 * statement, so concurrent failures on several nodes are all counted.
	 */
	void recordFailure(ThrottleKey key, Instant now, Instant resetBefore);

	void reset(ThrottleKey key);

	/** Deletes counters whose last failure is older than {@code before}. */
	int deleteOlderThan(Instant before);

}
