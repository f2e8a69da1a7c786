package dev.baton.auth.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;

/**
 * Writes an RFC 6749 §5.2 error body with the framework's own writer (the one its
 * endpoints use), never cached. Descriptions are generic by design: the specific reason
 * goes to the log.
 */
final class OAuthErrorResponses {

	private static final OAuth2ErrorHttpMessageConverter WRITER = new OAuth2ErrorHttpMessageConverter();

	private OAuthErrorResponses() {
	}

	static void write(HttpServletResponse response, int status, OAuth2Error error) throws IOException {
		response.setStatus(status);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		WRITER.write(error, null, new ServletServerHttpResponse(response));
	}

	/**
	 * RFC 6749 §5.2: a failed client authentication over HTTP Basic is 401 with a
	 * {@code WWW-Authenticate}.
	 */
	static void writeInvalidClient(HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"baton\", charset=\"UTF-8\"");
		write(response, HttpServletResponse.SC_UNAUTHORIZED,
				new OAuth2Error("invalid_client", "Client authentication failed", null));
	}

}
