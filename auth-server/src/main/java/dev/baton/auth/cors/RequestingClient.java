package dev.baton.auth.cors;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;

/**
 * The client a token or revocation request names, read the way the authorization server's
 * client authentication reads it, so the CORS answer is about the client the endpoint
 * then deals with: HTTP Basic first (RFC 6749 §2.3.1, the id form-urlencoded), otherwise
 * the one {@code client_id} of the form body (a public client, or
 * {@code client_secret_post}). A {@code client_id} in the query string is not the body's:
 * the framework ignores such a parameter, and so does this. Nothing here authenticates: a
 * wrong secret still gets {@code invalid_client}, only readable by an origin the named
 * client registered.
 */
final class RequestingClient {

	private static final String CLIENT_ID = "client_id";

	private RequestingClient() {
	}

	static Optional<String> clientId(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return basicClientId(authorization.substring(6).trim());
		}
		String query = request.getQueryString();
		if (query != null && query.contains(CLIENT_ID)) {
			return Optional.empty();
		}
		String[] values = request.getParameterValues(CLIENT_ID);
		if (values == null || values.length != 1 || values[0].isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(values[0]);
	}

	private static Optional<String> basicClientId(String credentials) {
		try {
			String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			if (colon <= 0) {
				return Optional.empty();
			}
			return Optional.of(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
