package dev.baton.auth.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.baton.auth.database.DatabaseFailures;
import dev.baton.auth.database.DatabaseProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Fast, explicit failure while the database cannot be reached (or a transaction keeps
 * losing races after its retries): instead of the servlet container's 500, the client is
 * told to come back later, with {@code Retry-After} (RFC 9110 §10.2.3). Protocol
 * endpoints answer the OAuth error {@code temporarily_unavailable} (RFC 6749 §4.1.2.1,
 * used as a token endpoint error by OAuth 2.1 §3.2.4) in the RFC 6749 §5.2 format;
 * Baton's JSON APIs answer Problem Details (RFC 9457); pages a short text. How fast is
 * bounded by the pool's {@code connection-timeout} and the driver's connect and socket
 * timeouts (the {@code mysql} profile).
 * <p>
 * It sits outside Spring Session's filter, so a session that cannot be saved is answered
 * the same way.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
final class DatabaseUnavailableFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

	static final String TEMPORARILY_UNAVAILABLE = "temporarily_unavailable";

	private final long retryAfterSeconds;

	DatabaseUnavailableFilter(DatabaseProperties properties) {
		this.retryAfterSeconds = Math.max(1, properties.unavailableRetryAfter().toSeconds());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			boolean unavailable = DatabaseFailures.isUnavailable(ex);
			if (!(unavailable || DatabaseFailures.isConflict(ex)) || response.isCommitted()) {
				throw ex;
			}
			String path = request.getRequestURI().substring(request.getContextPath().length());
			logger.warn("{} {} answered 503: {}", request.getMethod(), path,
					unavailable ? "the database is unreachable" : "the transaction kept conflicting");
			response.resetBuffer();
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(unavailable ? this.retryAfterSeconds : 1));
			write(response, path);
		}
	}

	private static void write(HttpServletResponse response, String path) throws IOException {
		int status = HttpServletResponse.SC_SERVICE_UNAVAILABLE;
		if (path.startsWith("/api/")) {
			response.setStatus(status);
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.getWriter()
				.write("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
						+ "\"detail\":\"Temporarily unavailable, try again later\"}");
		}
		else if (isProtocolEndpoint(path)) {
			OAuthErrorResponses.write(response, status,
					new OAuth2Error(TEMPORARILY_UNAVAILABLE, "The server is temporarily unavailable", null));
		}
		else {
			response.setStatus(status);
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			response.setContentType(MediaType.TEXT_PLAIN_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.getWriter().write("Baton is temporarily unavailable. Please try again in a moment.\n");
		}
	}

	private static boolean isProtocolEndpoint(String path) {
		return path.startsWith("/oauth2/") || path.startsWith("/connect/") || path.startsWith("/.well-known/")
				|| path.equals("/userinfo");
	}

}
