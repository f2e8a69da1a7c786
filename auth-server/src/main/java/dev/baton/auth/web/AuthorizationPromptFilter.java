package dev.baton.auth.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import dev.baton.auth.token.TokenAttributes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The OpenID Connect request parameters {@code prompt} and {@code max_age} (OIDC Core
 * §3.1.2.1), decided before the framework's authorization endpoint, whose filter order
 * sends a request without a sign-in to the login page before its own {@code prompt=none}
 * rule is reached.
 * <ul>
 * <li>{@code prompt=none} without a usable sign-in (none, or one older than
 * {@code max_age}) is answered with {@code login_required} at the client's registered
 * redirect URI, with {@code state} and {@code iss}; it never shows a page (§3.1.2.1:
 * "MUST NOT display any authentication or consent user interface pages"). With a usable
 * sign-in the framework goes on and answers {@code consent_required} where consent would
 * be needed.</li>
 * <li>{@code prompt=login}, and a sign-in older than {@code max_age} seconds, force a
 * fresh sign-in: the request goes on as if nobody were signed in, so the login page comes
 * and the new sign-in moves {@code auth_time}.</li>
 * <li>The request the login page returns to is stripped of {@code prompt=login} and
 * {@code max_age}: the sign-in that follows satisfies both, and keeping them would ask
 * for another sign-in forever.</li>
 * <li>A malformed {@code max_age} (not a non-negative integer) and {@code none} combined
 * with other values are {@code invalid_request}.</li>
 * </ul>
 * Where the redirect URI cannot be trusted, {@link PromptRedirects} gives {@code null}
 * and the error page comes instead, as for every other refused authorization request (RFC
 * 6749 §4.1.2.1).
 */
final class AuthorizationPromptFilter extends OncePerRequestFilter {

	static final String PROMPT = "prompt";

	static final String MAX_AGE = "max_age";

	private static final long MAX_AGE_LIMIT = 10L * 365 * 24 * 3600;

	private final String authorizationEndpoint;

	private final PromptRedirects redirects;

	private final AuthenticationFailureHandler errors;

	private final Clock clock;

	private final AuthenticationTrustResolver signIns = new AuthenticationTrustResolverImpl();

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	AuthorizationPromptFilter(String authorizationEndpoint, PromptRedirects redirects,
			AuthenticationFailureHandler errors, Clock clock) {
		this.authorizationEndpoint = authorizationEndpoint;
		this.redirects = redirects;
		this.errors = errors;
		this.clock = clock;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !isAuthorizationRequest(request, this.authorizationEndpoint);
	}

	/**
	 * Whether the request asks the authorization endpoint for a code: GET or POST with
	 * {@code response_type}. A consent submission has no {@code response_type}, and no
	 * prompt or second factor to honour.
	 */
	static boolean isAuthorizationRequest(HttpServletRequest request, String authorizationEndpoint) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return authorizationEndpoint.equals(path)
				&& ("GET".equals(request.getMethod()) || "POST".equals(request.getMethod()))
				&& request.getParameter(OAuth2ParameterNames.RESPONSE_TYPE) != null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String[] prompts = request.getParameterValues(PROMPT);
		String[] maxAges = request.getParameterValues(MAX_AGE);
		if ((prompts == null || prompts.length == 1) && (maxAges == null || maxAges.length == 1)) {
			Set<String> prompt = new LinkedHashSet<>();
			if (prompts != null) {
				prompt.addAll(Arrays.asList(prompts[0].trim().split(" +")));
				prompt.remove("");
			}
			Optional<Long> maxAge = Optional.empty();
			if (maxAges != null) {
				maxAge = parseMaxAge(maxAges[0]);
				if (maxAge.isEmpty()) {
					refuse(request, response, OAuth2ErrorCodes.INVALID_REQUEST, "Invalid parameter: " + MAX_AGE);
					return;
				}
			}
			if (prompt.contains("none") && prompt.size() > 1) {
				refuse(request, response, OAuth2ErrorCodes.INVALID_REQUEST, "Invalid parameter: " + PROMPT);
				return;
			}
			decide(request, response, chain, prompt, maxAge);
			return;
		}
		// repeated parameters: the framework refuses them as invalid_request
		chain.doFilter(request, response);
	}

	private void decide(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Set<String> prompt,
			Optional<Long> maxAge) throws IOException, ServletException {
		Authentication signedIn = signedIn();
		boolean usable = signedIn != null && !prompt.contains("login")
				&& maxAge.map((seconds) -> isRecent(signedIn, seconds)).orElse(true);
		if (prompt.contains("none")) {
			if (!usable) {
				refuse(request, response, "login_required", "A new sign-in is required");
				return;
			}
			chain.doFilter(request, response);
			return;
		}
		if (usable) {
			chain.doFilter(request, response);
			return;
		}
		HttpServletRequest stripped = new PromptStrippedRequest(request, Set.of(MAX_AGE), "login");
		if (signedIn == null) {
			chain.doFilter(stripped, response);
			return;
		}
		// A fresh sign-in: this request goes on as if nobody were signed in; the session
		// keeps its sign-in until
		// the new one replaces it (nothing saves the emptied context).
		SecurityContext original = this.contexts.getContext();
		this.contexts.setContext(this.contexts.createEmptyContext());
		try {
			chain.doFilter(stripped, response);
		}
		finally {
			this.contexts.setContext(original);
		}
	}

	/**
	 * OIDC Core §3.1.2.1: re-authenticate when more than {@code max_age} seconds have
	 * passed.
	 */
	private boolean isRecent(Authentication signedIn, long maxAge) {
		Optional<Instant> authTime = TokenAttributes.authenticationTime(signedIn);
		return authTime.isPresent() && !this.clock.instant().isAfter(authTime.get().plusSeconds(maxAge));
	}

	private Authentication signedIn() {
		Authentication authentication = this.contexts.getContext().getAuthentication();
		return this.signIns.isAuthenticated(authentication) ? authentication : null;
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, String code, String description)
			throws IOException, ServletException {
		OAuth2AuthorizationCodeRequestAuthenticationToken target = this.redirects.trustedTarget(request);
		OAuth2Error error = new OAuth2Error(code, description, null);
		this.errors.onAuthenticationFailure(request, response,
				new OAuth2AuthorizationCodeRequestAuthenticationException(error, target));
	}

	static Optional<Long> parseMaxAge(String value) {
		if (value == null || value.isEmpty() || value.length() > 12 || !value.chars().allMatch(Character::isDigit)) {
			return Optional.empty();
		}
		long seconds = Long.parseLong(value);
		return Optional.of(Math.min(seconds, MAX_AGE_LIMIT));
	}

}
