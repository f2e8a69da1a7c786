package dev.baton.auth.signin;

import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * The scheduled cleanup's way into the {@code sign_in_throttle} table: removes counters that no longer lock
 * anything. A counter whose last failure is older than {@code reset-after} starts over at the next failure and
 * locks nothing meanwhile ({@link SignInThrottle}), so deleting it changes no answer.
 */
@Component
public class SignInThrottleCleanup {

	private final SignInThrottleRepository counters;

	private final SignInThrottleProperties properties;

	SignInThrottleCleanup(SignInThrottleRepository counters, SignInThrottleProperties properties) {
		this.counters = counters;
		this.properties = properties;
	}

	/**
	 * Deletes the counters whose last failure is older than {@code reset-after} at {@code now}.
	 * @return how many it deleted
	 */
	public int deleteStale(Instant now) {
		return this.counters.deleteOlderThan(now.minus(this.properties.resetAfter()));
	}

}
