package dev.baton.auth.signin;

import java.time.Instant;

import dev.baton.auth.crypto.TokenHash;

/** The browsers each user signed in with successfully ({@code sign_in_known_browser}). */
interface KnownBrowserRepository {

	/** Whether the user signed in with this browser at {@code since} or later. */
	boolean isKnown(String username, TokenHash browser, Instant since);

	/** Records (or refreshes) a successful sign-in of the user with this browser. */
	void remember(String username, TokenHash browser, Instant now);

	int deleteOlderThan(Instant before);

}
