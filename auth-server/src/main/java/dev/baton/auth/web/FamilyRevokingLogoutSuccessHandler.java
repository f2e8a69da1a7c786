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
		if (authentication instanceof OidcLogoutAuthenticationToken logout && logout.getIdToken() != null) {
			OidcIdToken idToken = logout.getIdToken();
			String clientId = clientOf(idToken);
			if (clientId != null && idToken.getSubject() != null) {
				this.families.revokeAllOfClient(idToken.getSubject(), clientId, RevocationReason.LOGGED_OUT,
						RequestOrigins.current());
			}
		}
		this.frameworkHandler.onAuthenticationSuccess(request, response, authentication);
	}

	/**
	 * The client the ID token was issued to: {@code azp}, or its only audience (OIDC Core §2). The optional
	 * {@code client_id} parameter of the logout request is not needed: the framework's provider has checked that
	 * it matches the ID token when it is sent.
	 */
	private static String clientOf(OidcIdToken idToken) {
		if (idToken.getAuthorizedParty() != null) {
			return idToken.getAuthorizedParty();
		}
		return (idToken.getAudience() != null && idToken.getAudience().size() == 1) ? idToken.getAudience().get(0)
				: null;
	}

}
