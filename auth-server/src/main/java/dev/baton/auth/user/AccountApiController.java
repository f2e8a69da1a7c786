package dev.baton.auth.user;

import java.net.URI;
import java.util.Map;

import dev.baton.auth.session.AccountRequests;
import dev.baton.auth.support.RequestOrigins;
import dev.baton.auth.web.BatonApi;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The account JSON API: {@code POST /api/account/registrations} (anyone; JSON only, so a cross-site form cannot
 * post it) and {@code POST /api/account/password} (the signed-in user). Refusals are Problem Details (RFC 9457)
 * with an {@code errors} object naming each faulty field.
 */
@RestController
@BatonApi
class AccountApiController {

	static final URI INVALID_INPUT = URI.create("urn:baton:problem:invalid-input");

	private final RegistrationService registrations;

	private final PasswordChangeService passwords;

	private final SignedInAccounts accounts;

	AccountApiController(RegistrationService registrations, PasswordChangeService passwords,
			SignedInAccounts accounts) {
		this.registrations = registrations;
		this.passwords = passwords;
		this.accounts = accounts;
	}

	@PostMapping(path = "/api/account/registrations", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> register(@RequestBody RegistrationRequest body, HttpServletRequest request) {
		RegistrationOutcome outcome = this.registrations.register(
				new Registration(body.username(), body.email(), body.displayName(), body.password()),
				RequestOrigins.of(request));
		if (outcome instanceof RegistrationOutcome.Registered registered) {
			return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("username", registered.username()));
		}
		if (outcome instanceof RegistrationOutcome.Rejected rejected) {
			return invalid(rejected.errors());
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"Too many registration attempts from your network; try again later");
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "900").body(problem);
	}

	@PostMapping(path = "/api/account/password", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> changePassword(@RequestBody PasswordChangeRequest body, Authentication authentication,
			HttpServletRequest request) {
		UserAccount user = this.accounts.of(authentication)
			.orElseThrow(() -> new AccessDeniedException("The account is disabled or deleted"));
		PasswordChangeOutcome outcome = this.passwords.change(user, body.currentPassword(),
				body.newPassword(), AccountRequests.currentFamilyId(authentication),
				AccountRequests.currentSignInId(request, authentication), RequestOrigins.of(request));
		if (outcome instanceof PasswordChangeOutcome.Rejected rejected) {
			return invalid(rejected.errors());
		}
		PasswordChangeOutcome.Changed changed = (PasswordChangeOutcome.Changed) outcome;
		return ResponseEntity.ok(Map.of("signedOutSessions", changed.endedFamilies(), "signedOutBrowsers",
				changed.endedSignIns()));
	}

	private static ResponseEntity<ProblemDetail> invalid(Map<String, String> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Some fields are not valid");
		problem.setType(INVALID_INPUT);
		problem.setTitle("Invalid input");
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	record RegistrationRequest(String username, String email, String displayName, String password) {

		@Override
		public String toString() {
			return "RegistrationRequest[username=" + this.username + "]";
		}

	}

	record PasswordChangeRequest(String currentPassword, String newPassword) {

		@Override
		public String toString() {
			return "PasswordChangeRequest";
		}

	}

}
