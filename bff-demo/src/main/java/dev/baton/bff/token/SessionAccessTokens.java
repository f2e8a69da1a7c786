package dev.baton.bff.token;

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
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

/**
 * The access token of the signed-in session, refreshed when it is about to expire, <b>one
 * refresh at a time per session</b>. Baton rotates refresh tokens strictly for this
 * client (grace window 0): a refresh token presented twice is reuse, and Baton revokes
 * the whole sign-in (DESIGN rule 2). The page fires its API calls in parallel, so without
 * the lock two requests finding the same expired token would both redeem the same refresh
 * token and the second would end the session. Under the session's mutex, the first
 * request refreshes and stores the new tokens in the session; the others then find them
 * there and use them.
 * <p>
 * The lock is this JVM's: several nodes sharing sessions would need a shared lock, or a
 * grace window at Baton.
 */
@Component
public final class SessionAccessTokens {

	private static final Logger logger = LoggerFactory.getLogger(SessionAccessTokens.class);

	private final OAuth2AuthorizedClientManager manager;

	private final OAuth2AuthorizedClientRepository authorizedClients;

	public SessionAccessTokens(OAuth2AuthorizedClientManager manager,
			OAuth2AuthorizedClientRepository authorizedClients) {
		this.manager = manager;
		this.authorizedClients = authorizedClients;
	}

	/**
	 * @return the current access token, refreshed first when needed; {@code SignedOut}
	 * when the session has none left (never signed in, or Baton refused the refresh
	 * because the sign-in ended there); {@code Unavailable} when the refresh failed for a
	 * passing reason and the session keeps its tokens
	 */
	public AccessTokenOutcome accessToken(Authentication user, HttpServletRequest request,
			HttpServletResponse response) {
		HttpSession session = request.getSession(false);
		if (session == null || user == null) {
			return new AccessTokenOutcome.SignedOut();
		}
		OAuth2AuthorizeRequest authorize = OAuth2AuthorizeRequest
			.withClientRegistrationId(BffProperties.REGISTRATION_ID)
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
			String errorCode = ex.getError().getErrorCode();
			// Spring's failure handler drops the tokens on invalid_grant and
			// invalid_token, and keeps them otherwise
			if (this.authorizedClients.loadAuthorizedClient(BffProperties.REGISTRATION_ID, user, request) == null) {
				logger.info("No usable tokens in the session ({}); it must sign in again", errorCode);
				return new AccessTokenOutcome.SignedOut();
			}
			logger.warn("Refreshing the session's access token failed ({}); the session keeps its tokens", errorCode);
			return new AccessTokenOutcome.Unavailable(errorCode);
		}
		return (client != null) ? new AccessTokenOutcome.Current(client.getAccessToken().getTokenValue())
				: new AccessTokenOutcome.SignedOut();
	}

}
