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

	private final KnownBrowsers knownBrowsers;

	SignInThrottleCleanup(SignInThrottleRepository counters, SignInThrottleProperties properties,
			KnownBrowsers knownBrowsers) {
		this.counters = counters;
		this.properties = properties;
		this.knownBrowsers = knownBrowsers;
	}

	/**
	 * Deletes the counters whose last failure is older than {@code reset-after} at {@code now}, and the known
	 * browsers not used for {@code known-browser-ttl}.
	 * @return how many counters it deleted
	 */
	public int deleteStale(Instant now) {
		this.knownBrowsers.deleteStale(now);
		return this.counters.deleteOlderThan(now.minus(this.properties.resetAfter()));
	}

}
