package dev.baton.auth.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * A 403 of Baton's account API as Problem Details (RFC 9457), like the API's other
 * errors, instead of an empty body. A bearer caller also gets RFC 6750 §3's
 * {@code WWW-Authenticate: Bearer error="insufficient_scope"}; a browser whose request
 * lacks its CSRF token gets the same body. The detail is generic on purpose.
 */
final class ProblemDetailsAccessDeniedHandler implements AccessDeniedHandler {

	private final AccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException, jakarta.servlet.ServletException {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			this.bearer.handle(request, response, accessDeniedException);
		}
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
					+ "\"detail\":\"This request is not allowed for the caller\"}");
	}

}
