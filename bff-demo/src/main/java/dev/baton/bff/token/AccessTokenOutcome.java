package dev.baton.bff.token;

/** What {@link SessionAccessTokens#accessToken} found for a session. */
public sealed interface AccessTokenOutcome {

	/** A usable access token (refreshed first when it was about to expire). */
	record Current(String value) implements AccessTokenOutcome {
	}

	/**
	 * The session holds no tokens (any more): never signed in, or Baton refused the
	 * refresh token ({@code invalid_grant}: the sign-in ended at Baton), and the tokens
	 * were dropped. The session must sign in again.
	 */
	record SignedOut() implements AccessTokenOutcome {
	}

	/**
	 * The refresh did not happen for a passing reason (Baton unreachable or answering
	 * {@code temporarily_unavailable}); the session keeps its tokens and may try again.
	 *
	 * @param errorCode the OAuth error code of the failure
	 */
	record Unavailable(String errorCode) implements AccessTokenOutcome {
	}

}
