package dev.baton.auth.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The JWKS ({@code GET /oauth2/jwks}) as a cacheable UTF-8 JSON document:
 * {@code application/json;charset=UTF-8} (RFC 8259 §8.1) and
 * {@code Cache-Control: public, max-age=…} instead of Spring Security's {@code no-store},
 * so resource servers and proxies may keep it. The max-age is safe for rotation: a new
 * key is published {@code publish-lead} before it signs, and a cache that took the key
 * set just before the new key appeared (in a node's copy that is at most
 * {@code cache-ttl} old) must have fetched it again by then, with a margin:
 * {@code max-age = (publish-lead - cache-ttl) / 2}, at most 5 minutes (defaults: 270 s).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
final class JwkSetResponseHeaders extends OncePerRequestFilter {

	static final String PATH = "/oauth2/jwks";

	private static final Duration MAX = Duration.ofMinutes(5);

	private final long maxAgeSeconds;

	JwkSetResponseHeaders(SigningKeyProperties keys) {
		Duration margin = keys.publishLead().minus(keys.cacheTtl()).dividedBy(2);
		Duration maxAge = margin.isNegative() ? Duration.ZERO : (margin.compareTo(MAX) > 0) ? MAX : margin;
		this.maxAgeSeconds = maxAge.toSeconds();
	}

	long maxAgeSeconds() {
		return this.maxAgeSeconds;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"GET".equals(request.getMethod())
				|| !PATH.equals(request.getRequestURI().substring(request.getContextPath().length()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// Set before the endpoint writes: its content type then keeps this charset, and
		// Spring Security's
		// cache-control writer leaves a response alone that already says how to cache it.
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=" + this.maxAgeSeconds);
		chain.doFilter(request, response);
	}

}
