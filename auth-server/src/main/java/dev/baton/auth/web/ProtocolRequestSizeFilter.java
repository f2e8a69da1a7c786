package dev.baton.auth.web;

import java.io.IOException;
import java.io.OutputStream;
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
 * Keeps oversized or unparsable form bodies at the token, introspection and revocation
 * endpoints inside the OAuth error format (RFC 6749 §5.2, DESIGN "Errors and bad input"):
 * the servlet container would otherwise answer them with its own HTML page (413 or 400)
 * before any OAuth code runs. The limit is the container's own
 * ({@code server.tomcat.max-http-form-post-size}).
 * <p>
 * An oversized body no larger than the container's swallow limit
 * ({@code server.tomcat.max-swallow-size}) is read and discarded before the answer. A
 * client that sent {@code Expect: 100-continue} then gets its 100 and the 400 on a
 * connection that stays open; answering from the headers alone makes the container close
 * the connection while the client waits, and the client may then lose the answer (1 in
 * about 600 such requests here, the flake of issue 13 item 13). Bodies over the swallow
 * limit are refused from their headers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
final class ProtocolRequestSizeFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(ProtocolRequestSizeFilter.class);

	private static final Set<String> PATHS = Set.of(ProtocolMethodController.PATHS);

	private final long maxFormSize;

	private final long maxSwallowSize;

	ProtocolRequestSizeFilter(@Value("${server.tomcat.max-http-form-post-size:2MB}") DataSize maxFormSize,
			@Value("${server.tomcat.max-swallow-size:2MB}") DataSize maxSwallowSize) {
		this.maxFormSize = maxFormSize.toBytes();
		this.maxSwallowSize = maxSwallowSize.toBytes();
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
			if (request.getContentLengthLong() <= this.maxSwallowSize) {
				request.getInputStream().transferTo(OutputStream.nullOutputStream());
			}
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
