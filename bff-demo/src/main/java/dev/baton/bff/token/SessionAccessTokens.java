package dev.baton.bff.token;

import java.util.Optional;

import dev.baton.bff.BffProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

/**
 * The access token of the signed-in session, refreshed when it is about to expire, <b>one refresh at a time per
 * session</b>. Baton rotates refresh tokens strictly for this client (grace window 0): a refresh token presented
 * twice is reuse, and Baton revokes the whole sign-in (DESIGN rule 2). The page fires its API calls in parallel,
 * so without the lock two requests finding the same expired token would both redeem the same refresh token and
 * the second would end the session. Under the session's mutex, the first request refreshes and stores the new
 * tokens in the session; the others then find them there and use them.
 * <p>
 * The lock is this JVM's: several nodes sharing sessions would need a shared lock, or a grace window at Baton.
 */
@Component
public final class SessionAccessTokens {

	private static final Logger logger = LoggerFactory.getLogger(SessionAccessTokens.class);

	private final OAuth2AuthorizedClientManager manager;

	public SessionAccessTokens(OAuth2AuthorizedClientManager manager) {
		this.manager = manager;
	}

	/**
	 * @return the current access token, refreshed first when needed; empty when the session has none left (never
	 * signed in, or the refresh was refused because Baton ended the sign-in)
	 */
	public Optional<String> accessToken(Authentication user, HttpServletRequest request,
			HttpServletResponse response) {
		HttpSession session = request.getSession(false);
		if (session == null || user == null) {
			return Optional.empty();
		}
		OAuth2AuthorizeRequest authorize = OAuth2AuthorizeRequest.withClientRegistrationId(BffProperties.REGISTRATION_ID)
			.principal(user)
			.attribute(HttpServletRequest.class.getName(), request)
			.attribute(HttpServletResponse.class.getName(), response)
			.build();
		OAuth2AuthorizedClient client;
		try {
			synchronized (WebUtils.getSessionMutex(session)) {
				client = this.manager.authorize(authorize);
			}
		}
		catch (OAuth2AuthorizationException ex) {
			// the failure handler has already removed the refused tokens from the session
			logger.info("Baton refused the session's refresh token ({}); the session must sign in again",
					ex.getError().getErrorCode());
			return Optional.empty();
		}
		return Optional.ofNullable(client).map((authorized) -> authorized.getAccessToken().getTokenValue());
	}

}
