package dev.baton.auth.account;

import java.util.Map;
import java.util.Optional;

import dev.baton.auth.support.RequestOrigins;
import dev.baton.auth.user.SignedInAccounts;
import dev.baton.auth.user.UserAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The signed-in user's own changes on the account page: {@code POST /account/profile}
 * (name and address), {@code POST /account/email/resend} (a new verification link), and
 * {@code /account/delete} (confirmation with the current password, then the account and
 * every session are gone).
 */
@Controller
class AccountProfilePageController {

	private final SignedInAccounts signedIn;

	private final AccountProfileService profiles;

	AccountProfilePageController(SignedInAccounts signedIn, AccountProfileService profiles) {
		this.signedIn = signedIn;
		this.profiles = profiles;
	}

	@PostMapping("/account/profile")
	String update(@RequestParam(required = false) String displayName, @RequestParam(required = false) String email,
			Authentication authentication, HttpServletRequest request, HttpServletResponse response, Model model) {
		UserAccount account = current(authentication);
		AccountProfileService.ProfileOutcome outcome = this.profiles.update(account, displayName, email,
				RequestOrigins.of(request));
		if (outcome instanceof AccountProfileService.ProfileOutcome.Rejected rejected) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("username", authentication.getName());
			model.addAttribute("account", account);
			model.addAttribute("errors", rejected.errors());
			return "account";
		}
		boolean sent = ((AccountProfileService.ProfileOutcome.Saved) outcome).verificationSent();
		return sent ? "redirect:/account?emailSent" : "redirect:/account?profileSaved";
	}

	@PostMapping("/account/email/resend")
	String resend(Authentication authentication) {
		this.profiles.resendVerification(current(authentication));
		return "redirect:/account?emailSent";
	}

	@GetMapping("/account/delete")
	String deleteForm(Authentication authentication, Model model) {
		model.addAttribute("username", authentication.getName());
		model.addAttribute("errors", Map.of());
		return "account-delete";
	}

	@PostMapping("/account/delete")
	String delete(@RequestParam(required = false) String currentPassword, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Optional<String> refused = this.profiles.delete(current(authentication), currentPassword,
				RequestOrigins.of(request));
		if (refused.isPresent()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("username", authentication.getName());
			model.addAttribute("errors", Map.of("currentPassword", refused.get()));
			return "account-delete";
		}
		// The sign-in session was deleted with every other one; forget it in this request
		// too.
		SecurityContextHolder.clearContext();
		if (request.getSession(false) != null) {
			request.getSession(false).invalidate();
		}
		return "redirect:/login?deleted";
	}

	private UserAccount current(Authentication authentication) {
		return this.signedIn.of(authentication)
			.orElseThrow(() -> new AccessDeniedException("The account is disabled or deleted"));
	}

}
