package dev.baton.auth.web;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Parameters that cannot be decoded (bytes that are not UTF-8, a form over the
 * container's limits) on Baton's pages and the authorization endpoint get a 400 page up
 * front (DESIGN "Errors and bad input"). Tomcat reports them lazily, as an exception from
 * the first {@code getParameter} call, which would otherwise surface wherever that call
 * happens to be: as a 500 with an ERROR stack trace in the log. Protocol endpoints have
 * {@link ProtocolRequestSizeFilter} (OAuth JSON errors) and the JSON APIs
 * {@code ApiProblemAdvice} (Problem Details), so they are left to those.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
final class MalformedParametersFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(MalformedParametersFilter.class);

	private static final Set<String> PROTOCOL_PATHS = Set.of(ProtocolMethodController.PATHS);

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/api/") || PROTOCOL_PATHS.contains(path);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			request.getParameterMap();
		}
		catch (RuntimeException ex) {
			logger.info("Refused {} {}: its parameters cannot be decoded ({})", request.getMethod(),
					request.getRequestURI(), ex.getClass().getSimpleName());
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		chain.doFilter(request, response);
	}

}
