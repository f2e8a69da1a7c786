package dev.baton.auth.signin;

import java.time.Instant;

import dev.baton.auth.scheduling.CleanupTask;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Removes sign-in throttle counters that no longer lock anything. A counter whose last
 * failure is older than {@code reset-after} starts over at the next failure and locks
 * nothing meanwhile ({@link SignInThrottle}), so deleting it changes no answer. One
 * statement, not batched: the counters are few.
 */
@Component
@Order(50)
public final class SignInThrottleCleanup implements CleanupTask {

	private final SignInThrottleRepository counters;

	private final SignInThrottleProperties properties;

	private final KnownBrowsers knownBrowsers;

	SignInThrottleCleanup(SignInThrottleRepository counters, SignInThrottleProperties properties,
			KnownBrowsers knownBrowsers) {
		this.counters = counters;
		this.properties = properties;
		this.knownBrowsers = knownBrowsers;
	}

	@Override
	public String name() {
		return "sign-in throttle counters";
	}

	@Override
	public int cleanUp(Instant now, int limit) {
		this.knownBrowsers.deleteStale(now);
		return this.counters.deleteOlderThan(now.minus(this.properties.resetAfter()));
	}

}
