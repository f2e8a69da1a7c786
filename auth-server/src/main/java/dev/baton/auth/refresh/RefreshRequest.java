package dev.baton.auth.refresh;

import java.util.Set;

import dev.baton.auth.support.RequestOrigin;

/**
 * A refresh-token grant as the rotation sees it.
 *
 * @param presentedToken the refresh token value from the request
 * @param clientId the {@code client_id} of the authenticated client
 * @param policy the client's refresh policy
 * @param requestedScopes the {@code scope} parameter, empty for "the family's scopes"
 * @param requestedResources the {@code resource} parameters (RFC 8707), empty for "the
 * family's resources"
 */
public record RefreshRequest(String presentedToken, String clientId, RefreshPolicy policy, Set<String> requestedScopes,
		Set<String> requestedResources, RequestOrigin origin) {

	@Override
	public String toString() {
		return "RefreshRequest[clientId=" + this.clientId + "]";
	}

}
