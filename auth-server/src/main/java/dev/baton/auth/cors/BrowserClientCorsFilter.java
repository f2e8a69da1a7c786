package dev.baton.auth.cors;

import java.io.IOException;

import dev.baton.auth.client.AllowedCorsOrigins;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS for browser clients at the token, revocation, userinfo, JWKS and discovery
 * endpoints, and nowhere else: Spring's {@link DefaultCorsProcessor} writes the headers
 * for what {@link BrowserClientCorsConfigurationSource} allows.
 * <p>
 * It runs ahead of Spring Security's filter chains, so a preflight (an {@code OPTIONS}
 * request without credentials, Fetch standard §4.8) is answered here with 200 and never
 * meets client authentication or a login redirect: positively (the
 * {@code Access-Control-Allow-*} headers) when allowed, otherwise with no CORS header at
 * all; a browser reads the missing headers as "no". An actual request goes on to its
 * endpoint with the headers already set, so its errors ({@code invalid_grant}, a 401 from
 * userinfo, a 503) are readable by an allowed origin too. Every response of these
 * endpoints says {@code Vary: Origin}, since the answer depends on it (the JWKS and
 * discovery are cacheable). It sits inside {@code ProtocolRequestSizeFilter}, which has
 * already read the form body the token endpoint's decision looks at, and inside
 * {@code DatabaseUnavailableFilter}, whose 503 keeps these headers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
final class BrowserClientCorsFilter extends OncePerRequestFilter {

	private final BrowserClientCorsConfigurationSource source;

	private final DefaultCorsProcessor processor = new HeadersOnlyCorsProcessor();

	BrowserClientCorsFilter(AuthorizationServerSettings settings, AllowedCorsOrigins origins,
			CorsProperties properties) {
		this.source = new BrowserClientCorsConfigurationSource(settings, origins, properties);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.source.isBrowserEndpoint(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		CorsConfiguration configuration = this.source.getCorsConfiguration(request);
		if (configuration != null) {
			this.processor.processRequest(configuration, request, response);
		}
		else {
			response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
			response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
			response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
		}
		if (CorsUtils.isPreFlightRequest(request)) {
			response.setStatus(HttpServletResponse.SC_OK);
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * Spring's processor, except that a refused preflight (a method or header Baton does
	 * not take) is not turned into a 403 but answered like any other "no": without CORS
	 * headers.
	 */
	private static final class HeadersOnlyCorsProcessor extends DefaultCorsProcessor {

		@Override
		protected void rejectRequest(ServerHttpResponse response) {
		}

	}

}
