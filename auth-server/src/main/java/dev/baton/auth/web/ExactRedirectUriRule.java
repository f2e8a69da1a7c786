package dev.baton.auth.web;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Redirect URIs of confidential clients match exactly (RFC 9700 §4.1.3, OAuth 2.1
 * §2.3.1). The framework's rule lets a loopback redirect URI use any port, which RFC 8252
 * §7.3 grants to native apps only: they cannot reserve a port, so they register
 * {@code http://127.0.0.1/callback} and listen wherever the system lets them. A web
 * server (a confidential client such as {@code demo-web}) has no such excuse, and port
 * freedom would let any local process on another port receive its codes. Public clients
 * keep the framework's rule.
 * <p>
 * A mismatch is an unregistered redirect URI: the request cannot redirect back (RFC 6749
 * §4.1.2.1), so the error carries no redirect URI and the user gets Baton's error page.
 */
final class ExactRedirectUriRule implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	private static final Logger logger = LoggerFactory.getLogger(ExactRedirectUriRule.class);

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		RegisteredClient client = context.getRegisteredClient();
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		String requested = request.getRedirectUri();
		if (requested == null || client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
				|| client.getRedirectUris().contains(requested)) {
			return;
		}
		logger.info(
				"Authorization request of confidential client {} refused: redirect_uri {} is not registered "
						+ "exactly (loopback port freedom is for public clients only)",
				client.getClientId(), requested);
		OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "Invalid parameter: redirect_uri", null);
		OAuth2AuthorizationCodeRequestAuthenticationToken withoutRedirect = new OAuth2AuthorizationCodeRequestAuthenticationToken(
				request.getAuthorizationUri(), request.getClientId(), (Authentication) request.getPrincipal(), null,
				null, request.getScopes(), request.getAdditionalParameters());
		throw new OAuth2AuthorizationCodeRequestAuthenticationException(error, withoutRedirect);
	}

}
