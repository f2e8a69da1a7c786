package dev.baton.auth.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Errors of the UserInfo endpoint, a bearer-token protected resource (OIDC Core §5.3.3):
 * RFC 6750 §3 requires a {@code WWW-Authenticate: Bearer} header with the error code on
 * 401 and 403, which the framework's handler leaves out. The body keeps the RFC 6749 §5.2
 * JSON form.
 */
final class BearerTokenErrorResponseHandler implements AuthenticationFailureHandler {

	private final long retryAfterSeconds;

	BearerTokenErrorResponseHandler(long retryAfterSeconds) {
		this.retryAfterSeconds = retryAfterSeconds;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		String code = (exception instanceof OAuth2AuthenticationException oauth) ? oauth.getError().getErrorCode()
				: OAuth2ErrorCodes.INVALID_TOKEN;
		int status = HttpServletResponse.SC_BAD_REQUEST;
		if (DatabaseUnavailableFilter.TEMPORARILY_UNAVAILABLE.equals(code)) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(this.retryAfterSeconds));
			OAuthErrorResponses.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, new OAuth2Error(code));
			return;
		}
		if (OAuth2ErrorCodes.INVALID_TOKEN.equals(code)) {
			status = HttpServletResponse.SC_UNAUTHORIZED;
		}
		else if (OAuth2ErrorCodes.INSUFFICIENT_SCOPE.equals(code)) {
			status = HttpServletResponse.SC_FORBIDDEN;
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"" + code + "\"");
		OAuthErrorResponses.write(response, status, new OAuth2Error(code));
	}

}
