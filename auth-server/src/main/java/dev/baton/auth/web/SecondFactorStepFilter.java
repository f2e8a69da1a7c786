package dev.baton.auth.web;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;

import dev.baton.auth.client.ClientPolicy;
import dev.baton.auth.mfa.SecondFactors;
import dev.baton.auth.token.AuthenticationMethods;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The second factor at the authorization endpoint, after
 * {@link AuthorizationPromptFilter} (which may have set the sign-in aside for a fresh
 * one). A sign-in without the second factor is sent to get it, and the authorization
 * request continues afterwards, when:
 * <ul>
 * <li>the user has a second factor (they chose it by setting it up);</li>
 * <li>the client requires it ({@code require_mfa}); a user without one is sent to set it
 * up first;</li>
 * <li>the request asks for it: {@code acr_values} containing {@code 2} (OIDC Core
 * §3.1.2.1, the step-up).</li>
 * </ul>
 * Under {@code prompt=none} no page may be shown: the answer is
 * {@code interaction_required} at the registered redirect URI.
 */
final class SecondFactorStepFilter extends OncePerRequestFilter {

	static final String ACR_VALUES = "acr_values";

	static final String SECOND_FACTOR_PAGE = "/login/second-factor";

	static final String ENROLMENT_PAGE = "/account/second-factor";

	private final String authorizationEndpoint;

	private final RegisteredClientRepository clients;

	private final SecondFactors secondFactors;

	private final PromptRedirects redirects;

	private final AuthenticationFailureHandler errors;

	private final RequestCache requests = new HttpSessionRequestCache();

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	private final AuthenticationTrustResolver signIns = new AuthenticationTrustResolverImpl();

	SecondFactorStepFilter(String authorizationEndpoint, RegisteredClientRepository clients,
			SecondFactors secondFactors, PromptRedirects redirects, AuthenticationFailureHandler errors) {
		this.authorizationEndpoint = authorizationEndpoint;
		this.clients = clients;
		this.secondFactors = secondFactors;
		this.redirects = redirects;
		this.errors = errors;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !AuthorizationPromptFilter.isAuthorizationRequest(request, this.authorizationEndpoint);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication signedIn = this.contexts.getContext().getAuthentication();
		if (!this.signIns.isAuthenticated(signedIn) || AuthenticationMethods.hasSecondFactor(signedIn)) {
			chain.doFilter(request, response);
			return;
		}
		boolean enrolled = this.secondFactors.isEnrolled(signedIn.getName());
		if (!enrolled && !clientRequires(request) && !asksForSecondFactor(request)) {
			chain.doFilter(request, response);
			return;
		}
		if (prompts(request).contains("none")) {
			OAuth2Error error = new OAuth2Error("interaction_required", "A second factor is required", null);
			this.errors.onAuthenticationFailure(request, response,
					new OAuth2AuthorizationCodeRequestAuthenticationException(error,
							this.redirects.trustedTarget(request)));
			return;
		}
		this.requests.saveRequest(request, response);
		response.sendRedirect(request.getContextPath() + (enrolled ? SECOND_FACTOR_PAGE : ENROLMENT_PAGE));
	}

	private boolean clientRequires(HttpServletRequest request) {
		String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
		if (clientIds == null || clientIds.length != 1) {
			return false;
		}
		RegisteredClient client = this.clients.findByClientId(clientIds[0]);
		return client != null && ClientPolicy.requiresMfa(client);
	}

	/**
	 * {@code acr_values}: space-separated, in order of preference; any of them asking for
	 * two factors counts.
	 */
	private static boolean asksForSecondFactor(HttpServletRequest request) {
		String value = request.getParameter(ACR_VALUES);
		return value != null
				&& Arrays.asList(value.trim().split(" +")).contains(AuthenticationMethods.ACR_MULTI_FACTOR);
	}

	private static Set<String> prompts(HttpServletRequest request) {
		String value = request.getParameter(AuthorizationPromptFilter.PROMPT);
		return (value != null) ? Set.of(value.trim().split(" +")) : Set.of();
	}

}
