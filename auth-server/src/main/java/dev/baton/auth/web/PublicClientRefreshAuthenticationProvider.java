package dev.baton.auth.web;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Authenticates a public client's refresh or revocation request by its registration alone
 * (and refuses its code exchange without {@code code_verifier} with
 * {@code invalid_grant}, RFC 7636 §4.6): the client must exist and be registered for
 * {@code token_endpoint_auth_method=none}. Nothing more can be checked; what protects a
 * public client's refresh token is rotation with reuse detection (OAuth 2.1 §4.3.1, RFC
 * 9700 §4.14.2).
 */
final class PublicClientRefreshAuthenticationProvider implements AuthenticationProvider {

	private final RegisteredClientRepository clients;

	PublicClientRefreshAuthenticationProvider(RegisteredClientRepository clients) {
		this.clients = clients;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
		if (!ClientAuthenticationMethod.NONE.equals(request.getClientAuthenticationMethod()) || !Boolean.TRUE
			.equals(request.getAdditionalParameters().get(PublicClientRefreshAuthenticationConverter.PUBLIC_REQUEST))) {
			return null;
		}
		RegisteredClient client = this.clients.findByClientId(request.getPrincipal().toString());
		if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
		}
		if (Boolean.TRUE.equals(request.getAdditionalParameters()
			.get(PublicClientRefreshAuthenticationConverter.CODE_WITHOUT_VERIFIER))) {
			// RFC 7636 §4.6: a public client's code exchange without the verifier fails
			// with invalid_grant.
			throw new OAuth2AuthenticationException(
					new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "code_verifier is required", null));
		}
		return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
