package dev.baton.auth.reset;

import java.util.Map;

import dev.baton.auth.support.RequestOrigins;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The "Forgot password?" pages: {@code /account/password-reset} asks for the address and
 * always answers the same; {@code /account/password-reset/new?token=…}, the mailed link,
 * sets the new password. Opening the link uses nothing (a mail scanner may fetch it); the
 * form's POST does. The pages with a token in their address send no referrer and are not
 * cached.
 */
@Controller
class PasswordResetPageController {

	private final PasswordResetService resets;

	PasswordResetPageController(PasswordResetService resets) {
		this.resets = resets;
	}

	@GetMapping("/account/password-reset")
	String requestForm(Model model) {
		model.addAttribute("errors", Map.of());
		return "password-reset-request";
	}

	@PostMapping("/account/password-reset")
	String request(@RequestParam(required = false) String email, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		model.addAttribute("errors", Map.of());
		if (this.resets.request(email, RequestOrigins.of(request)) == PasswordResetService.Request.THROTTLED) {
			response.setStatus(429);
			model.addAttribute("errors",
					Map.of("form", "Too many reset requests for this address or from your network. Try again later."));
			return "password-reset-request";
		}
		model.addAttribute("sent", true);
		return "password-reset-request";
	}

	@GetMapping(PasswordResetService.PATH)
	String newPasswordForm(@RequestParam(required = false) String token, HttpServletResponse response, Model model) {
		noReferrer(response);
		if (!this.resets.isUsable(token)) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("invalid", true);
		}
		model.addAttribute("token", token);
		model.addAttribute("errors", Map.of());
		return "password-reset";
	}

	@PostMapping(PasswordResetService.PATH)
	String reset(@RequestParam(required = false) String token, @RequestParam(required = false) String newPassword,
			@RequestParam(required = false) String confirmPassword, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		noReferrer(response);
		model.addAttribute("token", token);
		if (newPassword == null || !newPassword.equals(confirmPassword)) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("errors", Map.of("confirmPassword", "does not match the new password"));
			model.addAttribute("invalid", !this.resets.isUsable(token));
			return "password-reset";
		}
		PasswordResetOutcome outcome = this.resets.reset(token, newPassword, RequestOrigins.of(request));
		if (outcome instanceof PasswordResetOutcome.Reset) {
			return "redirect:/login?passwordReset";
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		if (outcome instanceof PasswordResetOutcome.Rejected rejected) {
			model.addAttribute("errors", rejected.errors());
		}
		else {
			model.addAttribute("errors", Map.of());
			model.addAttribute("invalid", true);
		}
		return "password-reset";
	}

	private static void noReferrer(HttpServletResponse response) {
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("Cache-Control", "no-store");
	}

}
