package dev.baton.auth.web;

import java.util.Set;
import java.util.function.Predicate;

import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * When the consent page comes: the framework's rule (the client requires consent and the
 * user has not yet granted every requested scope; {@code openid} alone needs none), and
 * in addition whenever the request says {@code prompt=consent} (OIDC Core §3.1.2.1:
 * "SHOULD prompt the End-User for consent before returning information to the Client"),
 * even for a first-party app that otherwise skips the page. A {@code prompt=none} request
 * that would need consent is answered {@code consent_required} by the framework.
 */
final class PromptConsentRule implements Predicate<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	@Override
	public boolean test(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		Set<String> scopes = request.getScopes();
		if (scopes.isEmpty() || (scopes.size() == 1 && scopes.contains(OidcScopes.OPENID))) {
			return false;
		}
		if (asksForConsent(request.getAdditionalParameters().get(AuthorizationPromptFilter.PROMPT))) {
			return true;
		}
		if (!context.getRegisteredClient().getClientSettings().isRequireAuthorizationConsent()) {
			return false;
		}
		OAuth2AuthorizationConsent consent = context.getAuthorizationConsent();
		return consent == null || !consent.getScopes().containsAll(scopes);
	}

	private static boolean asksForConsent(Object prompt) {
		if (!(prompt instanceof String value)) {
			return false;
		}
		for (String single : value.trim().split(" +")) {
			if ("consent".equals(single)) {
				return true;
			}
		}
		return false;
	}

}
