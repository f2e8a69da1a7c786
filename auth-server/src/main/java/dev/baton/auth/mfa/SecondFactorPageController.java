package dev.baton.auth.mfa;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import dev.baton.auth.support.RequestOrigins;
import dev.baton.auth.token.AuthenticationMethods;
import dev.baton.auth.user.UserAccount;
import dev.baton.auth.user.UserAccountRepository;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second step of a sign-in, {@code /login/second-factor}: after the password, a TOTP
 * code or a recovery code. Wrong codes count against the sign-in throttle like wrong
 * passwords; a right one adds the factor to the sign-in and continues with the request
 * that asked for it.
 */
@Controller
class SecondFactorPageController {

	static final String PATH = "/login/second-factor";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

	private final SecondFactors secondFactors;

	private final SecondFactorSessions sessions;

	private final UserAccountRepository accounts;

	SecondFactorPageController(SecondFactors secondFactors, SecondFactorSessions sessions,
			UserAccountRepository accounts) {
		this.secondFactors = secondFactors;
		this.sessions = sessions;
		this.accounts = accounts;
	}

	@GetMapping(PATH)
	String form(Authentication authentication) {
		if (AuthenticationMethods.hasSecondFactor(authentication)
				|| !this.secondFactors.isEnrolled(account(authentication))) {
			return "redirect:/account";
		}
		return "second-factor";
	}

	@PostMapping(PATH)
	String verify(@RequestParam(required = false) String code, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		UserAccount account = account(authentication);
		SecondFactors.Verification outcome = this.secondFactors.verify(account, code, RequestOrigins.of(request));
		if (outcome instanceof SecondFactors.Verification.Accepted) {
			this.sessions.addSecondFactor(authentication, request, response);
			return "redirect:" + this.sessions.continueUrl(request, response);
		}
		if (outcome instanceof SecondFactors.Verification.Locked locked) {
			model.addAttribute("lockedUntil", TIME.format(locked.until()));
		}
		else {
			model.addAttribute("failed", true);
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return "second-factor";
	}

	private UserAccount account(Authentication authentication) {
		return this.accounts.findByUsername(authentication.getName())
			.filter(UserAccount::enabled)
			.orElseThrow(() -> new AccessDeniedException("The account is disabled or deleted"));
	}

}
