package dev.baton.auth.consent;

import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Recognises a consent submission: a POST to the authorization endpoint without
 * {@code response_type}. The framework exempts its protocol endpoints from CSRF
 * protection, which is right for authorization requests (a client may POST one from its
 * own page, OIDC Core §3.1.2.1) but would leave the consent form guarded only by its
 * unguessable consent state; Baton requires the page's CSRF token on it, like on every
 * other form of its pages.
 */
public final class ConsentSubmissions {

	private ConsentSubmissions() {
	}

	public static RequestMatcher matcher(String authorizationEndpoint) {
		return (request) -> "POST".equals(request.getMethod())
				&& authorizationEndpoint.equals(request.getRequestURI().substring(request.getContextPath().length()))
				&& request.getParameter(OAuth2ParameterNames.RESPONSE_TYPE) == null;
	}

}
