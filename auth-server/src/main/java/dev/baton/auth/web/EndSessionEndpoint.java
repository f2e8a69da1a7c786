package dev.baton.auth.web;

import java.io.IOException;

import dev.baton.auth.session.BrowserSignOut;
import dev.baton.auth.session.EndSessionRequest;
import dev.baton.auth.session.EndSessionRequests;
import dev.baton.auth.session.InvalidEndSessionRequestException;
import dev.baton.auth.session.LogoutConfirmationController;
import dev.baton.auth.support.ErrorPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * Baton's rules for the framework's end-session endpoint ({@code /connect/logout}, OpenID
 * Connect RP-Initiated Logout 1.0), in the four places the framework's logout filter
 * asks: reading the request (checked by {@link EndSessionRequests}), authenticating it
 * (nothing more to check), and answering success or failure.
 * <p>
 * A request that proves itself (signed-in browser, current hint of that user, session
 * started in this browser) signs the browser out at once ({@link BrowserSignOut}); any
 * other goes to the confirmation page ({@link LogoutConfirmationController}), so a
 * cookie-less or replayed request ends nothing. A request Baton refuses gets the 400
 * page, never a redirect and never JSON: the caller is a browser.
 */
final class EndSessionEndpoint implements AuthenticationConverter, AuthenticationProvider, AuthenticationSuccessHandler,
		AuthenticationFailureHandler {

	private static final Logger logger = LoggerFactory.getLogger(EndSessionEndpoint.class);

	private final EndSessionRequests requests;

	private final BrowserSignOut signOut;

	private final RedirectStrategy redirects = new DefaultRedirectStrategy();

	EndSessionEndpoint(EndSessionRequests requests, BrowserSignOut signOut) {
		this.requests = requests;
		this.signOut = signOut;
	}

	@Override
	public Authentication convert(HttpServletRequest request) {
		try {
			return new EndSessionAuthentication(this.requests.check(request));
		}
		catch (InvalidEndSessionRequestException ex) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST), ex.getMessage());
		}
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		return authentication;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return EndSessionAuthentication.class.isAssignableFrom(authentication);
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		EndSessionRequest endSession = ((EndSessionAuthentication) authentication).request;
		Authentication browserUser = SecurityContextHolder.getContext().getAuthentication();
		String target = this.requests.mayEndWithoutAsking(endSession, request, browserUser)
				? this.signOut.signOut(endSession, request, response)
				: LogoutConfirmationController.pageFor(endSession);
		this.redirects.sendRedirect(request, response, target);
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		logger.info("End-session request refused without redirect: {}",
				AuthorizationErrorResponseHandler.loggable(exception.getMessage()));
		ErrorPages.badRequest(request, response, LogoutConfirmationController.INVALID_REQUEST);
	}

	/** A checked end-session request on its way through the framework's filter. */
	private static final class EndSessionAuthentication extends AbstractAuthenticationToken {

		private final EndSessionRequest request;

		EndSessionAuthentication(EndSessionRequest request) {
			super(AuthorityUtils.NO_AUTHORITIES);
			this.request = request;
			setAuthenticated(true);
		}

		@Override
		public Object getCredentials() {
			return "";
		}

		@Override
		public Object getPrincipal() {
			return (this.request.clientId() != null) ? this.request.clientId() : "";
		}

	}

}
