package dev.baton.auth.refresh;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Token families. */
public interface TokenFamilyRepository {

	void insert(TokenFamily family);

	Optional<TokenFamily> findById(String id);

	/**
	 * The username of the family's user, when the family exists, is neither revoked nor
	 * past its absolute expiry, and its user's account exists and is enabled: one
	 * statement, by primary keys.
	 */
	Optional<String> findLiveUsername(String id, Instant now);

	/**
	 * Revokes the family unless it is revoked already.
	 * @return whether this call revoked it (false when it was revoked before)
	 */
	boolean revoke(String id, Instant now, RevocationReason reason);

	/**
	 * Revokes every live family of the user, except {@code keepFamilyId} when given.
	 * @return the ids of the families this call revoked
	 */
	List<String> revokeAllOfSubject(String subject, String keepFamilyId, Instant now, RevocationReason reason);

	/**
	 * Revokes every live family of a client, whoever the user.
	 * @return the families this call revoked
	 */
	List<TokenFamily> revokeAllOfClient(String clientId, Instant now, RevocationReason reason);

	/** Deletes every family of the user with its refresh tokens (a deleted account). */
	int deleteAllOfSubject(String subject);

	/**
	 * Deletes families past their absolute expiry (their tokens go with them), at most
	 * {@code limit}.
	 */
	int deleteExpired(Instant now, int limit);

}
