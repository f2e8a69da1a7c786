package dev.baton.auth.consent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The framework exempts its protocol endpoints from CSRF protection, which is right for authorization requests
 * (a client may POST one from its own page, OIDC Core §3.1.2.1) but leaves the consent form guarded only by its
 * unguessable consent state. Baton also requires the page's CSRF token on a consent submission (a POST to the
 * authorization endpoint without {@code response_type}), like every other form of its pages.
 */
public final class ConsentCsrfFilter extends OncePerRequestFilter {

	private final String authorizationEndpoint;

	private final CsrfTokenRepository tokens = new HttpSessionCsrfTokenRepository();

	private final XorCsrfTokenRequestAttributeHandler tokenReader = new XorCsrfTokenRequestAttributeHandler();

	public ConsentCsrfFilter(String authorizationEndpoint) {
		this.authorizationEndpoint = authorizationEndpoint;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !("POST".equals(request.getMethod()) && this.authorizationEndpoint.equals(path)
				&& request.getParameter(OAuth2ParameterNames.RESPONSE_TYPE) == null);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		CsrfToken expected = this.tokens.loadToken(request);
		String actual = (expected != null) ? this.tokenReader.resolveCsrfTokenValue(request, expected) : null;
		if (expected == null || actual == null || !MessageDigest.isEqual(
				expected.getToken().getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8))) {
			response.sendError(HttpServletResponse.SC_FORBIDDEN);
			return;
		}
		chain.doFilter(request, response);
	}

}
