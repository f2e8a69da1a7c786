package dev.baton.resource.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The answers of RFC 6750 §3 with Problem Details bodies (RFC 9457):
 * <ul>
 * <li>no token: 401, {@code WWW-Authenticate: Bearer} without an error code (§3.1);</li>
 * <li>a token that does not verify (signature, algorithm, type, issuer, audience,
 * lifetime): 401, {@code error="invalid_token"};</li>
 * <li>a malformed request (e.g. two tokens): 400, {@code error="invalid_request"};</li>
 * <li>a valid token without the endpoint's scope: 403, {@code error="insufficient_scope"}
 * and the needed {@code scope}.</li>
 * </ul>
 * The client learns the category only; the specific reason goes to the log. When the keys
 * cannot be fetched at all (Baton unreachable and nothing cached) the answer is 503: the
 * token may well be valid.
 */
final class BearerTokenChallenges
		implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler {

	private static final Logger logger = LoggerFactory.getLogger(BearerTokenChallenges.class);

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		String errorCode = (authException instanceof OAuth2AuthenticationException oauth2)
				? oauth2.getError().getErrorCode() : null;
		if (OAuth2ErrorCodes.INVALID_TOKEN.equals(errorCode)) {
			// INFO: an operator needs the reason (audience, issuer, expiry, signature) to
			// help a client; never
			// the token itself.
			logger.info("Rejected access token: {}", withoutTokens(authException.getMessage()));
			write(response, HttpStatus.UNAUTHORIZED,
					"Bearer error=\"invalid_token\", error_description=\"The access token is invalid or expired\"",
					"The access token is invalid or expired.");
		}
		else if (OAuth2ErrorCodes.INVALID_REQUEST.equals(errorCode)) {
			logger.info("Malformed bearer token request: {}", withoutTokens(authException.getMessage()));
			write(response, HttpStatus.BAD_REQUEST,
					"Bearer error=\"invalid_request\", error_description=\"Malformed bearer token request\"",
					"The request carries a malformed bearer token or more than one.");
		}
		else {
			write(response, HttpStatus.UNAUTHORIZED, "Bearer", "This API requires a bearer access token.");
		}
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		Optional<String> scope = ScopeRule.requiredScope(request);
		String challenge = "Bearer error=\"insufficient_scope\", error_description=\"The access token lacks the "
				+ "required scope\"" + scope.map((value) -> ", scope=\"" + value + "\"").orElse("");
		write(response, HttpStatus.FORBIDDEN, challenge,
				scope.map((value) -> "The access token lacks the scope " + value + ".")
					.orElse("The access token does not allow this request."));
	}

	/** Authentication failures of the bearer token filter. */
	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (exception instanceof AuthenticationServiceException) {
			logger.warn("Cannot verify access tokens: {}", exception.getMessage());
			write(response, HttpStatus.SERVICE_UNAVAILABLE, null,
					"The access token cannot be verified right now. Try again later.");
			return;
		}
		commence(request, response, exception);
	}

	private static void write(HttpServletResponse response, HttpStatus status, String challenge, String detail)
			throws IOException {
		if (challenge != null) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
		}
		response.setStatus(status.value());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":"
					+ status.value() + ",\"detail\":\"" + detail + "\"}");
	}

	/**
	 * Masks anything shaped like a token or a token segment that a library put into its
	 * message.
	 */
	static String withoutTokens(String message) {
		return (message != null) ? message.replaceAll("[A-Za-z0-9_-]{24,}(\\.[A-Za-z0-9_-]*)*", "[…]") : null;
	}

}
