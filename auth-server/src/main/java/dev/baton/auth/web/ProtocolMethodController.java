package dev.baton.auth.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The token, introspection and revocation endpoints take POST only (RFC 6749 §3.2, RFC
 * 7662 §2.1, RFC 7009 §2.1). The protocol filter chain handles POST; any other method
 * lands here and gets an OAuth error with 405.
 */
@RestController
class ProtocolMethodController {

	private static final String TOKEN = "/oauth2/token";

	private static final String INTROSPECTION = "/oauth2/introspect";

	private static final String REVOCATION = "/oauth2/revoke";

	static final String[] PATHS = { TOKEN, INTROSPECTION, REVOCATION };

	@RequestMapping(path = { TOKEN, INTROSPECTION, REVOCATION })
	void methodNotAllowed(HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.ALLOW, "POST");
		OAuthErrorResponses.write(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
				new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "Use POST", null));
	}

}
