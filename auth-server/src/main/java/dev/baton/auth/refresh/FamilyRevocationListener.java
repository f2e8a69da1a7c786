package dev.baton.auth.refresh;

/**
 * Told of every token family that {@link TokenFamilyService} revokes, inside the revoking
 * transaction, so that what it writes commits or rolls back with the revocation (the
 * back-channel logout outbox).
 */
@FunctionalInterface
public interface FamilyRevocationListener {

	/** Does nothing. */
	FamilyRevocationListener NONE = (family, reason) -> {
	};

	/**
	 * A family was revoked by this transaction.
	 * @param family the family as it was before the revocation
	 */
	void revoked(TokenFamily family, RevocationReason reason);

}
