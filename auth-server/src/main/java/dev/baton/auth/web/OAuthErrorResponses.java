package dev.baton.auth.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * Writes an RFC 6749 §5.2 error body. Descriptions are generic by design: the specific reason goes to the log.
 */
final class OAuthErrorResponses {

	private OAuthErrorResponses() {
	}

	static void write(HttpServletResponse response, int status, OAuth2Error error) throws IOException {
		response.setStatus(status);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		StringBuilder body = new StringBuilder("{\"error\":\"").append(escape(error.getErrorCode())).append('"');
		if (error.getDescription() != null) {
			body.append(",\"error_description\":\"").append(escape(error.getDescription())).append('"');
		}
		response.getWriter().write(body.append('}').toString());
	}

	/** RFC 6749 §5.2: a failed client authentication over HTTP Basic is 401 with a {@code WWW-Authenticate}. */
	static void writeInvalidClient(HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"baton\", charset=\"UTF-8\"");
		write(response, HttpServletResponse.SC_UNAUTHORIZED,
				new OAuth2Error("invalid_client", "Client authentication failed", null));
	}

	private static String escape(String value) {
		StringBuilder escaped = new StringBuilder(value.length());
		for (char c : value.toCharArray()) {
			if (c == '"' || c == '\\') {
				escaped.append('\\').append(c);
			}
			else if (c >= 0x20 && c < 0x7f) {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
