package dev.baton.auth.web;

import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The token, introspection and revocation endpoints take POST only (RFC 6749 §3.2, RFC 7662 §2.1, RFC 7009
 * §2.1). The protocol filter chain handles POST; any other method lands here and gets an OAuth error with 405.
 */
@RestController
class ProtocolMethodController {

	private static final String TOKEN = "/oauth2/token";

	private static final String INTROSPECTION = "/oauth2/introspect";

	private static final String REVOCATION = "/oauth2/revoke";

	static final String[] PATHS = { TOKEN, INTROSPECTION, REVOCATION };

	@RequestMapping(path = { TOKEN, INTROSPECTION, REVOCATION })
	ResponseEntity<Map<String, String>> methodNotAllowed() {
		return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
			.header(HttpHeaders.ALLOW, "POST")
			.cacheControl(CacheControl.noStore())
			.body(Map.of("error", "invalid_request", "error_description", "Use POST"));
	}

}
