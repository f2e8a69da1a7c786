package dev.baton.auth.signin;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.baton.auth.crypto.TokenHash;

import org.springframework.stereotype.Component;

/**
 * The browsers a user signed in with before (by the SHA-256 of their random
 * {@code BATON_BROWSER} cookie): a failed sign-in from one of them is counted against
 * that browser only, so a flood of wrong passwords from elsewhere cannot lock the owner
 * out of the browsers they use (issue 13 item 2). A thief would need the cookie, which is
 * HttpOnly, 256 bits and never stored in the clear, and would still get only that
 * browser's few tries.
 */
@Component
public class KnownBrowsers {

	private final KnownBrowserRepository browsers;

	private final SignInThrottleProperties properties;

	private final Clock clock;

	KnownBrowsers(KnownBrowserRepository browsers, SignInThrottleProperties properties, Clock clock) {
		this.browsers = browsers;
		this.properties = properties;
		this.clock = clock;
	}

	/** Whether the user signed in with this browser within {@code known-browser-ttl}. */
	public boolean isKnown(String username, Optional<TokenHash> browser) {
		Instant since = this.clock.instant().minus(this.properties.knownBrowserTtl());
		return browser.isPresent() && this.browsers.isKnown(username, browser.get(), since);
	}

	public void remember(String username, Optional<TokenHash> browser) {
		browser.ifPresent((hash) -> this.browsers.remember(username, hash, this.clock.instant()));
	}

	int deleteStale(Instant now) {
		return this.browsers.deleteOlderThan(now.minus(this.properties.knownBrowserTtl()));
	}

}
