package dev.baton.auth.cors;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.baton.auth.client.AllowedCorsOrigins;
import dev.baton.auth.client.CorsOrigin;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.CorsUtils;

/**
 * Decides, from the client registry, whether a cross-origin request to one of the
 * {@link #ENDPOINTS browser endpoints} may read its response, and answers with a
 * {@link CorsConfiguration} allowing exactly that origin, or {@code null} for "no CORS
 * headers":
 * <ul>
 * <li>an actual request to the token or revocation endpoint: the origin must be one the
 * request's client registered ({@link RequestingClient}); another client's origin gets
 * nothing (so an app cannot read token responses of a public client it is not);
 * <li>a preflight (it has no body, so no client), and actual requests to userinfo, the
 * JWKS and discovery: some registered client lists the origin.
 * </ul>
 * Allowed are the endpoint's methods and the headers {@code Authorization} and
 * {@code Content-Type}; {@code WWW-Authenticate} and {@code Retry-After} are exposed so a
 * browser app can read why a request failed. No credentials (cookies) are allowed: these
 * endpoints take tokens. A request without {@code Origin}, a same-origin request and a
 * request to any other path cost no lookup.
 * <p>
 * Not a bean on purpose: Spring Security would otherwise apply a
 * {@code CorsConfigurationSource} bean to every filter chain, pages and {@code /api/**}
 * included.
 */
final class BrowserClientCorsConfigurationSource implements CorsConfigurationSource {

	static final List<String> ALLOWED_HEADERS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE);

	static final List<String> EXPOSED_HEADERS = List.of(HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.RETRY_AFTER);

	private final Map<String, CorsEndpoint> endpoints;

	private final AllowedCorsOrigins origins;

	private final CorsProperties properties;

	BrowserClientCorsConfigurationSource(AuthorizationServerSettings settings, AllowedCorsOrigins origins,
			CorsProperties properties) {
		this.endpoints = Stream
			.of(CorsEndpoint.ofClient(settings.getTokenEndpoint()),
					CorsEndpoint.ofClient(settings.getTokenRevocationEndpoint()),
					CorsEndpoint.ofAnyClient(settings.getOidcUserInfoEndpoint(), "GET", "POST"),
					CorsEndpoint.ofAnyClient(settings.getJwkSetEndpoint(), "GET"),
					CorsEndpoint.ofAnyClient("/.well-known/openid-configuration", "GET"),
					CorsEndpoint.ofAnyClient("/.well-known/oauth-authorization-server", "GET"))
			.collect(Collectors.toUnmodifiableMap(CorsEndpoint::path, Function.identity()));
		this.origins = origins;
		this.properties = properties;
	}

	/**
	 * Whether the request goes to one of the endpoints that answer browsers cross-origin.
	 */
	boolean isBrowserEndpoint(HttpServletRequest request) {
		return this.endpoints.containsKey(path(request));
	}

	@Override
	public CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		CorsEndpoint endpoint = this.endpoints.get(path(request));
		if (origin == null || endpoint == null || !CorsOrigin.isValid(origin) || !CorsUtils.isCorsRequest(request)) {
			return null;
		}
		boolean preflight = CorsUtils.isPreFlightRequest(request);
		if (!preflight && !endpoint.methods().contains(request.getMethod())) {
			return null;
		}
		boolean allowed = (preflight || !endpoint.namesClient()) ? this.origins.allowsForAnyClient(origin)
				: RequestingClient.clientId(request)
					.map((clientId) -> this.origins.allowsForClient(clientId, origin))
					.orElse(false);
		return allowed ? configuration(origin, endpoint) : null;
	}

	private CorsConfiguration configuration(String origin, CorsEndpoint endpoint) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(List.of(origin));
		configuration.setAllowedMethods(endpoint.methods());
		configuration.setAllowedHeaders(ALLOWED_HEADERS);
		configuration.setExposedHeaders(EXPOSED_HEADERS);
		configuration.setAllowCredentials(false);
		configuration.setMaxAge(this.properties.preflightMaxAge());
		return configuration;
	}

	private static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}
