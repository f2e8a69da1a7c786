package dev.baton.auth.web;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps oversized or unparsable form bodies at the token, introspection and revocation endpoints inside the OAuth
 * error format (RFC 6749 §5.2, DESIGN "Errors and bad input"): the servlet container would otherwise answer them
 * with its own HTML page (413 or 400) before any OAuth code runs. The limit is the container's own
 * ({@code server.tomcat.max-http-form-post-size}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
final class ProtocolRequestSizeFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(ProtocolRequestSizeFilter.class);

	private static final Set<String> PATHS = Set.of(ProtocolMethodController.PATHS);

	private final long maxFormSize;

	ProtocolRequestSizeFilter(@Value("${server.tomcat.max-http-form-post-size:2MB}") DataSize maxFormSize) {
		this.maxFormSize = maxFormSize.toBytes();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod())
				|| !PATHS.contains(request.getRequestURI().substring(request.getContextPath().length()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxFormSize) {
			reject(request, response, "body of " + request.getContentLengthLong() + " bytes");
			return;
		}
		try {
			request.getParameterMap();
		}
		catch (RuntimeException ex) {
			reject(request, response, ex.getClass().getSimpleName());
			return;
		}
		chain.doFilter(request, response);
	}

	private static void reject(HttpServletRequest request, HttpServletResponse response, String reason)
			throws IOException {
		logger.debug("Rejected request to {}: {}", request.getRequestURI(), reason);
		OAuthErrorResponses.write(response, HttpServletResponse.SC_BAD_REQUEST,
				new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "The request is too large or malformed", null));
	}

}
