package dev.baton.auth.session;

import java.time.Instant;

/**
 * One session of the user, as the sessions page and API show it: a token family.
 *
 * @param id the family id (the {@code sid} of its access tokens)
 * @param device the user's device: the browser the sign-in happened in (its user agent
 * recorded when the code was issued), or, when there was none, the user agent of the
 * family's newest refresh token (the app's last refresh)
 * @param signInBrowser the browser the sign-in happened in, when it went through one of
 * Baton's pages
 * @param lastIp the IP of the family's last use
 * @param thisBrowser the sign-in started in the browser asking
 * @param current the access token asking belongs to this family
 */
public record AccountSession(String id, String clientId, String clientName, String device, String signInBrowser,
		String lastIp, Instant createdAt, Instant lastUsedAt, boolean thisBrowser, boolean current) {

}
