package dev.baton.auth.account;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.baton.auth.api.BatonApi;
import dev.baton.auth.session.AccountRequests;
import dev.baton.auth.support.RequestOrigins;
import dev.baton.auth.user.SignedInAccounts;
import dev.baton.auth.user.UserAccount;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The account JSON API: {@code POST /api/account/registrations} (anyone; JSON only, so a
 * cross-site form cannot post it) and, for the signed-in user,
 * {@code POST /api/account/password}, {@code GET} and {@code PATCH
 * /api/account/profile} (display name; a new e-mail address is mailed a verification link
 * and taken only once verified) and {@code POST /api/account/deletion} (with the current
 * password). Refusals are Problem Details (RFC 9457) with an {@code errors} object naming
 * each faulty field.
 */
@RestController
@BatonApi
class AccountApiController {

	static final URI INVALID_INPUT = URI.create("urn:baton:problem:invalid-input");

	private final RegistrationService registrations;

	private final PasswordChangeService passwords;

	private final SignedInAccounts accounts;

	private final AccountProfileService profiles;

	AccountApiController(RegistrationService registrations, PasswordChangeService passwords, SignedInAccounts accounts,
			AccountProfileService profiles) {
		this.registrations = registrations;
		this.passwords = passwords;
		this.accounts = accounts;
		this.profiles = profiles;
	}

	@GetMapping("/api/account/profile")
	Map<String, Object> profile(Authentication authentication) {
		return profileOf(current(authentication), null);
	}

	@PatchMapping(path = "/api/account/profile", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> updateProfile(@RequestBody ProfileRequest body, Authentication authentication,
			HttpServletRequest request) {
		UserAccount user = current(authentication);
		AccountProfileService.ProfileOutcome outcome = this.profiles.update(user,
				(body.displayName() != null) ? body.displayName() : user.displayName(), body.email(),
				RequestOrigins.of(request));
		if (outcome instanceof AccountProfileService.ProfileOutcome.Rejected rejected) {
			return invalid(rejected.errors());
		}
		boolean sent = ((AccountProfileService.ProfileOutcome.Saved) outcome).verificationSent();
		return ResponseEntity.ok(profileOf(current(authentication), sent ? body.email().trim() : null));
	}

	@PostMapping(path = "/api/account/deletion", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> delete(@RequestBody DeletionRequest body, Authentication authentication,
			HttpServletRequest request) {
		Optional<String> refused = this.profiles.delete(current(authentication), body.currentPassword(),
				RequestOrigins.of(request));
		if (refused.isPresent()) {
			return invalid(Map.of("currentPassword", refused.get()));
		}
		return ResponseEntity.noContent().build();
	}

	private UserAccount current(Authentication authentication) {
		return this.accounts.of(authentication)
			.orElseThrow(() -> new AccessDeniedException("The account is disabled or deleted"));
	}

	private static Map<String, Object> profileOf(UserAccount account, String pendingEmail) {
		Map<String, Object> profile = new LinkedHashMap<>();
		profile.put("username", account.username());
		profile.put("displayName", account.displayName());
		if (account.email() != null) {
			profile.put("email", account.email());
			profile.put("emailVerified", account.emailVerified());
		}
		if (pendingEmail != null) {
			profile.put("verificationSentTo", pendingEmail);
		}
		return profile;
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
		PasswordChangeOutcome outcome = this.passwords.change(user, body.currentPassword(), body.newPassword(),
				AccountRequests.currentFamilyId(authentication),
				AccountRequests.currentSignInId(request, authentication), RequestOrigins.of(request));
		if (outcome instanceof PasswordChangeOutcome.Rejected rejected) {
			return invalid(rejected.errors());
		}
		PasswordChangeOutcome.Changed changed = (PasswordChangeOutcome.Changed) outcome;
		return ResponseEntity
			.ok(Map.of("signedOutSessions", changed.endedFamilies(), "signedOutBrowsers", changed.endedSignIns()));
	}

	private static ResponseEntity<ProblemDetail> invalid(Map<String, String> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Some fields are not valid");
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

	record ProfileRequest(String displayName, String email) {
	}

	record DeletionRequest(String currentPassword) {

		@Override
		public String toString() {
			return "DeletionRequest";
		}

	}

	record PasswordChangeRequest(String currentPassword, String newPassword) {

		@Override
		public String toString() {
			return "PasswordChangeRequest";
		}

	}

}
