package dev.baton.auth.support;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The origin of the current HTTP request, taken from Spring's request context. The client
 * IP honours {@code X-Forwarded-For} only from the proxies listed in
 * {@code server.tomcat.remoteip.internal-proxies}: by default none, so nobody chooses
 * their IP with a header (docs/SECURITY.md).
 */
public final class RequestOrigins {

	private RequestOrigins() {
	}

	public static RequestOrigin current() {
		if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
			return RequestOrigin.UNKNOWN;
		}
		return of(attributes.getRequest());
	}

	public static RequestOrigin of(HttpServletRequest request) {
		return new RequestOrigin(request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT));
	}

}
