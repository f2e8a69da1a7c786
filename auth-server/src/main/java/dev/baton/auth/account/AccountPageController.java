package dev.baton.auth.account;

import java.util.Map;

import dev.baton.auth.session.AccountRequests;
import dev.baton.auth.support.RequestOrigins;
import dev.baton.auth.user.UserAccount;
import dev.baton.auth.user.UserAccountRepository;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The account pages of a signed-in user: {@code /account} and {@code /account/password}.
 */
@Controller
class AccountPageController {

	private final UserAccountRepository accounts;

	private final PasswordChangeService passwords;

	AccountPageController(UserAccountRepository accounts, PasswordChangeService passwords) {
		this.accounts = accounts;
		this.passwords = passwords;
	}

	/**
	 * Where a person lands after signing in without an app having sent them: their
	 * account.
	 */
	@GetMapping("/")
	String home() {
		return "redirect:/account";
	}

	@GetMapping("/account")
	String account(Authentication authentication, Model model) {
		model.addAttribute("username", authentication.getName());
		model.addAttribute("account", this.accounts.findByUsername(authentication.getName()).orElse(null));
		model.addAttribute("errors", Map.of());
		return "account";
	}

	@GetMapping("/account/password")
	String passwordForm(Authentication authentication, Model model) {
		model.addAttribute("username", authentication.getName());
		model.addAttribute("errors", Map.of());
		return "password";
	}

	@PostMapping("/account/password")
	String changePassword(@RequestParam(required = false) String currentPassword,
			@RequestParam(required = false) String newPassword, @RequestParam(required = false) String confirmPassword,
			Authentication authentication, HttpServletRequest request, Model model) {
		model.addAttribute("username", authentication.getName());
		if (newPassword == null || !newPassword.equals(confirmPassword)) {
			model.addAttribute("errors", Map.of("confirmPassword", "does not match the new password"));
			return "password";
		}
		UserAccount user = this.accounts.findByUsername(authentication.getName())
			.orElseThrow(() -> new AccessDeniedException("The account is disabled or deleted"));
		PasswordChangeOutcome outcome = this.passwords.change(user, currentPassword, newPassword, null,
				AccountRequests.currentSignInId(request, authentication), RequestOrigins.of(request));
		if (outcome instanceof PasswordChangeOutcome.Rejected rejected) {
			model.addAttribute("errors", rejected.errors());
			return "password";
		}
		return "redirect:/account?passwordChanged";
	}

}
