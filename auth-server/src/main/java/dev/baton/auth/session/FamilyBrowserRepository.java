package dev.baton.auth.session;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

import dev.baton.auth.crypto.TokenHash;

/** Which browser each sign-in started in. */
interface FamilyBrowserRepository {

	/**
	 * Records the browser of a sign-in; a second call for the same family keeps the first
	 * record.
	 */
	void insertIfAbsent(String familyId, TokenHash browserHash, String userAgent, Instant now);

	/** Of the given families, those that started in the browser. */
	Set<String> findStartedIn(TokenHash browserHash, Collection<String> familyIds);

	/**
	 * The user agent of the browser each of the given families started in, where known.
	 */
	Map<String, String> findUserAgents(Collection<String> familyIds);

	/**
	 * Deletes at most {@code limit} rows created before {@code createdBefore} whose token
	 * family does not exist.
	 */
	int deleteOrphaned(Instant createdBefore, int limit);

}
