package dev.baton.auth.session;

import java.util.List;
import java.util.Map;

import dev.baton.auth.api.BatonApi;
import dev.baton.auth.support.RequestOrigins;
import dev.baton.auth.user.SignedInAccounts;
import dev.baton.auth.user.UserAccount;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/account/sessions}: list the user's sessions, sign one out, sign out
 * everywhere. Callers: the browser (sign-in session plus CSRF token) or an app holding
 * the user's access token with scope {@code baton.account} (see
 * {@code AccountApiSecurityConfiguration}).
 */
@RestController
@BatonApi
class SessionsApiController {

	private final AccountSessionService sessions;

	private final SignedInAccounts accounts;

	SessionsApiController(AccountSessionService sessions, SignedInAccounts accounts) {
		this.sessions = sessions;
		this.accounts = accounts;
	}

	private UserAccount user(Authentication authentication) {
		return this.accounts.of(authentication)
			.orElseThrow(() -> new AccessDeniedException("The account is disabled or deleted"));
	}

	@GetMapping("/api/account/sessions")
	ResponseEntity<Map<String, List<AccountSession>>> list(Authentication authentication, HttpServletRequest request) {
		List<AccountSession> found = this.sessions.list(user(authentication),
				AccountRequests.browser(request, authentication), AccountRequests.currentFamilyId(authentication));
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("sessions", found));
	}

	@DeleteMapping("/api/account/sessions/{id}")
	ResponseEntity<?> signOut(@PathVariable String id, Authentication authentication, HttpServletRequest request) {
		if (this.sessions.signOut(user(authentication), id, RequestOrigins.of(request))) {
			return ResponseEntity.noContent().build();
		}
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No active session with this id"));
	}

	@DeleteMapping("/api/account/sessions")
	ResponseEntity<Map<String, Integer>> signOutEverywhere(Authentication authentication, HttpServletRequest request) {
		int ended = this.sessions.signOutEverywhere(user(authentication),
				AccountRequests.currentSignInId(request, authentication), RequestOrigins.of(request));
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("signedOut", ended));
	}

}
