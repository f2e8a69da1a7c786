package dev.baton.auth.session;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import dev.baton.auth.crypto.TokenHash;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives each browser that visits Baton's pages or the authorization endpoint a random,
 * long-lived {@value #NAME} cookie (HttpOnly, SameSite=Lax). Only its SHA-256 is stored,
 * with the sign-ins started in that browser, so the sessions page can say "this browser"
 * even after the sign-in session itself has ended.
 */
public final class BrowserCookie extends OncePerRequestFilter {

	public static final String NAME = "BATON_BROWSER";

	static final String ATTRIBUTE = BrowserCookie.class.getName();

	private static final Duration MAX_AGE = Duration.ofDays(400);

	private static final SecureRandom random = new SecureRandom();

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !(path.equals("/login") || path.startsWith("/account") || path.equals("/oauth2/authorize")
				|| path.equals("/oauth2/consent"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String value = fromCookie(request).orElse(null);
		if (value == null) {
			byte[] bytes = new byte[32];
			random.nextBytes(bytes);
			value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			ResponseCookie cookie = ResponseCookie.from(NAME, value)
				.path("/")
				.maxAge(MAX_AGE)
				.httpOnly(true)
				.secure(request.isSecure())
				.sameSite("Lax")
				.build();
			response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
		}
		request.setAttribute(ATTRIBUTE, value);
		chain.doFilter(request, response);
	}

	/**
	 * The hash of the current browser's cookie, when the request comes from a browser
	 * that has one.
	 */
	public static Optional<TokenHash> hashOf(HttpServletRequest request) {
		Object value = request.getAttribute(ATTRIBUTE);
		Optional<String> cookie = (value instanceof String set) ? Optional.of(set) : fromCookie(request);
		return cookie.map(TokenHash::of);
	}

	private static Optional<String> fromCookie(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return Optional.empty();
		}
		for (Cookie cookie : cookies) {
			if (NAME.equals(cookie.getName()) && cookie.getValue() != null && cookie.getValue().length() == 43) {
				return Optional.of(cookie.getValue());
			}
		}
		return Optional.empty();
	}

}
