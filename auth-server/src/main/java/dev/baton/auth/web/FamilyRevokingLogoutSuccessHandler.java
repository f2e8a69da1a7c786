package dev.baton.auth.web;

import java.io.IOException;

import dev.baton.auth.refresh.RevocationReason;
import dev.baton.auth.refresh.TokenFamilyService;
import dev.baton.auth.support.RequestOrigins;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.oidc.web.authentication.OidcLogoutAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): ends the user's token families at the calling
 * client (DESIGN rule 6, reason {@code LOGGED_OUT}), then lets the framework end the sign-in session and redirect
 * to the registered {@code post_logout_redirect_uri}.
 */
final class FamilyRevokingLogoutSuccessHandler implements AuthenticationSuccessHandler {

	private final TokenFamilyService families;

	private final AuthenticationSuccessHandler frameworkHandler = new OidcLogoutAuthenticationSuccessHandler();

	FamilyRevokingLogoutSuccessHandler(TokenFamilyService families) {
		this.families = families;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		if (authentication instanceof OidcLogoutAuthenticationToken logout && logout.getIdToken() != null
				&& logout.getClientId() != null) {
			OidcIdToken idToken = logout.getIdToken();
			this.families.revokeAllOfClient(idToken.getSubject(), logout.getClientId(), RevocationReason.LOGGED_OUT,
					RequestOrigins.current());
		}
		this.frameworkHandler.onAuthenticationSuccess(request, response, authentication);
	}

}
