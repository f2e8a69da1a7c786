package dev.baton.auth.web;

import java.util.Set;
import java.util.function.Supplier;

import dev.baton.auth.refresh.TokenFamilyService;
import dev.baton.auth.support.BatonServerProperties;
import dev.baton.auth.token.TokenClaims;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Baton's account JSON API under {@code /api/account/**}. Two kinds of caller:
 * <ul>
 * <li>the browser, with its sign-in session and the CSRF token (header
 * {@code X-CSRF-TOKEN}, as on the pages);
 * <li>an app, with the user's access token carrying scope {@value #ACCOUNT_SCOPE} (the
 * client must be registered with that scope and request it) and Baton's own audience
 * ({@link OwnApiJwtDecoder}), whose session (token family, {@code sid}) is still live.
 * Bearer requests are stateless and need no CSRF token (RFC 6750: a bearer header is not
 * sent by the browser on its own).
 * </ul>
 * {@code POST /api/account/registrations} and {@code POST /api/account/password-resets}
 * are open to anyone: they accept JSON only, so a cross-site form cannot post them, and
 * they sign nobody in. A refusal (403) is a Problem Details body (RFC 9457), like every
 * other error of the API.
 */
@Configuration(proxyBeanMethods = false)
class AccountApiSecurityConfiguration {

	static final String ACCOUNT_SCOPE = "baton.account";

	static final String REGISTRATIONS = "/api/account/registrations";

	/** Anyone may ask for a password-reset link (JSON only, like registration). */
	static final String PASSWORD_RESETS = "/api/account/password-resets";

	@Bean
	@Order(20)
	SecurityFilterChain accountApiFilterChain(HttpSecurity http, TokenFamilyService families,
			JwtDecoder accessTokenDecoder, BatonServerProperties properties, CsrfTokenRepository csrfTokens)
			throws Exception {
		RequestMatcher bearer = (request) -> {
			String header = request.getHeader(HttpHeaders.AUTHORIZATION);
			return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
		};
		http.securityMatcher("/api/account/**")
			.authorizeHttpRequests(
					(authorize) -> authorize.requestMatchers(HttpMethod.POST, REGISTRATIONS, PASSWORD_RESETS)
						.permitAll()
						.anyRequest()
						.access((authentication, context) -> decide(authentication, families)))
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.decoder(new OwnApiJwtDecoder(accessTokenDecoder, properties.issuer())))
				.authenticationEntryPoint(ProtectedResourceMetadataController.entryPoint(properties.issuer()))
				.accessDeniedHandler(new ProblemDetailsAccessDeniedHandler()))
			.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler(new ProblemDetailsAccessDeniedHandler()))
			.csrf((csrf) -> csrf.csrfTokenRepository(csrfTokens)
				.ignoringRequestMatchers(bearer)
				.ignoringRequestMatchers((request) -> HttpMethod.POST.matches(request.getMethod())
						&& Set.of(REGISTRATIONS, PASSWORD_RESETS)
							.contains(request.getRequestURI().substring(request.getContextPath().length()))));
		return http.build();
	}

	private static AuthorizationResult decide(Supplier<? extends Authentication> authentication,
			TokenFamilyService families) {
		Authentication caller = authentication.get();
		if (caller instanceof JwtAuthenticationToken token) {
			String familyId = TokenClaims.sessionId(token.getToken());
			boolean granted = TokenClaims.scopes(token.getToken()).contains(ACCOUNT_SCOPE) && familyId != null
					&& families.isActive(familyId);
			return new AuthorizationDecision(granted);
		}
		return new AuthorizationDecision(caller instanceof UsernamePasswordAuthenticationToken
				&& !(caller instanceof AnonymousAuthenticationToken) && caller.isAuthenticated());
	}

}
