package dev.baton.auth.session;

import dev.baton.auth.support.RequestOrigins;
import dev.baton.auth.user.SignedInAccounts;
import dev.baton.auth.user.UserAccount;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * {@code /account/sessions}: the user's sessions with "sign out" per row and "sign out
 * everywhere".
 */
@Controller
class SessionsPageController {

	private final AccountSessionService sessions;

	private final SignedInAccounts accounts;

	SessionsPageController(AccountSessionService sessions, SignedInAccounts accounts) {
		this.sessions = sessions;
		this.accounts = accounts;
	}

	private UserAccount user(Authentication authentication) {
		return this.accounts.of(authentication)
			.orElseThrow(() -> new AccessDeniedException("The account is disabled or deleted"));
	}

	@GetMapping("/account/sessions")
	String sessions(Authentication authentication, HttpServletRequest request, Model model) {
		model.addAttribute("username", authentication.getName());
		model.addAttribute("sessions",
				this.sessions.list(user(authentication), AccountRequests.browser(request, authentication), null));
		return "sessions";
	}

	@PostMapping("/account/sessions/{id}/sign-out")
	String signOut(@PathVariable String id, Authentication authentication, HttpServletRequest request) {
		boolean ended = this.sessions.signOut(user(authentication), id, RequestOrigins.of(request));
		return "redirect:/account/sessions?" + (ended ? "signedOut" : "notFound");
	}

	@PostMapping("/account/sessions/sign-out-everywhere")
	String signOutEverywhere(Authentication authentication, HttpServletRequest request) {
		this.sessions.signOutEverywhere(user(authentication), AccountRequests.currentSignInId(request, authentication),
				RequestOrigins.of(request));
		return "redirect:/account/sessions?signedOutEverywhere";
	}

}
