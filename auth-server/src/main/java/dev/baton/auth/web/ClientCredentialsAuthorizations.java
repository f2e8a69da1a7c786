package dev.baton.auth.web;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The authorization store of the client-credentials grant: it keeps nothing, as a
 * client-credentials access token is a self-contained JWT (no refresh token, no code).
 * The framework's grant saves each token's authorization; through the shared store that
 * was a database transaction with no statement in it (three round trips per token,
 * docs/PERFORMANCE.md).
 */
final class ClientCredentialsAuthorizations implements OAuth2AuthorizationService {

	@Override
	public void save(OAuth2Authorization authorization) {
		if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
			throw new IllegalStateException(
					"Not a client-credentials authorization: " + authorization.getAuthorizationGrantType());
		}
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
	}

	@Override
	public OAuth2Authorization findById(String id) {
		return null;
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		return null;
	}

}
