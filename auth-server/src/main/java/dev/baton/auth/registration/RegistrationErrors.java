package dev.baton.auth.registration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The error answers of the registration endpoints: RFC 7591 §3.2.2
 * ({@code invalid_redirect_uri}, {@code invalid_client_metadata}) with Baton's
 * {@code errors} object naming every faulty field, and RFC 6750 §3 for a missing or wrong
 * bearer token.
 */
final class RegistrationErrors {

	private RegistrationErrors() {
	}

	static ResponseEntity<Map<String, Object>> invalidMetadata(Map<String, String> errors) {
		boolean onlyRedirectUris = errors.keySet().stream().allMatch("redirect_uris"::equals);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", onlyRedirectUris ? "invalid_redirect_uri" : "invalid_client_metadata");
		body.put("error_description",
				errors.entrySet()
					.stream()
					.map((entry) -> entry.getKey() + ": " + entry.getValue())
					.collect(Collectors.joining("; ")));
		body.put("errors", errors);
		return ResponseEntity.badRequest().cacheControl(CacheControl.noStore()).body(body);
	}

	/**
	 * 401 for no token, a token that does not verify, or one that does not fit the client
	 * (RFC 7592 §2.1).
	 */
	static ResponseEntity<Map<String, Object>> invalidToken() {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
			.cacheControl(CacheControl.noStore())
			.body(Map.of("error", "invalid_token"));
	}

	/** 403: a valid token without scope {@code client.create}. */
	static ResponseEntity<Map<String, Object>> insufficientScope(String scope) {
		return ResponseEntity.status(HttpStatus.FORBIDDEN)
			.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"")
			.cacheControl(CacheControl.noStore())
			.body(Map.of("error", "insufficient_scope"));
	}

	static ResponseEntity<Map<String, Object>> badRequest(String error, String description) {
		return ResponseEntity.badRequest()
			.cacheControl(CacheControl.noStore())
			.body(Map.of("error", error, "error_description", description));
	}

	static ResponseEntity<Map<String, Object>> tooLarge() {
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
			.cacheControl(CacheControl.noStore())
			.body(Map.of("error", "invalid_request", "error_description", "The request body is too large"));
	}

}
