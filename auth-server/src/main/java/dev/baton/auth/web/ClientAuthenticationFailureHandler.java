package dev.baton.auth.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Answers a failed client authentication at the token, introspection and revocation
 * endpoints: {@code 401
 * invalid_client} with {@code WWW-Authenticate: Basic} (RFC 6749 §5.2) for a failed or
 * malformed {@code Authorization} header and for an unknown or unauthenticated client, or
 * {@code 400} for another malformed request (such as a repeated {@code client_id}). The
 * client never learns which part failed (unknown client, wrong secret, wrong method); the
 * log does.
 */
final class ClientAuthenticationFailureHandler implements AuthenticationFailureHandler {

	private static final Logger logger = LoggerFactory.getLogger(ClientAuthenticationFailureHandler.class);

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth) ? oauth.getError()
				: new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT);
		logger.debug("Client authentication failed at {}: {} ({})", request.getRequestURI(), error.getErrorCode(),
				error.getDescription());
		if (OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode())
				|| (OAuth2ErrorCodes.INVALID_REQUEST.equals(error.getErrorCode())
						&& request.getHeader(HttpHeaders.AUTHORIZATION) != null)) {
			// RFC 6749 §5.2: a client that tried the Authorization header gets 401, even
			// for a malformed header.
			OAuthErrorResponses.writeInvalidClient(response);
		}
		else {
			OAuthErrorResponses.write(response, HttpServletResponse.SC_BAD_REQUEST,
					new OAuth2Error(error.getErrorCode(), OAuth2ErrorCodes.INVALID_GRANT.equals(error.getErrorCode())
							? "The authorization grant is invalid" : "The request is malformed", null));
		}
	}

}
