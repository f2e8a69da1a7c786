package dev.baton.auth.client;

import dev.baton.auth.support.RequestOrigin;

/**
 * The token families (sessions) of a client, as the registry needs them when it deletes
 * the client. The refresh feature implements it; the registry calls it inside the
 * deletion's transaction, so the revocations and the deletion commit together (DESIGN
 * rule 6).
 */
public interface ClientFamilies {

	/**
	 * Revokes every token family of a client being deleted, each audited; returns how
	 * many were revoked.
	 */
	int revokeAllOfDeletedClient(String clientId, RequestOrigin origin);

}
