package dev.baton.auth.session;

import java.util.Optional;

import dev.baton.auth.crypto.TokenHash;
import dev.baton.auth.token.TokenClaims;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is asking, for the account pages and APIs: the user, and the session the request
 * comes from, either a browser sign-in (HTTP session) or an app's access token (its token
 * family, the {@code sid} claim).
 */
public final class AccountRequests {

	private AccountRequests() {
	}

	/** The family of the asking access token, or {@code null} for a browser request. */
	public static String currentFamilyId(Authentication authentication) {
		return (authentication instanceof JwtAuthenticationToken bearer) ? TokenClaims.sessionId(bearer.getToken())
				: null;
	}

	/**
	 * The browser sign-in session of the request, or {@code null} for a bearer-token
	 * request.
	 */
	public static String currentSignInId(HttpServletRequest request, Authentication authentication) {
		if (authentication instanceof JwtAuthenticationToken) {
			return null;
		}
		HttpSession session = request.getSession(false);
		return (session != null) ? session.getId() : null;
	}

	static Optional<TokenHash> browser(HttpServletRequest request, Authentication authentication) {
		return (authentication instanceof JwtAuthenticationToken) ? Optional.empty() : BrowserCookie.hashOf(request);
	}

}
