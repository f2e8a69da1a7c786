package dev.baton.auth.refresh;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;

/**
 * The one check the introspection and revocation endpoints share before anything else:
 * the request comes from a client that authenticated at the endpoint (RFC 7662 §2.1, RFC
 * 7009 §2.1); otherwise {@code invalid_client}.
 */
final class AuthenticatedClient {

	private AuthenticatedClient() {
	}

	static OAuth2ClientAuthenticationToken of(Object principal) {
		if (!(principal instanceof OAuth2ClientAuthenticationToken client) || !client.isAuthenticated()
				|| client.getRegisteredClient() == null) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
		}
		return client;
	}

}
