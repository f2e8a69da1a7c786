package dev.baton.auth.session;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;

import dev.baton.auth.crypto.TokenHash;

/** Which browser each sign-in started in. */
interface FamilyBrowserRepository {

	/** Records the browser of a sign-in; a second call for the same family keeps the first record. */
	void insertIfAbsent(String familyId, TokenHash browserHash, Instant now);

	/** Of the given families, those that started in the browser. */
	Set<String> findStartedIn(TokenHash browserHash, Collection<String> familyIds);

}
