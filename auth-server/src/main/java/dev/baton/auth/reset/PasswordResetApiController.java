package dev.baton.auth.reset;

import dev.baton.auth.api.BatonApi;
import dev.baton.auth.support.RequestOrigins;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/account/password-resets} with {@code {"email": …}}: anyone may ask
 * (JSON only, so a cross-site form cannot post it). The answer is {@code 202} with the
 * same body whether or not an account has the address; only too many requests for the
 * address or from the IP get {@code 429} (counted for unknown addresses too, so that
 * tells nothing either). The link itself is set through the page it leads to.
 */
@RestController
@BatonApi
class PasswordResetApiController {

	static final Accepted ACCEPTED = new Accepted("accepted",
			"If an account has this address, a reset link is on its way; it can be used once, within minutes.");

	private final PasswordResetService resets;

	PasswordResetApiController(PasswordResetService resets) {
		this.resets = resets;
	}

	@PostMapping(path = "/api/account/password-resets", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> request(@RequestBody ResetRequest body, HttpServletRequest request) {
		if (this.resets.request(body.email(), RequestOrigins.of(request)) == PasswordResetService.Request.THROTTLED) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
					"Too many reset requests for this address or from your network; try again later");
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "900").body(problem);
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(ACCEPTED);
	}

	record ResetRequest(String email) {
	}

	/** The one answer to every accepted request. */
	record Accepted(String status, String detail) {
	}

}
